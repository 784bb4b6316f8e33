public import Foundation
public import PathfolioCore

/// Reads a JSON Resume document (`resume.json`, schema 1.0 and its older drafts).
///
/// Reads `basics`, `work`, `volunteer`, `education`, `projects`, `certificates` and `skills`;
/// accepts legacy keys (`company`, `website`, `picture`), `"Present"` and missing end dates,
/// and dates at the precision they are given (`2019`, `2019-03`, `2019-03-14`). Sections the
/// model has no place for (`awards`, `publications`, `languages`, `interests`, `references`)
/// are listed in the loss report.
///
/// IDs are derived from the content, so reading the same file twice gives the same
/// portfolio and re-importing it changes nothing.
///
/// - Throws: ``DiagnosticError`` with every problem, each at its JSON path
///   (`resume.json: work[2].startDate: error: '2019-13' has a month outside 01–12`), or at
///   line and column for malformed JSON.
public enum JSONResumeReader {
    public static func read(_ data: Data, options: ReadOptions) throws(DiagnosticError) -> ForeignRead {
        let json: Any
        do {
            json = try JSONSerialization.jsonObject(with: data, options: [.fragmentsAllowed])
        } catch {
            throw DiagnosticError(syntaxError(error, data: data, source: options.source))
        }
        var reader = Reader(options: options)
        reader.read(json)
        try reader.problems.throwIfErrors()
        let portfolio = Portfolio(person: reader.person, organizations: reader.organizations,
                                  experiences: reader.experiences)
        return ForeignRead(portfolio: try portfolio.checkedForImport(origin: reader.origin), losses: reader.losses)
            .from(options.source)
    }

    /// Malformed JSON, at the line and column the parser names.
    static func syntaxError(_ error: any Error, data: Data, source: String) -> Diagnostic {
        let text = (error as NSError).userInfo["NSDebugDescription"] as? String ?? "\(error)"
        var line: Int?, column: Int?
        let numbers = text.components(separatedBy: CharacterSet.decimalDigits.inverted).compactMap(Int.init)
        if text.contains("line"), text.contains("column"), numbers.count >= 2 {
            line = numbers[numbers.count - 2]
            column = numbers[numbers.count - 1]
        } else if let range = text.range(of: "character "), let offset = Int(text[range.upperBound...].prefix(while: \.isNumber)) {
            let prefix = data.prefix(offset)
            line = prefix.filter { $0 == 10 }.count + 1
            column = offset - (prefix.lastIndex(of: 10).map { $0 + 1 } ?? 0) + 1
        }
        return .error("json.malformed", "the file is not valid JSON: \(text)",
                      hint: "check for a missing comma, quote or bracket near this place",
                      at: .file(source, line: line, column: column))
    }

    private struct Reader {
        let options: ReadOptions
        var problems: [Diagnostic] = []
        var losses = LossReport(format: "json-resume", direction: "import")
        var person = Person(id: "unnamed", name: "")
        var organizations: [Organization] = []
        /// Lower-cased NFC name → position in ``organizations``.
        var organizationIndex: [String: Int] = [:]
        var experiences: [Experience] = []
        /// Where each record came from: experience ID → JSON path.
        var origin: [String: Diagnostic.Location] = [:]
        private var usedIDs = Set<String>()
        /// The date keys of the item being read whose time of day was cut off (`startDate`).
        private var timesCut: [String] = []

        /// The keys each kind of object has in JSON Resume 1.0 and its older drafts (`company`,
        /// `website`, `picture`, `gpa`); any other key is reported as dropped, so that nothing
        /// in a file goes unread without a word.
        static let knownKeys: [String: Set<String>] = [
            "basics": ["name", "label", "image", "picture", "email", "phone", "url", "website", "summary", "location", "profiles"],
            "basics.location": ["address", "postalCode", "city", "region", "countryCode"],
            "basics.profiles": ["network", "url", "username"],
            "work": ["name", "company", "position", "url", "website", "startDate", "endDate", "summary", "highlights",
                     "description", "location"],
            "volunteer": ["organization", "position", "url", "website", "startDate", "endDate", "summary", "highlights",
                          "description"],
            "education": ["institution", "url", "area", "studyType", "startDate", "endDate", "score", "gpa", "courses",
                          "highlights"],
            "projects": ["name", "description", "highlights", "keywords", "startDate", "endDate", "url", "roles", "entity", "type"],
            "certificates": ["name", "title", "date", "issuer", "url", "highlights", "startDate", "endDate"],
            "skills": ["name", "level", "keywords"],
        ]

