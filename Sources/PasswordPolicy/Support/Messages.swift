/// Small pieces of the sentences in violations, explanations and lint reports: plural
/// forms, lists and positions. No policy knowledge lives here.
enum Messages {
    static func characters(_ count: Int) -> String { count == 1 ? "character" : "characters" }

    /// "a, b and c"
    static func list(_ items: [String]) -> String {
        switch items.count {
        case 0: return "none"
        case 1: return items[0]
        default: return items.dropLast().joined(separator: ", ") + " and " + items[items.count - 1]
        }
    }

    /// "the character at position 3" / "the characters at positions 3, 7 and 9 (and 4 more)"
    static func positions(_ positions: [Int]) -> String {
        if positions.count == 1 { return "the character at position \(positions[0]) is" }
        let shown = positions.prefix(10).map(String.init)
        let more = positions.count > 10 ? " (and \(positions.count - 10) more)" : ""
        return "the characters at positions \(list(shown))\(more) are"
    }
}
