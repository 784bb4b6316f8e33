public import Foundation
public import PathfolioCore

/// Reads a Europass CV in its XML form (SkillsPassport, schema v3.x).
///
/// Reads the person (name, contact details, birth date, gender, nationality, headline),
/// `WorkExperienceList` (jobs), `EducationList` (education) and the skills sections. Dates
/// come in Europass's attribute form (`<From year="2008" month="--05"/>`, `<Current>true</Current>`)
/// and are kept at their precision. Skills, languages and driving licences are not tied to
/// experiences in Europass, so they are kept as personal details and reported; sections the
/// model has no place for (achievements, attached documents) are reported as dropped.
///
/// - Throws: ``DiagnosticError`` at file, line and column: malformed XML, a root that is
///   not `SkillsPassport`, an impossible date, a missing name, an end before a start.
public enum EuropassReader {
    static let namespace = "http://europass.cedefop.europa.eu/Europass"

    /// Whether the bytes look like a Europass CV.
    public static func recognizes(_ data: Data) -> Bool {
        let head = FileHead(data)
        return head.contains("<SkillsPassport") || head.contains(":SkillsPassport")
    }

    public static func read(_ data: Data, options: ReadOptions) throws(DiagnosticError) -> ForeignRead {
        let root = try MarkupParser.parse(data, source: options.source)
        guard root.name == "SkillsPassport" else {
            throw DiagnosticError(.error("europass.root", "the root element is <\(root.name)>, not <SkillsPassport>",
                                         hint: "a Europass CV in XML starts with <SkillsPassport xmlns=\"\(namespace)\">",
                                         at: root.location(options.source)))
        }
        var reader = Reader(root: root, options: options)
        reader.read()
        try reader.problems.throwIfErrors()
        let portfolio = Portfolio(person: reader.person, organizations: reader.organizations, experiences: reader.experiences)
        return ForeignRead(portfolio: try portfolio.checkedForImport(origin: reader.origin), losses: reader.losses)
            .from(options.source)
    }

    private struct Reader {
        let root: MarkupElement
        let options: ReadOptions
        var problems: [Diagnostic] = []
        var losses = LossReport(format: "europass", direction: "import")
        var person = Person(id: "unnamed", name: "")
        var organizations: [Organization] = []
        /// Lower-cased NFC name → position in ``organizations``.
        var organizationIndex: [String: Int] = [:]
        var experiences: [Experience] = []
        var origin: [String: Diagnostic.Location] = [:]
        var usedIDs = Set<String>()

        init(root: MarkupElement, options: ReadOptions) {
            self.root = root
            self.options = options
        }

        /// The first descendant along a path of local names (any namespace).
        func find(_ element: MarkupElement?, _ path: String...) -> MarkupElement? {
            var current = element
            for name in path { current = current?.elements.first { $0.name == name } }
            return current
        }

        func all(_ element: MarkupElement?, _ name: String) -> [MarkupElement] {
            element?.elements.filter { $0.name == name } ?? []
        }

        /// Reports each child element of `element` the reader does not read, as dropped, so
        /// that nothing in a CV goes unread without a word.
        mutating func reportUnread(_ element: MarkupElement?, known: Set<String>, path: String, title: String? = nil) {
            guard let element else { return }
            var reported = Set<String>()
            for child in element.elements where !known.contains(child.name) && reported.insert(child.name).inserted {
                guard !child.elements.isEmpty || !child.text.trimmingWhitespace.isEmpty else { continue }
                losses.add("europass", path, title: title, field: child.name, .dropped, "Pathfolio does not read <\(child.name)> here")
            }
        }

        func text(_ element: MarkupElement?, _ path: String...) -> String? {
            var current = element
            for name in path { current = current?.elements.first { $0.name == name } }
            return current.map { HTMLText.plain($0.text).normalizedText }.flatMap(\.nilIfEmpty)
        }

