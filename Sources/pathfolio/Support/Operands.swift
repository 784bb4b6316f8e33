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
        "validate": [],
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
}
