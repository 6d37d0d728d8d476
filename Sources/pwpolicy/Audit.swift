import ArgumentParser
import Dispatch
import PasswordPolicy

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// `pwpolicy audit -p P... [--input FILE] [--jobs N] [--format text|json]`: checks a
/// large file of passwords on every core and prints a summary.
///
/// The input is read by a ``LineReader`` in reads of ``chunkSize`` bytes; its whole lines
/// are gathered in chunks of about that size, each judged on a worker while the next is
/// read; at most `2 * jobs` chunks wait or are being judged, plus the one being filled and
/// the reader's buffer, so memory stays bounded (about `2 * jobs + 2` MiB) whatever the
/// input's size. Results are merged in input order, which gives exact line numbers. Lines
/// are split as `check` splits them, and judged as `check` judges them (a line over 64 KiB
/// by its length alone, ``OversizedLineVerdict``).
struct AuditCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "audit",
        abstract: "Check a large file of passwords in parallel and print a summary.",
        discussion: """
        Reads --input (or standard input) as one password per line, split as check splits \
        them, on every core (--jobs), in constant memory. Prints the number of passwords, \
        valid and invalid, and for each violation code the number of passwords with it \
        and the line numbers of the first five; never a password. json: {"total": N, \
        "valid": N, "invalid": N, "violations": [{"code": CODE, "count": N, "firstLines": \
        [N, ...]}]}. A progress bar is drawn on standard error when it is a terminal. \
        Exit status: 0 every password valid; 1 at least one invalid; 2 usage error, \
        unreadable input or a policy that cannot be loaded.
        """
    )

    /// Bytes per read, and about the bytes per chunk handed to a worker.
    static let chunkSize = 1 << 20
    /// Line numbers kept per violation code.
    static let firstLinesKept = 5

    @OptionGroup var policyOptions: PolicyOptions

    @Option(help: ArgumentHelp("A file of passwords, one per line. Without it, standard input.", valueName: "file"))
    var input: String?

    @Option(help: ArgumentHelp("Worker threads (default: every online core).", valueName: "n"))
    var jobs: Int?

    @Option(help: "text (for people) or json (one object).")
    var format: OutputFormat = .text

    func validate() throws {
        if let jobs, jobs < 1 { throw ValidationError("--jobs must be at least 1") }
    }

    func run() throws {
        let loaded = try policyOptions.load()
        var (descriptor, name) = (Int32(0), "standard input")
        if let input {
            (descriptor, name) = try openInputFile(input)
        } else if standardInputIsTerminal() {
            StandardError.write("pwpolicy: reading passwords from standard input, one per line (end with Ctrl-D)\n")
        }
        defer { if descriptor != 0 { close(descriptor) } }
        let reader = LineReader(descriptor: descriptor, name: name, maximumLineLength: CheckCommand.maximumLineLength,
                                readSize: AuditCommand.chunkSize)
        let workers = jobs ?? max(1, Int(sysconf(Int32(_SC_NPROCESSORS_ONLN))))
        let progress = standardErrorIsTerminal() ? AuditProgress(descriptor: reader.descriptor) : nil
        let run = AuditRun(compiled: loaded.compiled, workers: workers)
        let summary: AuditSummary
        // Only a file named by --input, opened here at its start: standard input may be a
        // file another program has already read part of.
        if input != nil, let mapped = MappedInput.map(descriptor) {
            summary = run.run(mapped, partSize: AuditCommand.chunkSize, progress: progress)
        } else {
            summary = try run.run(reader, progress: progress)
        }
        progress?.finish()

        switch format {
        case .text:
            var output = BufferedWriter()
            try summary.writeText(to: &output)
            try output.flush()
        case .json:
            var json = JSONWriter()
            try summary.writeJSON(to: &json)
            try json.flush()
        }
        if summary.invalid > 0 { throw ExitCode(1) }
    }
}