        mutating func read() {
            let learner = find(root, "LearnerInfo")
            let identification = find(learner, "Identification")
            let first = text(identification, "PersonName", "FirstName")
            let surname = text(identification, "PersonName", "Surname")
            let name = [first, surname].compactMap { $0 }.joined(separator: " ")
            guard !name.isEmpty else {
                problems.append(.error("field.required", "the CV has no name (LearnerInfo/Identification/PersonName)",
                                       hint: "add <PersonName><FirstName>…</FirstName><Surname>…</Surname></PersonName>",
                                       at: (identification ?? learner ?? root).location(options.source)))
                return
            }
            person = Person(id: StableID.make("europass", name.nfc, text(identification, "ContactInfo", "Email", "Contact") ?? ""), name: name)
            reportUnread(find(identification, "PersonName"), known: ["FirstName", "Surname"], path: "Identification/PersonName")
            readContact(identification)
            if let headline = text(learner, "Headline", "Description", "Label") {
                person.details.append(PersonalDetail(.headline, headline))
                if find(learner, "Headline", "Type") != nil {
                    losses.add("europass", "Headline", field: "Type", .dropped, "the headline is kept without its type (desired position, job applied for, …)")
                }
            }
            for (index, work) in all(find(learner, "WorkExperienceList"), "WorkExperience").enumerated() {
                readItem(work, kind: .job, path: "WorkExperienceList/WorkExperience[\(index + 1)]")
            }
            for (index, education) in all(find(learner, "EducationList"), "Education").enumerated() {
                readItem(education, kind: .education, path: "EducationList/Education[\(index + 1)]")
            }
            readSkills(find(learner, "Skills"))
            for section in ["AchievementList", "Documentation", "ReferenceTo"] {
                if let element = find(learner, section), !element.elements.isEmpty {
                    losses.add("europass", section, field: "*", .dropped, "Pathfolio has no place for \(section)")
                }
            }
            reportUnread(learner, known: ["Identification", "Headline", "WorkExperienceList", "EducationList", "Skills",
                                          "AchievementList", "Documentation", "ReferenceTo"], path: "LearnerInfo")
            // The document's own metadata and print layout are not the person's; anything else
            // at the root (a cover letter, attachments) is.
            reportUnread(root, known: ["DocumentInfo", "PrintingPreferences", "LearnerInfo"], path: "SkillsPassport")
            reportUnread(identification, known: ["PersonName", "ContactInfo", "Demographics", "Photo"], path: "Identification")
        }

        mutating func readContact(_ identification: MarkupElement?) {
            let contact = find(identification, "ContactInfo")
            if let email = text(contact, "Email", "Contact") { person.details.append(PersonalDetail(.email, email)) }
            let phones = all(find(contact, "TelephoneList"), "Telephone") + all(contact, "Telephone")
            for phone in phones {
                if let number = text(phone, "Contact") {
                    person.details.append(PersonalDetail(.phone, number, label: text(phone, "Use", "Code")))
                }
            }
            for site in all(find(contact, "WebsiteList"), "Website") + all(contact, "Website") {
                if let url = text(site, "Contact") { person.details.append(PersonalDetail(.website, url)) }
            }
            if let address = find(contact, "Address", "Contact") {
                let parts = ["AddressLine", "AddressLine2", "PostalCode", "Municipality"].compactMap { text(address, $0) }
                    + [text(address, "Country", "Label") ?? text(address, "Country", "Code")].compactMap { $0 }
                if !parts.isEmpty { person.details.append(PersonalDetail(.address, parts.joined(separator: ", "))) }
            }
            reportUnread(contact, known: ["Address", "Email", "TelephoneList", "Telephone", "WebsiteList", "Website"],
                         path: "Identification/ContactInfo")
            let demographics = find(identification, "Demographics")
            reportUnread(demographics, known: ["Birthdate", "Gender", "NationalityList"], path: "Identification/Demographics")
            if let birth = find(demographics, "Birthdate"), let date = date(birth, path: "Demographics/Birthdate") {
                person.details.append(PersonalDetail(.birthDate, date.isoString ?? ""))
            }
            if let gender = text(demographics, "Gender", "Code") ?? text(demographics, "Gender", "Label") {
                person.details.append(PersonalDetail(.gender, gender))
            }
            for nationality in all(find(demographics, "NationalityList"), "Nationality") {
                if let value = text(nationality, "Label") ?? text(nationality, "Code") {
                    person.details.append(PersonalDetail(.nationality, value))
                }
            }
            if let photo = find(identification, "Photo"), !photo.elements.isEmpty {
                losses.add("person", nil, field: "Photo", .dropped, "an embedded photo is not stored; attach it as a file instead")
            }
        }

