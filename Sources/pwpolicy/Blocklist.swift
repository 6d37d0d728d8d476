import ArgumentParser
import PasswordPolicy

/// `pwpolicy blocklist`: blocklist files (`.pwbl`) for lists too large to keep as text.
struct BlocklistCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "blocklist",
        abstract: "Build and inspect blocklist files (.pwbl) for large forbidList lists.",
        subcommands: [BlocklistBuildCommand.self, BlocklistInfoCommand.self]
    )
}

/// `pwpolicy blocklist build --input FILE --output FILE.pwbl [--format lines|sha1] ...`
struct BlocklistBuildCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "build",
        abstract: "Build a blocklist file from passwords (one a line) or Have I Been Pwned's SHA1HEX:COUNT lines.",
        discussion: """
        The input is read once, streaming; inputs over a few hundred MB are spread over \
        partitions in temporary files next to the output, so memory stays bounded. The result \
        is a binary fuse filter (about 9 bits an entry, 1 in 256 false positives, no false \
        negatives) or, with --exact, a sorted table of SHA-1 digests (20 bytes an entry). \
        A summary goes to standard output; a progress bar to standard error when it is a terminal.
        """
    )

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case lines, sha1
    }

    @Option(name: .long, help: "The input file.")
    var input: String
    @Option(name: .long, help: "The blocklist file to write (conventionally FILE.pwbl).")
    var output: String
    @Option(name: .long, help: "lines: one password a line (UTF-8); sha1: SHA1HEX[:COUNT] lines, as Have I Been Pwned publishes.")
    var format: Format = .lines
    @Flag(name: .long, help: "Lowercase entries (and, at lookup, passwords). Only with --format lines.")
    var caseInsensitive = false
    @Option(name: .long, help: "Normalize entries (and, at lookup, passwords): nfc. Only with --format lines.")
    var normalize: String?
    @Flag(name: .long, help: "An exact sorted table of SHA-1 digests instead of a filter (20 bytes an entry).")
    var exact = false
    /// How many entries a partition is sized for (tests use a small number to exercise the
    /// temporary partition files on a small input).
    @Option(name: .long, help: ArgumentHelp("Entries per partition.", visibility: .hidden))
    var partitionEntries = 16 << 20

    func validate() throws {
        if normalize != nil, normalize != "nfc" { throw ValidationError("--normalize takes nfc only") }
        if partitionEntries < 1 { throw ValidationError("--partition-entries must be positive") }
        if format == .sha1, caseInsensitive || normalize != nil {
            throw ValidationError("--case-insensitive and --normalize need the passwords: use them with --format lines")
        }
    }

    func run() throws {
        let options = BlocklistFileBuilder.Options(
            isCaseInsensitive: caseInsensitive, normalization: normalize == nil ? nil : .nfc, isExact: exact,
            hash: format == .sha1 ? .sha1 : .xxh64)
        let build = BlocklistBuild(input: input, output: output, sha1: format == .sha1, options: options, entriesPerPartition: partitionEntries)
        let summary = try build.run()
        print(summary.text(output: output, exact: exact))
    }
}

/// `pwpolicy blocklist info FILE`: what a blocklist file holds, after checking it.
struct BlocklistInfoCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "info",
        abstract: "Check a blocklist file and show its entries, size, options and false-positive rate."
    )

    @Argument(help: "The blocklist file.")
    var file: String

    func run() throws {
        let list: Blocklist
        do { list = try Blocklist(contentsOfFile: file) } catch {
            throw CommandFailure(error.message)
        }
        guard let info = list.fileInfo else { throw CommandFailure("\(file) is not a blocklist file") }
        let rate = info.isApproximate ? "\(Decimal2(info.falsePositiveRate * 100, digits: 4)) % (1 in 256)" : "0 (exact)"
        print("""
            file: \(file)
            format version: \(info.formatVersion)
            structure: \(info.isApproximate ? "binary fuse filter (3-wise, 8-bit fingerprints)" : "exact sorted table of SHA-1 digests")
            hash: \(info.hash == .xxh64 ? "XXH64 of the entry's UTF-8 (hash kind 2)" : "SHA-1 of the entry's UTF-8 (hash kind 1)")
            case-insensitive: \(info.isCaseInsensitive ? "yes" : "no")
            normalization: \(info.normalization?.rawValue ?? "none")
            entries: \(info.count)
            partitions: \(info.partitionCount)
            bytes: \(info.byteCount)
            bits per entry: \(Decimal2(info.bitsPerEntry, digits: 2))
            false-positive rate: \(rate)
            """)
    }
}
