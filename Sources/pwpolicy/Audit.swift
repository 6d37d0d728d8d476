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
/// The input is read in chunks of ``chunkSize`` bytes cut at a line end; each chunk is
/// judged on a worker while the next is read; at most `2 * jobs` chunks wait or are
/// being judged, plus the one being read and the carried part of a line, so memory stays
/// bounded (about `2 * jobs + 2` MiB) whatever the input's size. Results are merged in input
/// order, which gives exact line numbers. Lines are split as `check` splits them, and
/// judged as `check` judges them (a line over 64 KiB by its length alone).
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

    /// Bytes per chunk handed to a worker (a line longer than this is streamed and judged
    /// by its length, like any line over `check`'s limit).
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
        let descriptor: Int32
        let name: String
        if let input {
            descriptor = open(input, O_RDONLY | O_CLOEXEC)
            if descriptor < 0 { throw CommandFailure("cannot read the input file \(input): \(systemErrorMessage(errno))") }
            name = "the input file \(input)"
        } else {
            descriptor = 0
            name = "standard input"
            if standardInputIsTerminal() {
                StandardError.write("pwpolicy: reading passwords from standard input, one per line (end with Ctrl-D)\n")
            }
        }
        defer { if descriptor != 0 { close(descriptor) } }

        let workers = jobs ?? max(1, Int(sysconf(Int32(_SC_NPROCESSORS_ONLN))))
        let progress = isatty(2) == 1 ? AuditProgress(descriptor: descriptor) : nil
        let summary = try AuditRun(compiled: loaded.compiled, workers: workers).run(descriptor: descriptor, name: name, progress: progress)
        progress?.finish()

        var output = BufferedWriter()
        switch format {
        case .text: try summary.writeText(to: &output)
        case .json: try summary.writeJSON(to: &output)
        }
        try output.flush()
        if summary.invalid > 0 { throw ExitCode(1) }
    }
}

/// The tallies of a run (or of one chunk): counts per code, and the first line numbers
/// per code (relative to the chunk until merged).
struct AuditSummary: Sendable {
    /// `ViolationCodeSet.allCodes`, then `input.tooLong` (a line too long to judge).
    static let codes: [String] = ViolationCodeSet.allCodes.map(\.rawValue) + ["input.tooLong"]
    static let tooLongIndex = ViolationCodeSet.allCodes.count

    var total = 0
    var valid = 0
    var invalid: Int { total - valid }
    var counts = [Int](repeating: 0, count: AuditSummary.codes.count)
    var firstLines = [[Int]](repeating: [], count: AuditSummary.codes.count)

    /// Records a failure with code `index` at `line`.
    mutating func record(_ index: Int, line: Int) {
        counts[index] += 1
        if firstLines[index].count < AuditCommand.firstLinesKept { firstLines[index].append(line) }
    }

    /// Adds the tallies of the chunk that follows the lines seen so far.
    mutating func append(_ chunk: AuditSummary) {
        let offset = total
        for index in counts.indices {
            counts[index] += chunk.counts[index]
            for line in chunk.firstLines[index] where firstLines[index].count < AuditCommand.firstLinesKept {
                firstLines[index].append(offset + line)
            }
        }
        total += chunk.total
        valid += chunk.valid
    }

    func writeText(to output: inout BufferedWriter) throws(CommandFailure) {
        try output.write("total: \(total)\nvalid: \(valid)\ninvalid: \(invalid)\n")
        guard counts.contains(where: { $0 > 0 }) else { return }
        try output.write("violations:\n")
        for index in counts.indices where counts[index] > 0 {
            let lines = firstLines[index].map(String.init).joined(separator: ", ")
            let more = counts[index] > firstLines[index].count ? ", ..." : ""
            try output.write("  \(AuditSummary.codes[index]): \(counts[index]) (\(firstLines[index].count == 1 ? "line" : "lines") \(lines)\(more))\n")
        }
    }

    func writeJSON(to output: inout BufferedWriter) throws(CommandFailure) {
        try output.write("{\"total\": \(total), \"valid\": \(valid), \"invalid\": \(invalid), \"violations\": [")
        var first = true
        for index in counts.indices where counts[index] > 0 {
            try output.write(first ? "" : ", ")
            first = false
            let lines = firstLines[index].map(String.init).joined(separator: ", ")
            try output.write("{\"code\": \"\(AuditSummary.codes[index])\", \"count\": \(counts[index]), \"firstLines\": [\(lines)]}")
        }
        try output.write("]}\n")
    }
}

/// A chunk of input: whole lines, in memory of its own until a worker has judged it.
private final class AuditChunk: @unchecked Sendable {
    let bytes: UnsafeMutablePointer<UInt8>
    let capacity: Int
    var count = 0
    /// Set for a line too long for a chunk, streamed and judged by its length.
    var oversized: (bytes: Int, scalars: Int)?