        /// Reports each key of `object` that the reader does not read, as dropped.
        mutating func reportUnread(_ object: [String: Any], as kind: String, entity: String, path: String, title: String?) {
            guard let known = Self.knownKeys[kind] else { return }
            for key in object.keys.sorted() where !known.contains(key) {
                guard let value = object[key], !(value is NSNull) else { continue }
                losses.add(entity, path, title: title, field: key, .dropped, "not a JSON Resume 1.0 field of \(kind)")
            }
        }

        init(options: ReadOptions) { self.options = options }

        func at(_ path: String) -> Diagnostic.Location { Diagnostic.Location(file: options.source, field: path) }

        mutating func fail(_ path: String, _ message: String, hint: String, code: String = "jsonResume.type") {
            problems.append(.error(code, message, hint: hint, at: at(path)))
        }

        mutating func read(_ json: Any) {
            guard let root = json as? [String: Any] else {
                fail("$", "the document is not a JSON object", hint: "a resume.json starts with { \"basics\": { \"name\": … } }")
                return
            }
            readBasics(root["basics"])
            let sections: [(String, ExperienceKind)] = [("work", .job), ("volunteer", .volunteering), ("education", .education),
                                                        ("projects", .project), ("certificates", .training)]
            for (key, kind) in sections {
                for (index, item) in objects(root[key], path: key).enumerated() {
                    readItem(item, kind: kind, path: "\(key)[\(index)]")
                }
            }
            readSkills(root["skills"])
            for key in ["awards", "publications", "languages", "interests", "references"] {
                for (index, item) in objects(root[key], path: key).enumerated() {
                    // A reference names someone else: their name stays out of the report.
                    let title = key == "references" ? nil : (item["title"] ?? item["name"] ?? item["language"]) as? String
                    losses.add(key, "\(key)[\(index)]", title: title, field: "*", .dropped, "Pathfolio has no place for \(key)")
                }
            }
            let known: Set<String> = ["basics", "work", "volunteer", "education", "projects", "certificates", "skills", "awards",
                                      "publications", "languages", "interests", "references", "meta", "$schema"]
            for key in root.keys.sorted() where !known.contains(key) {
                losses.add("resume", nil, field: key, .dropped, "not a JSON Resume 1.0 section")
            }
            if let meta = root["meta"], !(meta is NSNull) {
                losses.add("resume", nil, field: "meta", .dropped, "the document's own metadata (version, last change) is not kept")
            }
        }

        /// The array of objects at `path`; anything else is an error.
        mutating func objects(_ value: Any?, path: String) -> [[String: Any]] {
            guard let value, !(value is NSNull) else { return [] }
            guard let array = value as? [Any] else {
                fail(path, "\(path) is not a list", hint: "write \(path) as [ {…}, {…} ]")
                return []
            }
            var result: [[String: Any]] = []
            for (index, item) in array.enumerated() {
                if let object = item as? [String: Any] { result.append(object) } else {
                    fail("\(path)[\(index)]", "\(path)[\(index)] is not an object", hint: "write each item as { \"name\": … }")
                    result.append([:])
                }
            }
            return result
        }

        mutating func string(_ object: [String: Any], _ keys: String..., path: String) -> String? {
            for key in keys {
                guard let value = object[key], !(value is NSNull) else { continue }
                guard let text = value as? String else {
                    if let number = value as? NSNumber { return number.stringValue }
                    fail("\(path).\(key)", "\(path).\(key) is not a string", hint: "write it in quotes")
                    return nil
                }
                let trimmed = text.trimmingWhitespace
                if !trimmed.isEmpty { return trimmed }
            }
            return nil
        }

        mutating func strings(_ object: [String: Any], _ key: String, path: String) -> [String] {
            guard let value = object[key], !(value is NSNull) else { return [] }
            guard let array = value as? [Any] else {
                fail("\(path).\(key)", "\(path).\(key) is not a list", hint: "write it as [\"…\", \"…\"]")
                return []
            }
            return array.enumerated().compactMap { index, item in
                if let text = item as? String { return text }
                fail("\(path).\(key)[\(index)]", "\(path).\(key)[\(index)] is not a string", hint: "write it in quotes")
                return nil
            }
        }

