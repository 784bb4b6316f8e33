import Foundation
import PathfolioCore

/// File operands, handed to ArgumentParser as one value.
///
/// ArgumentParser adds each value of an array argument by copying the array so far and the set
/// of its input positions (`ParsedValues.update`), so parsing n operands costs n²: 10,000 files
/// (`pathfolio import dir/*.xml`) took 2.5 s before the first file was opened. `fold` joins
/// the file operands of `import` and `validate` into one value, separated by NUL (which no
/// command-line argument can contain), before ArgumentParser sees them; the commands `unfold`
/// it. Options, their values and anything after `--` stay where they were, so ArgumentParser
/// parses and reports everything else as it would have.
enum Operands {
    static let separator: Character = "\0"

    /// The commands whose file operands are folded, with their options that take a value
    /// (the argument after one of those is its value, not a file). A test keeps this table
    /// in step with the commands' definitions.
    static let folded: [String: Set<String>] = [
        "import": ["--store", "--person", "--loss-report", "--commit-every"],
        "validate": ["--loss-report"],
    ]

    /// The arguments (after the program name) with the file operands of `import` and
    /// `validate` joined into one, in the place of the first; other arguments unchanged.
    static func fold(_ arguments: [String]) -> [String] {
        guard let command = arguments.first, let takingValues = folded[command] else { return arguments }
        var kept: [String] = [command]
        var operands: [String] = []
        var firstOperand: Int?
        var index = 1
        while index < arguments.count {
            let argument = arguments[index]
            index += 1
            if argument == "--" {
                kept.append(contentsOf: arguments[(index - 1)...])
                break
            }
            if argument.hasPrefix("-") && argument != "-" {
                kept.append(argument)
                if takingValues.contains(argument), index < arguments.count {
                    kept.append(arguments[index])
                    index += 1
                }
                continue
            }
            if firstOperand == nil { firstOperand = kept.count; kept.append(argument) }
            operands.append(argument)
        }
        guard operands.count > 1, let position = firstOperand else { return arguments }
        kept[position] = operands.joined(separator: String(separator))
        return kept
    }

    /// The file operands as given, whether or not they were folded.
    static func unfold(_ values: [String]) -> [String] {
        guard values.contains(where: { $0.contains(separator) }) else { return values }
        return values.flatMap { $0.split(separator: separator, omittingEmptySubsequences: false).map(String.init) }
    }

    /// The names of the files a folder operand stands for: what `import` and `validate` read.
    static let portfolioExtensions: Set<String> = ["xml", "json", "zip"]

    /// The file operands (``unfold(_:)``) with each folder replaced by the portfolio files in
    /// it: those whose names end in `.xml`, `.json` or `.zip` (any case), not hidden, in the
    /// order of their names' bytes (the same on every machine), not looking into folders
    /// inside it. A platform's export of 100,000 files is one operand, where a shell's
    /// `dir/*.xml` would pass the system's limit on a command line's length.
    ///
    /// - Throws: ``Failure`` for a folder without portfolio files, and for `-` (standard
    ///   input, which these commands do not read).
    static func files(_ values: [String]) throws -> [String] {
        var files: [String] = []
        for value in unfold(values) {
            if value == "-" {
                throw Failure(.usage, "-: standard input is not read by import or validate",
                              hint: "save it to a file first (… > portfolio.xml) and give that file's name", errorCode: "usage")
            }
            var info = stat()
            guard stat(value, &info) == 0, info.st_mode & S_IFMT == S_IFDIR else {
                files.append(value)  // a file, or one that is not there (the reader says so)
                continue
            }
            guard access(value, R_OK | X_OK) == 0, let names = try? FileManager.default.contentsOfDirectory(atPath: value) else {
                throw Failure(.io, "cannot list the folder: \(String(cString: strerror(errno)))",
                              hint: "check that you may read the folder", errorCode: "file.unreadable", at: .file(value))
            }
            let folder = value.hasSuffix("/") ? value : value + "/"
            let found = names.filter { name in
                guard !name.hasPrefix("."), let dot = name.lastIndex(of: "."),
                      portfolioExtensions.contains(name[name.index(after: dot)...].lowercased()) else { return false }
                var entry = stat()
                return stat(folder + name, &entry) == 0 && entry.st_mode & S_IFMT == S_IFREG
            }.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
            guard !found.isEmpty else {
                throw Failure(.notFound, "no portfolio files in this folder (no regular file named *.xml, *.json or *.zip)",
                              hint: "give the files themselves, or a folder that holds them", errorCode: "file.missing",
                              at: .file(value))
            }
            files += found.map { folder + $0 }
        }
        return files
    }
}
