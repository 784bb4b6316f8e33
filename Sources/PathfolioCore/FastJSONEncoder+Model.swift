/// The value trees of the records encoded most (experiences, links, reflections, and the
/// periods and dates in them), built directly: what their synthesized
/// `encode(to:)` gives `JSONNodeEncoder` (the same keys, absent optionals left out), without
/// Codable's generic containers. An import encodes every experience it stores as a revision
/// snapshot, and `--json` every experience it prints; through the containers that was
/// ~55,000 instructions an experience. `FastJSONEncoderTests` compares the bytes with
/// `JSONEncoder` on generated records.
extension Experience {
    func jsonNode(dates: FastJSONEncoder.DateStrategy) throws -> JSONNode {
        // Keys in UTF-8 byte order, each once, so that the writer need not sort them.
        let object = JSONObjectBox(sorted: true)
        object.entries.reserveCapacity(18)
        let evidenceNodes = JSONArrayBox()
        evidenceNodes.items = evidence.map(\.jsonNode)
        object.set("evidence", .array(evidenceNodes))
        object.set("highlights", .strings(highlights))
        object.set("id", .string(id.rawValue))
        // One of the kinds' details at most, and rarely: through the containers.
        if let job { object.set("job", try JSONNodeEncoder.node(for: job, dates: dates)) }
        object.set("kind", .string(kind.rawValue))
        if let location { object.set("location", .string(location)) }
        if let mentoring { object.set("mentoring", try JSONNodeEncoder.node(for: mentoring, dates: dates)) }
        if let organizationID { object.set("organizationID", .string(organizationID.rawValue)) }
        object.set("period", period.jsonNode)
        if let role { object.set("role", .string(role)) }
        object.set("skills", .strings(skills))
        object.set("status", .string(status.rawValue))
        if let summary { object.set("summary", .string(summary)) }
        object.set("tags", .strings(tags))
        object.set("title", .string(title))
        if let training { object.set("training", try JSONNodeEncoder.node(for: training, dates: dates)) }
        object.set("visibility", .string(visibility.rawValue))
        if let workExperience { object.set("workExperience", try JSONNodeEncoder.node(for: workExperience, dates: dates)) }
        return .object(object)
    }
}

extension Link {
    var jsonNode: JSONNode {
        let object = JSONObjectBox(sorted: true)
        object.set("from", .string(from.rawValue))
        if let note { object.set("note", .string(note)) }
        object.set("to", .string(to.rawValue))
        object.set("type", .string(type.rawValue))
        return .object(object)
    }
}

extension Reflection {
    var jsonNode: JSONNode {
        let object = JSONObjectBox(sorted: true)
        let entryNodes = JSONArrayBox()
        entryNodes.items = entries.map { entry in
            let item = JSONObjectBox(sorted: true)
            item.set("answer", .string(entry.answer))
            item.set("key", .string(entry.key))
            item.set("prompt", .string(entry.prompt))
            return .object(item)
        }
        object.set("entries", .array(entryNodes))
        object.set("experienceID", .string(experienceID.rawValue))
        object.set("id", .string(id.rawValue))
        object.set("kind", .string(kind.rawValue))
        if let locale { object.set("locale", .string(locale)) }
        if let outcome { object.set("outcome", .string(outcome.rawValue)) }
        if let rating { object.set("rating", .number(String(rating))) }
        object.set("skillsGained", .strings(skillsGained))
        if let template { object.set("template", .string(template)) }
        object.set("visibility", .string(visibility.rawValue))
        object.set("written", written.jsonNode)
        return .object(object)
    }
}

extension Period {
    var jsonNode: JSONNode {
        let object = JSONObjectBox(sorted: true)
        switch end {
        case .ongoing?: object.set("end", .string("ongoing"))
        case .date(let date)?: object.set("end", date.jsonNode)
        case nil: break
        }
        if let start { object.set("start", start.jsonNode) }
        return .object(object)
    }
}

extension PartialDate {
    /// As ``encode(to:)``: the ISO text alone without a label, else an object.
    var jsonNode: JSONNode {
        if label == nil, let isoString { return .string(isoString) }
        let object = JSONObjectBox(sorted: true)
        if let isoString { object.set("date", .string(isoString)) }
        if let label { object.set("label", .string(label)) }
        return .object(object)
    }
}

extension Evidence {
    var jsonNode: JSONNode {
        let object = JSONObjectBox(sorted: true)
        if let sha256 { object.set("sha256", .string(sha256)) }
        object.set("title", .string(title))
        object.set("uri", .string(uri))
        return .object(object)
    }
}

extension JSONObjectBox {
    convenience init(sorted: Bool) {
        self.init()
        isSorted = sorted
    }
}

extension JSONNode {
    static func strings(_ values: [String]) -> JSONNode {
        let box = JSONArrayBox()
        box.items = values.map(JSONNode.string)
        return .array(box)
    }
}