        mutating func readBasics(_ value: Any?) {
            guard let basics = value as? [String: Any] else {
                fail("basics", "basics is missing or not an object",
                     hint: "give at least { \"basics\": { \"name\": \"…\" } }", code: "jsonResume.basics")
                return
            }
            guard let name = string(basics, "name", path: "basics") else {
                fail("basics.name", "the person's name is missing", hint: "add \"name\" to basics", code: "field.required")
                return
            }
            let email = string(basics, "email", path: "basics")
            person = Person(id: StableID.make("json-resume", name.nfc, email ?? ""), name: name)
            var details: [PersonalDetail] = []
            func add(_ kind: PersonalDetailKind, _ value: String?, label: String? = nil) {
                if let value { details.append(PersonalDetail(kind, value, label: label)) }
            }
            add(.headline, string(basics, "label", path: "basics"))
            add(.photo, string(basics, "image", "picture", path: "basics"))
            add(.email, email)
            add(.phone, string(basics, "phone", path: "basics"))
            add(.website, string(basics, "url", "website", path: "basics"))
            add(.summary, string(basics, "summary", path: "basics"))
            reportUnread(basics, as: "basics", entity: "basics", path: "basics", title: nil)
            if let location = basics["location"] as? [String: Any] {
                let path = "basics.location"
                var parts: [String: String] = [:]
                for key in ["address", "postalCode", "city", "region", "countryCode"] {
                    parts[key] = string(location, key, path: path)
                }
                let address = [parts["address"], parts["postalCode"]].compactMap { $0 }.joined(separator: ", ")
                add(.address, address.isEmpty ? nil : address)
                let place = [parts["city"], parts["region"], parts["countryCode"]].compactMap { $0 }.joined(separator: ", ")
                add(.location, place.isEmpty ? nil : place)
                // The parts are kept as written, but in one text each: which field each came from is not.
                if parts["postalCode"] != nil {
                    losses.add("basics", path, field: "postalCode", .approximated, "kept in the address detail, after the address")
                }
                for key in ["region", "countryCode"] where parts[key] != nil {
                    losses.add("basics", path, field: key, .approximated, "kept in the location detail, after the city")
                }
                reportUnread(location, as: "basics.location", entity: "basics", path: path, title: nil)
            } else if let place = string(basics, "location", path: "basics") {
                // Older résumés write the place as one text.
                add(.location, place)
                losses.add("basics", "basics.location", field: "location", .approximated,
                           "a text, not JSON Resume 1.0's object: kept as the location detail")
            }
            for (index, profile) in objects(basics["profiles"], path: "basics.profiles").enumerated() {
                let path = "basics.profiles[\(index)]"
                let network = string(profile, "network", path: path)
                let username = string(profile, "username", path: path)
                if let url = string(profile, "url", path: path) {
                    add(.website, url, label: network)
                    if let username, !url.lowercased().contains(username.lowercased()) {
                        losses.add("basics", path, title: network, field: "username", .dropped,
                                   "the profile's URL was kept, and it does not contain the user name")
                    }
                } else if let username {
                    add(.other, username, label: network ?? "profile")
                    losses.add("basics", path, title: network, field: "username", .approximated, "kept as an other personal detail")
                }
                reportUnread(profile, as: "basics.profiles", entity: "basics", path: path, title: network)
            }
            person.details = details
        }

        mutating func organization(_ name: String?, website: String?, kind: OrganizationKind) -> OrganizationID? {
            guard let name else { return nil }
            let key = name.nfc.lowercased()
            if let index = organizationIndex[key] {
                if organizations[index].website == nil, let website { organizations[index].website = website }
                return organizations[index].id
            }
            organizationIndex[key] = organizations.count
            let organization = Organization(id: StableID.make("json-resume", person.id.rawValue, "organization", name.nfc.lowercased()),
                                            name: name, kind: kind, website: website)
            organizations.append(organization)
            return organization.id
        }

        mutating func date(_ object: [String: Any], _ key: String, path: String) -> Period.End? {
            guard let text = string(object, key, path: path) else { return nil }
            if ["present", "current", "now", "ongoing", "현재"].contains(text.lowercased()) { return .ongoing }
            do {
                if let date = ForeignDate.w3c(text), date.precision == .day || !text.contains("T") {
                    if text.contains("T") { timesCut.append(key) }
                    return .date(date)
                }
                return .date(try PartialDate(text))
            } catch {
                fail("\(path).\(key)", error.description, hint: error.hint + ", or \"Present\" for an end that has not come",
                     code: "date.invalid")
                return nil
            }
        }