        /// A date in Europass's attribute form: `year="2008" month="--05" day="---03"`.
        mutating func date(_ element: MarkupElement, path: String) -> PartialDate? {
            guard let yearText = element.attribute("year", in: [nil]) else { return nil }
            let monthText = element.attribute("month", in: [nil])
            let dayText = element.attribute("day", in: [nil])
            func number(_ text: String?, dashes: Int) -> Int?? {
                guard let text else { return .some(nil) }
                let digits = text.drop { $0 == "-" }
                guard text.prefix(while: { $0 == "-" }).count == dashes, digits.count == 2, let value = Int(digits) else { return nil }
                return .some(value)
            }
            guard let year = Int(yearText), yearText.count == 4, let month = number(monthText, dashes: 2),
                  let day = number(dayText, dashes: 3) else {
                problems.append(.error("date.invalid",
                                       "\(path): '\(yearText)\(monthText.map { " " + $0 } ?? "")\(dayText.map { " " + $0 } ?? "")' is not a Europass date",
                                       hint: "write year=\"2008\" month=\"--05\" day=\"---03\" (month and day may be left out)",
                                       at: element.location(options.source)))
                return nil
            }
            do {
                return try PartialDate(year: year, month: month, day: day)
            } catch {
                problems.append(.error("date.invalid", "\(path): \(error.description)", hint: error.hint, at: element.location(options.source)))
                return nil
            }
        }

        mutating func organization(_ element: MarkupElement?, kind: OrganizationKind) -> OrganizationID? {
            guard let name = text(element, "Name") else { return nil }
            let key = name.nfc.lowercased()
            if let index = organizationIndex[key] { return organizations[index].id }
            organizationIndex[key] = organizations.count
            let address = find(element, "ContactInfo", "Address", "Contact")
            let place = [text(address, "Municipality"), text(address, "Country", "Label") ?? text(address, "Country", "Code")]
                .compactMap { $0 }.joined(separator: ", ")
            let organization = Organization(id: StableID.make("europass", person.id.rawValue, "organization", name.nfc.lowercased()),
                                            name: name, kind: kind, location: place.nilIfEmpty,
                                            website: text(element, "ContactInfo", "Website", "Contact"))
            organizations.append(organization)
            return organization.id
        }

