import ArgumentParser

/// `--format` of a command that prints one result: `text` for people, `json` for programs.
enum OutputFormat: String, CaseIterable, ExpressibleByArgument, Sendable {
    case text
    case json
}

/// `--format` of a command that prints one result per input line: `text` for people,
/// `jsonl` (one JSON object a line) for programs.
enum LineOutputFormat: String, CaseIterable, ExpressibleByArgument, Sendable {
    case text
    case jsonl
}
