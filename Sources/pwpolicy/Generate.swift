import ArgumentParser
import PasswordPolicy

/// `pwpolicy generate -p P... [--length N|MIN-MAX] [--count N] [--format text|json]
/// [--exclude CHARS] [--ascii] [--context NAME=VALUE]...`: prints compliant passwords.
///
/// Every password is drawn exactly uniformly from all passwords that satisfy the policy
/// (or every policy given) at the requested length, over the generator's alphabet: the
/// characters the policy allows that a person can type and see (see
/// ``PasswordGenerator``). With a range of lengths, each length is drawn in proportion to
/// its number of compliant passwords, so the draw is uniform over the whole range.
struct GenerateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "generate",
        abstract: "Print compliant passwords, drawn uniformly at random, one per line.",
        discussion: """
        Passwords are drawn exactly uniformly from every password the policy (or all the \
        policies given) accepts at the length, using the operating system's secure random \
        generator. Generated characters are those the policy's classes allow that a person \
        can type and see: never control, format, unassigned, private-use or surrogate code \
        points, line or paragraph separators, or spaces other than U+0020 (which is drawn \
        when a class allows it). --ascii keeps printable ASCII only; --exclude removes \
        characters (e.g. --exclude Il1O0).

        --length takes N or MIN-MAX, within the policy's range; without it, 16 clamped into \
        the range. With MIN-MAX each length is drawn in proportion to its number of \
        compliant passwords.

        --format json prints {"passwords": [...], "length": N, "entropyBits": X}: for \
        MIN-MAX, "length" is {"min": MIN, "max": MAX}. entropyBits is log2 of the exact \
        number of passwords the generator can produce (over the whole range for MIN-MAX); \
        forbidden patterns and context values, enforced by drawing again, are not \
        subtracted from it.

        Exit status: 0 success; 2 a usage error, a policy that cannot be loaded, a length \
        outside the range, or a policy that no password can satisfy (the reason on standard \
        error).
        """
    )

    @OptionGroup var policyOptions: PolicyOptions

    @Option(help: ArgumentHelp("The length, N or MIN-MAX, within the policy's range (default: 16 clamped into it).", valueName: "n|min-max"))
    var length: LengthArgument?

    @Option(help: "How many passwords to print.")
    var count: Int = 1

    @Option(help: "text (one password per line) or json.")
    var format: OutputFormat = .text

    @Option(help: ArgumentHelp("Characters never to generate, e.g. Il1O0.", valueName: "chars"))
    var exclude: String = ""

    @Flag(help: "Generate printable ASCII only (and the space, where the policy allows it).")
    var ascii = false

    @OptionGroup var contextOptions: ContextOptions

    /// The most passwords one run prints.
    static let maximumCount = 100_000_000

    func validate() throws {
        if count < 0 { throw ValidationError("--count must not be negative, found \(count)") }
        if count > GenerateCommand.maximumCount { throw ValidationError("--count must be at most \(GenerateCommand.maximumCount), found \(count)") }
    }

    func run() throws {
        let loaded = try policyOptions.load()
        let context = try contextOptions.context(for: loaded.combined)
        let options = GenerationOptions(ascii: ascii, exclude: exclude)
        let generator: PasswordGenerator
        do {
            generator = try PasswordGenerator(loaded.compiled, options: options, preparing: length?.range)
        } catch {
            throw CommandFailure(GenerateCommand.message(error, policies: loaded.names))
        }
        let lengths = length?.range ?? generator.defaultLength...generator.defaultLength
        let entropy: Double
        do {
            // The length (range) and satisfiability are checked before anything is printed.
            try generator.checkSatisfiable(lengths: lengths)
            entropy = try generator.entropyBits(lengths: lengths)
        } catch {
            throw CommandFailure(GenerateCommand.message(error, policies: loaded.names))
        }

        // Text goes straight to `writer.output`; json through `writer`.
        var writer = JSONWriter()
        var random = SystemRandomSource()
        if format == .json {
            try writer.beginObject()
            try writer.key("passwords")
            try writer.beginArray()
        }
        var written = 0
        do {
            try generator.generate(count: count, lengths: lengths, context: context, using: &random) { password in
                switch format {
                case .text:
                    try writer.output.write(password)
                    try writer.output.write(byte: 0x0A)
                case .json:
                    try writer.string(password)
                }
                written += 1
            }
        } catch let error as GenerationError {
            // What was printed stays printed; the failure says why the rest is missing.
            try writer.flush()
            throw CommandFailure(GenerateCommand.message(error, policies: loaded.names)
                                 + (written > 0 ? " (after \(written) \(written == 1 ? "password" : "passwords"))" : ""))
        }
        if format == .json { try GenerateCommand.finishJSON(&writer, lengths: lengths, entropy: entropy) }
        try writer.flush()
    }

    /// The end of `{"passwords": [...], "length": N or {"min": MIN, "max": MAX}, "entropyBits": X}`.
    static func finishJSON(_ writer: inout JSONWriter, lengths: ClosedRange<Int>, entropy: Double) throws(CommandFailure) {
        try writer.endArray()
        try writer.key("length")
        if lengths.lowerBound == lengths.upperBound {
            try writer.number(lengths.lowerBound)
        } else {
            try writer.beginObject()
            try writer.key("min")
            try writer.number(lengths.lowerBound)
            try writer.key("max")
            try writer.number(lengths.upperBound)
            try writer.endObject()
        }
        try writer.key("entropyBits")
        try writer.number(entropy)
        try writer.endObject()
        try writer.endDocument()
    }

    /// The error, naming the policies when there are several.
    static func message(_ error: GenerationError, policies: [String]) -> String {
        let subject = policies.count == 1 ? policies[0] : "the combination of \(PolicyOptions.quotedList(policies))"
        return "\(subject): \(error)"
    }
}

/// `--length N` or `--length MIN-MAX`.
struct LengthArgument: ExpressibleByArgument {
    let range: ClosedRange<Int>

    init?(argument: String) {
        let parts = argument.split(separator: "-", omittingEmptySubsequences: false)
        func number(_ text: Substring) -> Int? {
            guard !text.isEmpty, text.allSatisfy({ $0.isASCII && $0.isNumber }) else { return nil }
            return Int(text)
        }
        switch parts.count {
        case 1:
            guard let value = number(parts[0]) else { return nil }
            range = value...value
        case 2:
            guard let low = number(parts[0]), let high = number(parts[1]), low <= high else { return nil }
            range = low...high
        default:
            return nil
        }
    }

    static var defaultCompletionKind: CompletionKind { .default }
}