    init(capacity: Int) {
        self.capacity = capacity
        bytes = .allocate(capacity: capacity)
    }

    deinit { bytes.deallocate() }

    /// Judges every line of the chunk (line numbers from 1 within it).
    func judge(_ compiled: CompiledPolicy) -> AuditSummary {
        var summary = AuditSummary()
        if let oversized {
            summary.total = 1
            AuditChunk.judgeOversized(compiled, scalars: oversized.scalars, line: 1, into: &summary)
            return summary
        }
        var start = 0
        var line = 0
        while start < count {
            let end: Int
            if let found = memchr(bytes + start, 0x0A, count - start) {
                end = bytes.distance(to: found.assumingMemoryBound(to: UInt8.self))
            } else {
                end = count   // the input's last line, without LF
            }
            line += 1
            var stop = end
            if stop > start, bytes[stop - 1] == 0x0D { stop -= 1 }
            let password = UnsafeBufferPointer(start: bytes + start, count: stop - start)
            if password.count > CheckCommand.maximumLineLength {
                var scalars = 0
                for byte in password where byte & 0xC0 != 0x80 { scalars += 1 }
                AuditChunk.judgeOversized(compiled, scalars: scalars, line: line, into: &summary)
            } else {
                let codes = compiled.violationCodes(utf8: password)
                if codes.isEmpty {
                    summary.valid += 1
                } else {
                    for (index, _) in ViolationCodeSet.allCodes.enumerated() where codes.rawValue & (1 << UInt16(index)) != 0 {
                        summary.record(index, line: line)
                    }
                }
            }
            start = end + 1
        }
        summary.total = line
        return summary
    }

    /// A line too long to read whole: `length.long` when its length alone says so,
    /// otherwise `input.tooLong`, as `check` reports it.
    static func judgeOversized(_ compiled: CompiledPolicy, scalars: Int, line: Int, into summary: inout AuditSummary) {
        if let violation = compiled.lengthViolation(scalarCount: scalars), violation.code == .lengthLong,
           let index = ViolationCodeSet.allCodes.firstIndex(of: .lengthLong) {
            summary.record(index, line: line)
        } else {
            summary.record(AuditSummary.tooLongIndex, line: line)
        }
    }
}

/// The merged results, in input order whatever order the workers finish in.
private final class AuditMerger: @unchecked Sendable {
    private let queue = DispatchQueue(label: "pwpolicy.audit.merge")
    private var summary = AuditSummary()
    private var next = 0
    private var pending: [Int: AuditSummary] = [:]

    func add(_ chunk: AuditSummary, sequence: Int) {
        queue.sync {
            pending[sequence] = chunk
            while let ready = pending.removeValue(forKey: next) {
                summary.append(ready)
                next += 1
            }
        }
    }

    var linesMerged: Int { queue.sync { summary.total } }

    func result() -> AuditSummary { queue.sync { summary } }
}

/// One audit: the reading loop on the calling thread, judging on `workers` threads.
private struct AuditRun {
    let compiled: CompiledPolicy
    let workers: Int

    func run(descriptor: Int32, name: String, progress: AuditProgress?) throws(CommandFailure) -> AuditSummary {
        let merger = AuditMerger()
        // Two chunks per worker: one being judged, one ready, so a worker never waits
        // for the reader.
        let slots = DispatchSemaphore(value: 2 * workers)
        // At most `workers` chunks are judged at once: --jobs bounds the cores used.
        let running = DispatchSemaphore(value: workers)
        let group = DispatchGroup()
        let queue = DispatchQueue(label: "pwpolicy.audit.workers", attributes: .concurrent)
        let compiled = self.compiled
        var sequence = 0
        func submit(_ chunk: AuditChunk) {
            slots.wait()
            let number = sequence
            sequence += 1
            group.enter()
            queue.async {
                running.wait()
                let summary = chunk.judge(compiled)
                running.signal()
                merger.add(summary, sequence: number)
                slots.signal()
                group.leave()
            }
        }

        // The part of a line carried from one chunk into the next.
        var carry = AuditChunk(capacity: AuditCommand.chunkSize)
        var atEnd = false
        var bytesRead = 0
        while !atEnd {
            let chunk = carry
            // Fill the chunk.
            while chunk.count < chunk.capacity {
                let got = try AuditRun.read(descriptor, into: chunk.bytes + chunk.count, count: chunk.capacity - chunk.count, name: name)
                if got == 0 { atEnd = true; break }
                chunk.count += got
                bytesRead += got
            }
            progress?.update(bytes: bytesRead, lines: merger.linesMerged)
            carry = AuditChunk(capacity: AuditCommand.chunkSize)
            if atEnd {
                if chunk.count > 0 { submit(chunk) }
                break
            }
            guard let lastNewline = AuditRun.lastNewline(chunk.bytes, count: chunk.count) else {
                // A whole chunk without a line end: a line too long to hold. Stream it.
                let (line, rest, ended) = try AuditRun.streamLongLine(descriptor, startingWith: chunk, carryInto: carry, name: name, bytesRead: &bytesRead)
                submit(line)
                atEnd = ended
                _ = rest
                continue
            }
            let end = lastNewline + 1
            let rest = chunk.count - end
            if rest > 0 { carry.bytes.update(from: chunk.bytes + end, count: rest) }
            carry.count = rest
            chunk.count = end
            submit(chunk)
        }
        group.wait()
        return merger.result()
    }

