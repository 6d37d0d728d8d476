import ArgumentParser
import PasswordPolicy

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// `pwpolicy bench -p P... [--input FILE] [--count N] [--format text|json]`: validation
/// throughput on a file of passwords or on a built-in seeded corpus.
///
/// The input is loaded into memory first, so the time measured is validation alone. The
/// valid count is what `check` says for the same lines: the same line rules, and a line
/// over `check`'s limit (64 KiB) is invalid (not timed).
struct BenchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench",
        abstract: "Measure validation throughput on a file of passwords or on a built-in corpus.",
        discussion: """
        Without --input, the corpus is --count passwords (default 1000000) of random \
        printable ASCII, lengths 4 to 24, from a fixed seed: the corpus of the Benchmarks \
        package. With --input, the file's lines, split as check splits them (LF, one \
        trailing CR removed); --count N keeps the first N. The passwords are loaded into \
        memory, then validated on one core, repeatedly for at least half a second. Output: \
        passwords checked, valid count (what check would say), nanoseconds per password \
        and passwords per second, then the same passwords as one buffer of lines through \
        the library's batch API: megabytes and passwords per second; json: {"passwords": N, \
        "valid": N, "nsPerPassword": X, "passwordsPerSecond": X, "batchMBPerSecond": X, \
        "batchPasswordsPerSecond": X}. Exit status: 0 measured; 2 usage error, unreadable input \
        or a policy that cannot be loaded.
        """
    )

    /// The size of the built-in corpus when `--count` is not given.
    static let defaultCorpusSize = 1_000_000
    /// Time spent measuring, at least.
    static let minimumMeasuringTime = Duration.milliseconds(500)

    @OptionGroup var policyOptions: PolicyOptions

    @Option(help: ArgumentHelp("A file of passwords, one per line. Without it, the built-in seeded corpus.", valueName: "file"))
    var input: String?

    @Option(help: ArgumentHelp("The number of passwords: the built-in corpus's size, or the first N lines of --input.", valueName: "n"))
    var count: Int?

    @Option(help: "text (for people) or json (one object).")
    var format: OutputFormat = .text

    func validate() throws {
        if let count, count < 1 { throw ValidationError("--count must be at least 1") }
    }

    func run() throws {
        let loaded = try policyOptions.load()
        let corpus: PasswordCorpus
        if let input {
            corpus = try PasswordCorpus(path: input, limit: count)
        } else {
            corpus = PasswordCorpus(seededCount: count ?? BenchCommand.defaultCorpusSize)
        }
        let compiled = loaded.compiled
        // One pass untimed: warms the caches and gives the valid count.
        let valid = corpus.countValid(compiled)
        var passes = 0
        let clock = ContinuousClock()
        let start = clock.now
        var elapsed = Duration.zero
        var sink = 0
        repeat {
            sink &+= corpus.countValid(compiled)
            passes += 1
            elapsed = clock.now - start
        } while elapsed < BenchCommand.minimumMeasuringTime && corpus.timedCount > 0
        if sink != valid &* passes { throw CommandFailure("the valid count changed between passes", exitCode: 2) }

        let nanoseconds = Double(elapsed.components.seconds) * 1e9 + Double(elapsed.components.attoseconds) / 1e9
        let judged = Double(corpus.timedCount) * Double(passes)
        let nsPerPassword = judged > 0 ? nanoseconds / judged : 0
        let perSecond = nanoseconds > 0 ? judged / nanoseconds * 1e9 : 0
        let total = corpus.timedCount + corpus.oversized
        let nsText = Decimal2(nsPerPassword)
        let perSecondText = Decimal2(perSecond.rounded(), digits: 0)
        let (batchMBText, batchPerSecondText) = try BatchBenchmark(corpus).measureTexts(compiled, valid: valid)
        switch format {
        case .text:
            var output = BufferedWriter()
            try output.write("passwords: \(total)\n")
            try output.write("valid: \(valid)\n")
            try output.write("ns per password: \(nsText)\n")
            try output.write("passwords per second: \(perSecondText)\n")
            try output.write("batch MB per second: \(batchMBText)\nbatch passwords per second: \(batchPerSecondText)\n")
            try output.flush()
        case .json:
            var json = JSONWriter()
            try json.beginObject()
            try json.key("passwords")
            try json.number(total)
            try json.key("valid")
            try json.number(valid)
            try json.key("nsPerPassword")
            try json.number(nsText)
            try json.key("passwordsPerSecond")
            try json.number(perSecondText)
            try json.key("batchMBPerSecond")
            try json.number(batchMBText)
            try json.key("batchPasswordsPerSecond")
            try json.number(batchPerSecondText)
            try json.endObject()
            try json.endDocument()
            try json.flush()
        }
    }
}

/// Passwords held in memory for `bench`: their bytes back to back and where each ends.
struct PasswordCorpus {
    private(set) var bytes: [UInt8] = []
    /// `offsets[i] ..< offsets[i + 1]` are the bytes of password `i`.
    private(set) var offsets: [Int] = [0]
    /// Lines over `check`'s limit: invalid, as `check` judges them, and not timed.
    private(set) var oversized = 0

    /// The passwords in the timed loop.
    var timedCount: Int { offsets.count - 1 }

    /// `count` passwords of random printable ASCII, lengths 4 to 24, from a fixed seed
    /// (SplitMix64, the generator and seed of the Benchmarks package's corpus).
    init(seededCount count: Int) {
        var state: UInt64 = 0x5EED_2024
        func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
        bytes.reserveCapacity(count * 15)
        offsets.reserveCapacity(count + 1)
        for _ in 0..<count {
            let length = 4 + Int(next() % 21)
            for _ in 0..<length { bytes.append(0x20 + UInt8(next() % 95)) }
            offsets.append(bytes.count)
        }
        bytes.append(0)   // never part of a password: the arena always has an address
    }

    /// The lines of the file at `path` (at most `limit`), split as `check` splits them.
    init(path: String, limit: Int?) throws(CommandFailure) {
        let (descriptor, name) = try openInputFile(path)
        defer { close(descriptor) }
        let reader = LineReader(descriptor: descriptor, name: name, maximumLineLength: CheckCommand.maximumLineLength)
        var lines = 0
        var bytes: [UInt8] = []
        var offsets: [Int] = [0]
        var oversized = 0
        let limit = limit ?? Int.max
        try reader.forEachLine { (line) throws(CommandFailure) in
            guard lines < limit else { return }
            lines += 1
            switch line {
            case .complete(let line):
                bytes.append(contentsOf: line)
                offsets.append(bytes.count)
            case .oversized:
                // Invalid whatever the policy: length.long or input.tooLong.
                oversized += 1
            }
        }
        bytes.append(0)   // never part of a password: the arena always has an address
        self.bytes = bytes
        self.offsets = offsets
        self.oversized = oversized
    }

    /// How many of the timed passwords `compiled` accepts.
    func countValid(_ compiled: CompiledPolicy) -> Int {
        var valid = 0
        bytes.withUnsafeBufferPointer { arena in
            offsets.withUnsafeBufferPointer { offsets in
                guard let base = arena.baseAddress else { return }
                for index in 0..<(offsets.count - 1) {
                    let password = UnsafeBufferPointer(start: base + offsets[index], count: offsets[index + 1] - offsets[index])
                    if compiled.isValid(utf8: password) { valid += 1 }
                }
            }
        }
        return valid
    }
}
