import ArgumentParser
import PasswordPolicy

/// `pwpolicy check -p P... [--format text|jsonl] [--context NAME=VALUE]...`: judges every
/// line of standard input as a password.
///
/// Passwords come from standard input only, never from the command line. Input is read
/// through one fixed buffer, so a stream of any length passes in constant memory; a line
/// over ``maximumLineLength`` bytes is not stored but judged by its length
/// (`length.long`), or, when the policy's maximum is not exceeded, reported as
/// `input.tooLong`.
struct CheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Judge passwords read from standard input, one per line.",
        discussion: """
        Lines end at LF; one trailing CR is removed; an empty line is an empty password. \
        Output: one line per input line, in order. text: "line N: ok" or "line N: " and the \
        violation messages joined by "; ". jsonl: {"line": N, "valid": BOOL, "violations": \
        [{"code": CODE, "message": TEXT}]} (a pattern.forbidden violation also has "pattern": \
        the entry's own code). The password never appears in the output. \
        A line over 64 KiB is judged by its length alone (length.long) or, when that is \
        within the policy's maximum, reported as input.tooLong. \
        Exit status: 0 every password valid, 1 at least one invalid, 2 usage error or a \
        policy that cannot be loaded.
        """
    )

    /// The longest line judged in full, in bytes (64 KiB).
    static let maximumLineLength = 1 << 16

    @OptionGroup var policyOptions: PolicyOptions

    @Option(help: "text (one line per password for people) or jsonl (one JSON object per password).")
    var format: LineOutputFormat = .text

    @OptionGroup var contextOptions: ContextOptions

    /// Anything else on the command line. Never echoed: it may be a password typed where
    /// it does not belong.
    @Argument(parsing: .captureForPassthrough, help: .hidden)
    var unexpected: [String] = []

    func validate() throws {
        if !unexpected.isEmpty {
            throw ValidationError("check reads passwords from standard input only, one per line; \(unexpected.count) unexpected command-line \(unexpected.count == 1 ? "argument was" : "arguments were") given (not shown, in case \(unexpected.count == 1 ? "it is a password" : "they are passwords"))")
        }
    }

    func run() throws {
        let loaded = try policyOptions.load()
        let context = try contextOptions.context(for: loaded.combined)
        if standardInputIsTerminal() {
            StandardError.write("pwpolicy: reading passwords from standard input, one per line (end with Ctrl-D)\n")
        }
        var judge = Judge(compiled: loaded.compiled, context: context, format: format)
        let reader = LineReader(descriptor: 0, name: "standard input", maximumLineLength: CheckCommand.maximumLineLength)
        // Blocks of whole lines go through the library's batch API (the same lines as
        // LineReader.splitLines gives); only invalid lines are validated again for messages.
        try reader.forEachBlock { (block) throws(CommandFailure) in
            switch block {
            case .lines(let bytes):
                try loaded.compiled.forEachLine(in: bytes, context: context) { (line) throws(CommandFailure) in
                    let password = UnsafeBufferPointer(rebasing: bytes[line.range])
                    if password.count > CheckCommand.maximumLineLength {
                        try judge.judge(.oversized(byteCount: password.count, scalarCount: LineReader.leadBytes(password)))
                    } else {
                        try judge.judge(password, valid: line.codes.isEmpty)
                    }
                }
            case .oversized(let byteCount, let scalarCount):
                try judge.judge(.oversized(byteCount: byteCount, scalarCount: scalarCount))
            }
        }
        try judge.writer.flush()
        if judge.anyInvalid { throw ExitCode(1) }
    }
}

/// Judges lines one by one and writes the verdicts.
private struct Judge: ~Copyable {
    let compiled: CompiledPolicy
    let context: [String: String]
    let format: LineOutputFormat
    /// jsonl documents; text lines go straight to its `output`.
    var writer = JSONWriter()
    var lineNumber = 0
    var anyInvalid = false

    init(compiled: CompiledPolicy, context: [String: String], format: LineOutputFormat) {
        self.compiled = compiled
        self.context = context
        self.format = format
    }

    mutating func judge(_ line: LineReader.Line) throws(CommandFailure) {
        lineNumber += 1
        switch line {
        case .complete(let bytes):
            // The yes-or-no path first: most passwords in a bulk check are fine.
            try judgeComplete(bytes, valid: compiled.isValid(utf8: bytes, context: context))
        case .oversized(let byteCount, let scalarCount):
            let verdict = OversizedLineVerdict(compiled, byteCount: byteCount, scalarCount: scalarCount)
            try write([(verdict.code, verdict.message, nil)])
        }
    }

    /// A line of at most ``CheckCommand/maximumLineLength`` bytes whose verdict the batch
    /// API already gave.
    mutating func judge(_ bytes: UnsafeBufferPointer<UInt8>, valid: Bool) throws(CommandFailure) {
        lineNumber += 1
        try judgeComplete(bytes, valid: valid)
    }

    private mutating func judgeComplete(_ bytes: UnsafeBufferPointer<UInt8>, valid: Bool) throws(CommandFailure) {
        if valid { return try writeValid() }
        let violations = compiled.validate(utf8: bytes, context: context)
        try write(violations.map { violation in
            if case .pattern(let code) = violation.detail { return (violation.code.rawValue, violation.message, code) }
            return (violation.code.rawValue, violation.message, nil)
        })
    }

    private mutating func writeValid() throws(CommandFailure) {
        switch format {
        case .text:
            try writer.output.write("line " as StaticString)
            try writer.output.write(decimal: lineNumber)
            try writer.output.write(": ok\n" as StaticString)
        case .jsonl:
            try writeJSONL(valid: true, [])
        }
    }

    /// An invalid line; an empty list (validation found nothing after all) counts as valid.
    /// `pattern` is a `forbidPatterns` entry's own code, written as `"pattern"` in jsonl.
    private mutating func write(_ violations: [(code: String, message: String, pattern: String?)]) throws(CommandFailure) {
        if violations.isEmpty { return try writeValid() }
        anyInvalid = true
        switch format {
        case .text:
            try writer.output.write("line " as StaticString)
            try writer.output.write(decimal: lineNumber)
            try writer.output.write(": " as StaticString)
            try writer.output.write(violations.map { oneLine($0.message) }.joined(separator: "; "))
            try writer.output.write(byte: 0x0A)
        case .jsonl:
            try writeJSONL(valid: false, violations)
        }
    }

    /// `{"line": N, "valid": BOOL, "violations": [{"code": C, "message": M, "pattern": P}]}`.
    private mutating func writeJSONL(valid: Bool, _ violations: [(code: String, message: String, pattern: String?)]) throws(CommandFailure) {
        try writer.beginObject()
        try writer.key("line")
        try writer.number(lineNumber)
        try writer.key("valid")
        try writer.bool(valid)
        try writer.key("violations")
        try writer.beginArray()
        for violation in violations {
            try writer.beginObject()
            try writer.key("code")
            try writer.string(violation.code)
            try writer.key("message")
            try writer.string(violation.message)
            if let pattern = violation.pattern {
                try writer.key("pattern")
                try writer.string(pattern)
            }
            try writer.endObject()
        }
        try writer.endArray()
        try writer.endObject()
        try writer.endDocument()
    }
}
