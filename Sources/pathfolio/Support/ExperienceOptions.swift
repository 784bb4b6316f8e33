import ArgumentParser
import Foundation
import PathfolioCore
import PathfolioStore

/// The fields of an experience as options, shared by `add` and `edit`.
struct ExperienceOptions: ParsableArguments {
    @Option(help: "The title (\"Junior data analyst\", \"데이터 분석 실무\").")
    var title: String?

    @Option(name: [.customLong("org"), .customLong("organization")],
            help: "The employer, training provider, programme host or school; created if new.")
    var organization: String?

    @Option(help: "The role or position held.")
    var role: String?

    @Option(help: "Where it took place.")
    var location: String?

    @Option(help: ArgumentHelp("When it started: YYYY, YYYY-MM or YYYY-MM-DD.", valueName: "date"))
    var start: String?

    @Option(name: .customLong("start-label"), help: ArgumentHelp("Words for the start (\"spring 2019\").", valueName: "text"))
    var startLabel: String?

    @Option(help: ArgumentHelp("When it ended: YYYY, YYYY-MM or YYYY-MM-DD.", valueName: "date"))
    var end: String?

    @Option(name: .customLong("end-label"), help: ArgumentHelp("Words for the end.", valueName: "text"))
    var endLabel: String?

    @Flag(help: "It has not ended.")
    var ongoing = false

    @Option(help: "planned, ongoing, completed or discontinued (inferred from the dates when left out).")
    var status: ExperienceStatus?

    @Option(help: "A short description.")
    var summary: String?

    @Option(name: .customLong("highlight"), help: ArgumentHelp("An achievement, one line (repeatable).", valueName: "text"))
    var highlights: [String] = []

    @Option(name: .customLong("skill"), help: ArgumentHelp("A skill used or learned (repeatable).", valueName: "skill"))
    var skills: [String] = []

    @Option(name: .customLong("tag"), help: ArgumentHelp("A tag (repeatable).", valueName: "tag"))
    var tags: [String] = []

    @Option(name: .customLong("evidence"), help: ArgumentHelp(
        "A certificate, report or link: URI-or-PATH, or TITLE=URI-or-PATH (repeatable). A local file gets its SHA-256 recorded.",
        valueName: "evidence"))
    var evidence: [String] = []

    @Option(help: "Who may see it: private, counselor or public (default public).")
    var visibility: Visibility?

    // Kind-specific fields.

    @Option(name: .customLong("employment-type"), help: ArgumentHelp("job: fullTime, partTime, contract, temporary, freelance, selfEmployed, seasonal or other.", valueName: "type"))
    var employmentType: EmploymentType?

    @Option(help: ArgumentHelp("training: length in hours.", valueName: "hours"))
    var hours: Double?

    @Option(help: ArgumentHelp("training: the certificate or qualification earned.", valueName: "text"))
    var credential: String?

    @Option(name: .customLong("course-code"), help: ArgumentHelp("training: an external course ID, such as an HRD-Net course ID.", valueName: "code"))
    var courseCode: String?

    @Option(name: .customLong("ncs-code"), help: ArgumentHelp("training: a National Competency Standards (NCS) code.", valueName: "code"))
    var ncsCode: String?

    @Option(help: ArgumentHelp("training: how it was paid for (\"국민내일배움카드\").", valueName: "text"))
    var funding: String?

    @Option(name: [.customLong("programme"), .customLong("program")], help: ArgumentHelp("workExperience: the programme's name.", valueName: "name"))
    var programme: String?

    @Option(help: ArgumentHelp("workExperience: who funds or runs the programme.", valueName: "name"))
    var sponsor: String?

    @Option(name: .customLong("mentoring-role"), help: "mentoring: mentor or mentee.")
    var mentoringRole: MentoringRole?

    @Option(help: ArgumentHelp("mentoring: the other person, as you want them named.", valueName: "text"))
    var counterpart: String?

    /// The kind-specific options given, by the kind they belong to.
    private var kindSpecific: [(option: String, kind: ExperienceKind)] {
        var given: [(String, ExperienceKind)] = []
        if employmentType != nil { given.append(("--employment-type", .job)) }
        if hours != nil { given.append(("--hours", .training)) }
        if credential != nil { given.append(("--credential", .training)) }
        if courseCode != nil { given.append(("--course-code", .training)) }
        if ncsCode != nil { given.append(("--ncs-code", .training)) }
        if funding != nil { given.append(("--funding", .training)) }
        if programme != nil { given.append(("--programme", .workExperience)) }
        if sponsor != nil { given.append(("--sponsor", .workExperience)) }
        if mentoringRole != nil { given.append(("--mentoring-role", .mentoring)) }
        if counterpart != nil { given.append(("--counterpart", .mentoring)) }
        return given
    }

    func validate() throws {
        if ongoing && end != nil {
            throw ValidationError("--ongoing and --end contradict each other; give one of them")
        }
        // An empty item was dropped without a word (`--skill ""`, or a variable that was
        // not set): say so, and nothing is saved.
        let lists = [("--highlight", highlights, "Cut month-end reporting from 3 days to 1"), ("--skill", skills, "SQL"),
                     ("--tag", tags, "국비"), ("--evidence", evidence, "certificate.pdf")]
        for (option, values, example) in lists where values.contains(where: { $0.normalizedLine.isEmpty }) {
            throw ValidationError("\(option) was given an empty value; give it text, e.g. \(option) \"\(example)\", or leave it out")
        }
    }

