/// The value trees of the records encoded most (experiences, links, reflections, and the
/// periods and dates in them), built directly: what their synthesized
/// `encode(to:)` gives `JSONNodeEncoder` (the same keys, absent optionals left out), without
/// Codable's generic containers. An import encodes every experience it stores as a revision
/// snapshot, and `--json` every experience it prints; through the containers that was
/// ~55,000 instructions an experience. `FastJSONEncoderTests` compares the bytes with
/// `JSONEncoder` on generated records.
extension Experience {
    package func jsonNode(dates: FastJSONEncoder.DateStrategy) throws -> JSONNode {
        // Keys in UTF-8 byte order, each once, so that the writer need not sort them.
        let object = JSONObjectBox(sortedCapacity: 18)
        let evidenceNodes = JSONArrayBox()
        evidenceNodes.items = evidence.map(\.jsonNode)
        object.add("evidence", .array(evidenceNodes))
        object.add("highlights", .strings(highlights))
        object.add("id", .string(id.rawValue))
        // One of the kinds' details at most, and rarely: through the containers.
        if let job { object.add("job", try JSONNodeEncoder.node(for: job, dates: dates)) }
        object.add("kind", .string(kind.rawValue))
        if let location { object.add("location", .string(location)) }
        if let mentoring { object.add("mentoring", try JSONNodeEncoder.node(for: mentoring, dates: dates)) }
        if let organizationID { object.add("organizationID", .string(organizationID.rawValue)) }
        object.add("period", period.jsonNode)
        if let role { object.add("role", .string(role)) }
        object.add("skills", .strings(skills))
        object.add("status", .string(status.rawValue))
        if let summary { object.add("summary", .string(summary)) }
        object.add("tags", .strings(tags))
        object.add("title", .string(title))
        if let training { object.add("training", try JSONNodeEncoder.node(for: training, dates: dates)) }
        object.add("visibility", .string(visibility.rawValue))
        if let workExperience { object.add("workExperience", try JSONNodeEncoder.node(for: workExperience, dates: dates)) }
        return .object(object)
    }
}

extension Link {
    package var jsonNode: JSONNode {
        let object = JSONObjectBox(sortedCapacity: 4)
        object.add("from", .string(from.rawValue))
        if let note { object.add("note", .string(note)) }
        object.add("to", .string(to.rawValue))
        object.add("type", .string(type.rawValue))
        return .object(object)
    }
}

extension Reflection {
    package var jsonNode: JSONNode {
        let object = JSONObjectBox(sortedCapacity: 12)
        let entryNodes = JSONArrayBox()
        entryNodes.items = entries.map { entry in
            let item = JSONObjectBox(sortedCapacity: 4)
            item.add("answer", .string(entry.answer))
            item.add("key", .string(entry.key))
            item.add("prompt", .string(entry.prompt))
            return .object(item)
        }
        object.add("entries", .array(entryNodes))
        object.add("experienceID", .string(experienceID.rawValue))
        object.add("id", .string(id.rawValue))
        object.add("kind", .string(kind.rawValue))
        if let locale { object.add("locale", .string(locale)) }
        if let outcome { object.add("outcome", .string(outcome.rawValue)) }
        if let rating { object.add("rating", .number(String(rating))) }
        object.add("skillsGained", .strings(skillsGained))
        if let template { object.add("template", .string(template)) }
        object.add("visibility", .string(visibility.rawValue))
        object.add("written", written.jsonNode)
        return .object(object)
    }
}

extension Period {
    package var jsonNode: JSONNode {
        let object = JSONObjectBox(sortedCapacity: 4)
        switch end {
        case .ongoing?: object.add("end", .string("ongoing"))
        case .date(let date)?: object.add("end", date.jsonNode)
        case nil: break
        }
        if let start { object.add("start", start.jsonNode) }
        return .object(object)
    }
}

extension Period {
    /// ``jsonNode`` written straight into a writer (a walk writes one a step).
    package func writeJSON(into writer: inout JSONNodeWriter) {
        writer.beginObject()
        switch end {
        case .ongoing?: writer.field("end"); writer.string("ongoing")
        case .date(let date)?: writer.field("end"); date.writeJSON(into: &writer)
        case nil: break
        }
        if let start { writer.field("start"); start.writeJSON(into: &writer) }
        writer.endObject()
    }
}

extension PartialDate {
    /// ``jsonNode`` written straight into a writer.
    func writeJSON(into writer: inout JSONNodeWriter) {
        if label == nil, let isoString { return writer.string(isoString) }
        writer.beginObject()
        if let isoString { writer.field("date"); writer.string(isoString) }
        if let label { writer.field("label"); writer.string(label) }
        writer.endObject()
    }
}

extension PartialDate {
    /// As ``encode(to:)``: the ISO text alone without a label, else an object.
    var jsonNode: JSONNode {
        if label == nil, let isoString { return .string(isoString) }
        let object = JSONObjectBox(sortedCapacity: 4)
        if let isoString { object.add("date", .string(isoString)) }
        if let label { object.add("label", .string(label)) }
        return .object(object)
    }
}

extension Evidence {
    package var jsonNode: JSONNode {
        let object = JSONObjectBox(sortedCapacity: 4)
        if let sha256 { object.add("sha256", .string(sha256)) }
        object.add("title", .string(title))
        object.add("uri", .string(uri))
        return .object(object)
    }
}

extension JSONObjectBox {
    package convenience init(sorted: Bool) {
        self.init()
        isSorted = sorted
    }

    /// An object a builder fills with ``add(_:_:)``: keys in UTF-8 byte order, each once, so
    /// the writer need not sort them; room for `capacity` keys made up front.
    package convenience init(sortedCapacity capacity: Int) {
        self.init(sorted: true)
        entries.reserveCapacity(capacity)
    }

    /// Adds a key that comes after every key already in a sorted object, unchecked (checked
    /// in debug builds, where the tests run): ``set(_:_:)`` compares it with the last key,
    /// which a builder writing hundreds of thousands of objects need not pay for.
    package func add(_ key: String, _ value: JSONNode) {
        assert(!isSorted || entries.last.map { JSONNodeWriter.precedes($0.key, key) } ?? true, "\(key) out of order")
        entries.append((key, value))
    }
}

extension JSONNode {
    package static func strings(_ values: [String]) -> JSONNode {
        let box = JSONArrayBox()
        box.items = values.map(JSONNode.string)
        return .array(box)
    }
}