        mutating func readItem(_ item: [String: Any], kind: ExperienceKind, path: String) {
            let section = String(path.prefix(while: { $0 != "[" }))
            var title: String?, orgName: String?, website: String?, orgKind = OrganizationKind.employer
            var role: String?
            var summary: String?
            timesCut = []
            var highlights = strings(item, "highlights", path: path)
            var skills: [String] = []
            var evidence: [Evidence] = []
            var training: TrainingDetails?
            var start = date(item, "startDate", path: path)
            var end = date(item, "endDate", path: path)
            switch section {
            case "work", "volunteer":
                orgName = section == "work" ? string(item, "name", "company", path: path) : string(item, "organization", path: path)
                title = string(item, "position", path: path) ?? orgName
                website = string(item, "url", "website", path: path)
                summary = string(item, "summary", path: path)
                orgKind = section == "work" ? .employer : .nonprofit
                if string(item, "description", path: path) != nil {
                    losses.add(section, path, title: title, field: "description", .dropped, "Pathfolio keeps no description of the employer")
                }
            case "education":
                orgName = string(item, "institution", path: path)
                website = string(item, "url", path: path)
                let words = [string(item, "studyType", path: path), string(item, "area", path: path)].compactMap { $0 }
                title = words.isEmpty ? orgName : words.joined(separator: " ")
                if words.count == 2 {
                    losses.add(section, path, title: title, field: "studyType", .approximated, "joined with the area into the title")
                }
                orgKind = .school
                let courses = strings(item, "courses", path: path)
                if !courses.isEmpty {
                    highlights += courses
                    losses.add(section, path, title: title, field: "courses", .approximated, "kept as highlights")
                }
                if string(item, "score", "gpa", path: path) != nil {
                    losses.add(section, path, title: title, field: "score", .dropped, "Pathfolio has no score field")
                }
            case "projects":
                title = string(item, "name", path: path)
                summary = string(item, "description", path: path)
                skills = strings(item, "keywords", path: path)
                orgName = string(item, "entity", path: path)
                let roles = strings(item, "roles", path: path)
                role = roles.isEmpty ? nil : roles.joined(separator: ", ")
                if roles.count > 1 { losses.add(section, path, title: title, field: "roles", .approximated, "joined into one role") }
                if let url = string(item, "url", path: path) { evidence.append(Evidence(title: title ?? url, uri: url)) }
                if string(item, "type", path: path) != nil {
                    losses.add(section, path, title: title, field: "type", .dropped, "Pathfolio has no project type")
                }
            default: // certificates
                title = string(item, "name", "title", path: path)
                orgName = string(item, "issuer", path: path)
                orgKind = .trainingProvider
                training = TrainingDetails(credential: title)
                if let url = string(item, "url", path: path) { evidence.append(Evidence(title: title ?? url, uri: url)) }
                if let day = date(item, "date", path: path) { end = day; start = nil }
            }
            guard let title else {
                fail(path, "\(path) has no \(section == "education" ? "institution, area or studyType" : section == "projects" || section == "certificates" ? "name" : "position or name")",
                     hint: "give the item a name so it can be told apart", code: "field.required")
                return
            }
            let period = Period(start: start?.date, end: end)
            var key = StableID.make("json-resume", person.id.rawValue, section, title.nfc, orgName?.nfc ?? "",
                                    start?.date?.isoString ?? "") as ExperienceID
            var counter = 1
            while !usedIDs.insert(key.rawValue).inserted {
                counter += 1
                key = StableID.make("json-resume", person.id.rawValue, section, title.nfc, orgName?.nfc ?? "",
                                    start?.date?.isoString ?? "", String(counter))
            }
            if case .ongoing? = start {
                fail("\(path).startDate", "the start date says the experience is ongoing", hint: "give the date it started, e.g. 2024-03",
                     code: "date.invalid")
            }
            let experience = Experience(
                id: key, kind: kind, status: ExperienceStatus.inferred(from: period, today: options.today), title: title,
                organizationID: organization(orgName, website: website, kind: orgKind), role: role,
                location: section == "work" ? string(item, "location", path: path) : nil, period: period,
                summary: summary, highlights: highlights, skills: skills, evidence: evidence, training: training)
            experiences.append(experience)
            origin[key.rawValue] = at(path)
            for key in timesCut {
                losses.add(section, path, title: title, field: key, .approximated, "the time of day was dropped; Pathfolio keeps dates")
            }
            reportUnread(item, as: section, entity: section, path: path, title: title)
            if section == "certificates" {
                losses.add(section, path, title: title, field: "*", .approximated, "kept as a completed training with this credential")
            }
        }

        mutating func readSkills(_ value: Any?) {
            for (index, skill) in objects(value, path: "skills").enumerated() {
                let path = "skills[\(index)]"
                guard let name = string(skill, "name", path: path) else { continue }
                let keywords = strings(skill, "keywords", path: path)
                let text = keywords.isEmpty ? name : "\(name): \(keywords.joined(separator: ", "))"
                person.details.append(PersonalDetail(.other, text, label: "skill", visibility: .public))
                losses.add("skills", path, title: name, field: "*", .approximated,
                           "kept as a personal detail: Pathfolio ties skills to experiences")
                if string(skill, "level", path: path) != nil {
                    losses.add("skills", path, title: name, field: "level", .dropped, "Pathfolio has no skill level")
                }
                reportUnread(skill, as: "skills", entity: "skills", path: path, title: name)
            }
        }
    }
}