    /// Applies the options that were given to an experience.
    ///
    /// - Throws: a usage error for an option of another kind; a data error (naming the
    ///   option) for an impossible date or evidence file that cannot be read.
    func apply(to experience: inout Experience) throws {
        for (option, kind) in kindSpecific where kind != experience.kind {
            throw Failure.usage("\(option) applies to \(kind.rawValue) experiences, not \(experience.kind.rawValue)",
                                hint: "leave \(option) out; it belongs to \(kind.rawValue) experiences")
        }
        if let title { experience.title = title }
        if let role { experience.role = role }
        if let location { experience.location = location }
        if let summary { experience.summary = summary }
        if let visibility { experience.visibility = visibility }
        if let start {
            experience.period.start = try Self.date(start, label: startLabel, option: "--start")
        } else if let startLabel {
            experience.period.start = try Self.relabel(experience.period.start, startLabel, option: "--start-label")
        }
        if let end {
            experience.period.end = .date(try Self.date(end, label: endLabel, option: "--end"))
        } else if let endLabel {
            experience.period.end = .date(try Self.relabel(experience.period.end?.date, endLabel, option: "--end-label"))
        }
        if ongoing { experience.period.end = .ongoing }
        if let status { experience.status = status }
        experience.highlights += highlights
        // A skill or tag already there in another letter case is not added again
        // (`--remove-skill` matches any case, and would take both).
        Self.add(skills, to: &experience.skills)
        Self.add(tags, to: &experience.tags)
        experience.evidence += try evidence.map(Self.evidence)

        if let employmentType { experience.job = JobDetails(employmentType: employmentType) }
        if hours != nil || credential != nil || courseCode != nil || ncsCode != nil || funding != nil {
            var training = experience.training ?? TrainingDetails()
            if let hours { training.hours = hours }
            if let credential { training.credential = credential }
            if let courseCode { training.courseCode = courseCode }
            if let ncsCode { training.ncsCode = ncsCode }
            if let funding { training.funding = funding }
            experience.training = training
        }
        if programme != nil || sponsor != nil {
            var details = experience.workExperience ?? WorkExperienceDetails()
            if let programme { details.programme = programme }
            if let sponsor { details.sponsor = sponsor }
            experience.workExperience = details
        }
        if mentoringRole != nil || counterpart != nil {
            var details = experience.mentoring ?? MentoringDetails()
            if let mentoringRole { details.role = mentoringRole }
            if let counterpart { details.counterpart = counterpart }
            experience.mentoring = details
        }
    }

    /// Whether any dates were given.
    var givesDates: Bool { start != nil || end != nil || ongoing }

    /// Appends each of `items` not in `list` already, ignoring letter case.
    static func add(_ items: [String], to list: inout [String]) {
        for item in items {
            let key = item.normalizedLine.lowercased()
            if !list.contains(where: { $0.normalizedLine.lowercased() == key }) { list.append(item) }
        }
    }

    private static func date(_ text: String, label: String?, option: String) throws -> PartialDate {
        let date = try DateArgument.parse(text, option: option)
        guard let label, let year = date.year else { return date }
        return try! PartialDate(year: year, month: date.month, day: date.day, label: label)
    }

    private static func relabel(_ date: PartialDate?, _ label: String, option: String) throws -> PartialDate {
        if let date, let year = date.year {
            return try! PartialDate(year: year, month: date.month, day: date.day, label: label)
        }
        do {
            return try PartialDate(label: label)
        } catch {
            throw Failure.badValue(option, "the label is empty", hint: "give some words, or leave the option out")
        }
    }

    /// `TITLE=URI`, or a bare URI or path. A local file is recorded by absolute path with
    /// its SHA-256.
    static func evidence(_ text: String) throws -> Evidence {
        var title: String?
        var target = text.trimmingWhitespace
        if let equals = target.firstIndex(of: "=") {
            let left = target[..<equals]
            if !left.contains("/"), !left.contains(":"), !left.isEmpty {
                title = String(left).trimmingWhitespace
                target = String(target[target.index(after: equals)...]).trimmingWhitespace
            }
        }
        guard !target.isEmpty else {
            throw Failure.badValue("--evidence", "'\(text)' names no link or file",
                                   hint: "write --evidence URI-or-PATH or --evidence \"TITLE=URI-or-PATH\"")
        }
        let isURI = target.range(of: "^[A-Za-z][A-Za-z0-9+.-]*:", options: .regularExpression) != nil
        if isURI {
            return Evidence(title: title ?? target, uri: target)
        }
        let absolute = target.hasPrefix("/") ? target
            : FileManager.default.currentDirectoryPath + "/" + target
        let path = (absolute as NSString).standardizingPath
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw Failure(.notFound, "--evidence: \(target): no such file",
                          hint: "give an existing file, or a link such as https://…", errorCode: "file.missing")
        }
        guard !isDirectory.boolValue else {
            throw Failure.badValue("--evidence", "\(target) is a folder", hint: "name a file inside it")
        }
        let digest: String
        do {
            digest = try sha256OfFile(at: path)
        } catch {
            throw Failure(.io, "--evidence: \(target) cannot be read", hint: "check its permissions", errorCode: "file.unreadable")
        }
        return Evidence(title: title ?? PathText.name(of: path), uri: path, sha256: digest)
    }
}