        mutating func readItem(_ item: MarkupElement, kind: ExperienceKind, path: String) {
            let periodElement = find(item, "Period")
            let start = find(periodElement, "From").flatMap { date($0, path: path + "/Period/From") }
            var end: Period.End? = find(periodElement, "To").flatMap { date($0, path: path + "/Period/To") }.map { .date($0) }
            if text(periodElement, "Current")?.lowercased() == "true" { end = .ongoing }
            let titleText = kind == .job ? text(item, "Position", "Label") : text(item, "Title")
            if kind == .job { reportUnread(find(item, "Position"), known: ["Label"], path: path + "/Position", title: titleText) }
            let orgElement = find(item, kind == .job ? "Employer" : "Organisation")
            guard let title = titleText ?? text(orgElement, "Name") else {
                problems.append(.error("field.required", "\(path) has no \(kind == .job ? "Position/Label" : "Title")",
                                       hint: "give the item a title so it can be told apart", at: item.location(options.source)))
                return
            }
            let period = Period(start: start, end: end)
            var id: ExperienceID = StableID.make("europass", person.id.rawValue, path.components(separatedBy: "/")[0], title.nfc,
                                                 start?.isoString ?? "")
            var counter = 1
            while !usedIDs.insert(id.rawValue).inserted {
                counter += 1
                id = StableID.make("europass", person.id.rawValue, path, title.nfc, start?.isoString ?? "", String(counter))
            }
            let activities = find(item, "Activities")
            if let activities, activities.text.contains("<") {
                losses.add("europass", path, title: title, field: "Activities", .approximated, "HTML formatting dropped; the text was kept")
            }
            // What an education covered ("main subjects, occupational skills"): free text, often HTML.
            var highlights: [String] = []
            if kind == .education, let covered = text(item, "Skills") {
                highlights.append(covered)
                losses.add("europass", path, title: title, field: "Skills", .approximated,
                           find(item, "Skills")!.text.contains("<") ? "kept as a highlight, without its HTML formatting" : "kept as a highlight")
            }
            let place = kind == .job ? find(orgElement, "ContactInfo", "Address", "Contact") : nil
            let location = [text(place, "Municipality"), text(place, "Country", "Label")].compactMap { $0 }.joined(separator: ", ")
            let experience = Experience(
                id: id, kind: kind, status: ExperienceStatus.inferred(from: period, today: options.today), title: title,
                organizationID: organization(orgElement, kind: kind == .job ? .employer : .school),
                location: location.nilIfEmpty, period: period, summary: text(item, "Activities"), highlights: highlights)
            experiences.append(experience)
            origin[id.rawValue] = item.location(options.source)
            reportUnread(item, known: kind == .job ? ["Period", "Position", "Activities", "Employer", "Level", "Field"]
                                                   : ["Period", "Title", "Activities", "Skills", "Organisation", "Level", "Field"],
                         path: path, title: title)
            if let sector = text(orgElement, "Sector", "Label") {
                losses.add("europass", path, title: title, field: "Employer/Sector", .dropped, "Pathfolio keeps no sector ('\(sector)')")
            }
            for field in ["Level", "Field"] where find(item, field) != nil {
                losses.add("europass", path, title: title, field: field, .dropped, "Pathfolio has no education \(field.lowercased())")
            }
        }

        mutating func readSkills(_ skills: MarkupElement?) {
            guard let skills else { return }
            for language in all(find(skills, "Linguistic", "MotherTongueList"), "MotherTongue") {
                if let name = text(language, "Description", "Label") ?? text(language, "Description", "Code") {
                    person.details.append(PersonalDetail(.other, name, label: "mother tongue", visibility: .public))
                    losses.add("europass", "Skills/Linguistic/MotherTongue", title: name, field: "*", .approximated,
                               "kept as a personal detail 'mother tongue'")
                }
            }
            for (index, language) in all(find(skills, "Linguistic", "ForeignLanguageList"), "ForeignLanguage").enumerated() {
                guard let name = text(language, "Description", "Label") ?? text(language, "Description", "Code") else { continue }
                let levels = find(language, "ProficiencyLevel")?.elements.compactMap { level in
                    text(level).map { "\(level.name) \($0)" }
                } ?? []
                let value = levels.isEmpty ? name : "\(name) (\(levels.joined(separator: ", ")))"
                person.details.append(PersonalDetail(.other, value, label: "language", visibility: .public))
                losses.add("europass", "Skills/Linguistic/ForeignLanguage[\(index + 1)]", title: name, field: "*", .approximated,
                           "kept as a personal detail 'language'")
            }
            for section in ["Communication", "Organisational", "JobRelated", "Computer", "Other"] {
                guard let description = text(skills, section, "Description") else { continue }
                person.details.append(PersonalDetail(.other, description, label: "skills: \(section)", visibility: .public))
                losses.add("europass", "Skills/\(section)", field: "Description", .approximated,
                           "kept as a personal detail: Pathfolio ties skills to experiences")
            }
            reportUnread(skills, known: ["Linguistic", "Communication", "Organisational", "JobRelated", "Computer", "Other", "Driving"],
                         path: "Skills")
            let licences = all(find(skills, "Driving", "Description"), "Licence").compactMap { text($0) }
            if !licences.isEmpty {
                person.details.append(PersonalDetail(.other, licences.joined(separator: ", "), label: "driving licence", visibility: .public))
                losses.add("europass", "Skills/Driving", field: "Description", .approximated, "kept as a personal detail 'driving licence'")
            }
        }
    }
}