    /// Reads the rest of a line that fills `chunk` with no LF, counting its bytes and
    /// scalars; the bytes after its LF go to `carry`. Returns the line as an oversized
    /// chunk, and whether the input ended.
    static func streamLongLine(_ descriptor: Int32, startingWith chunk: AuditChunk, carryInto carry: AuditChunk, name: String, bytesRead: inout Int) throws(CommandFailure) -> (AuditChunk, Int, Bool) {
        var bytes = chunk.count
        var scalars = leadBytes(chunk.bytes, count: chunk.count)
        var last = chunk.bytes[chunk.count - 1]
        var ended = false
        while true {
            let got = try read(descriptor, into: chunk.bytes, count: chunk.capacity, name: name)
            if got == 0 { ended = true; break }
            bytesRead += got
            if let found = memchr(chunk.bytes, 0x0A, got) {
                let newline = chunk.bytes.distance(to: found.assumingMemoryBound(to: UInt8.self))
                bytes += newline
                scalars += leadBytes(chunk.bytes, count: newline)
                if newline > 0 { last = chunk.bytes[newline - 1] }
                let rest = got - newline - 1
                if rest > 0 { carry.bytes.update(from: chunk.bytes + newline + 1, count: rest) }
                carry.count = rest
                break
            }
            bytes += got
            scalars += leadBytes(chunk.bytes, count: got)
            last = chunk.bytes[got - 1]
        }
        if last == 0x0D { bytes -= 1; scalars -= 1 }
        let line = AuditChunk(capacity: 1)
        line.oversized = (bytes, scalars)
        return (line, carry.count, ended)
    }

    /// The offset of the last LF in the `count` bytes, if any.
    static func lastNewline(_ bytes: UnsafePointer<UInt8>, count: Int) -> Int? {
        var index = count - 1
        while index >= 0 {
            if bytes[index] == 0x0A { return index }
            index -= 1
        }
        return nil
    }

    static func leadBytes(_ bytes: UnsafePointer<UInt8>, count: Int) -> Int {
        var scalars = 0
        for index in 0..<count where bytes[index] & 0xC0 != 0x80 { scalars += 1 }
        return scalars
    }

    static func read(_ descriptor: Int32, into buffer: UnsafeMutablePointer<UInt8>, count: Int, name: String) throws(CommandFailure) -> Int {
        while true {
            let got = systemRead(descriptor, buffer, count)
            if got >= 0 { return got }
            if errno == EINTR { continue }
            throw CommandFailure("cannot read \(name): \(systemErrorMessage(errno))")
        }
    }
}

/// A progress bar on standard error (only drawn when it is a terminal), at most ten
/// times a second: the share of the file read, or the bytes and lines so far.
private final class AuditProgress {
    private let totalBytes: Int?
    private let clock = ContinuousClock()
    private var lastDrawn: ContinuousClock.Instant?

    init(descriptor: Int32) {
        var info = stat()
        if fstat(descriptor, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG, info.st_size > 0 {
            totalBytes = Int(info.st_size)
        } else {
            totalBytes = nil
        }
    }

    func update(bytes: Int, lines: @autoclosure () -> Int) {
        let now = clock.now
        if let lastDrawn, now - lastDrawn < .milliseconds(100) { return }
        lastDrawn = now
        var text = "\r"
        if let totalBytes {
            let share = min(1, Double(bytes) / Double(totalBytes))
            let width = 30
            let filled = Int(share * Double(width))
            text += "[" + String(repeating: "#", count: filled) + String(repeating: ".", count: width - filled) + "] "
            text += "\(Int(share * 100))% "
        }
        text += "\(AuditProgress.size(bytes)) read, \(lines()) passwords checked\u{1B}[K"
        StandardError.write(text)
    }

    func finish() {
        if lastDrawn != nil { StandardError.write("\r\u{1B}[K") }
    }

    static func size(_ bytes: Int) -> String {
        if bytes >= 1 << 30 { return "\(Decimal2(Double(bytes) / Double(1 << 30), digits: 1)) GiB" }
        if bytes >= 1 << 20 { return "\(Decimal2(Double(bytes) / Double(1 << 20), digits: 1)) MiB" }
        return "\(bytes / 1024) KiB"
    }
}
