import Dispatch
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
import PasswordPolicy

/// One audit: the reading loop on the calling thread, judging on `workers` threads.
struct AuditRun {
    let compiled: CompiledPolicy
    let workers: Int

    /// Reads every line of `reader` and returns the merged tallies. The reader's blocks
    /// of whole lines are gathered into chunks of at most one block's maximum size; a
    /// line too long for the reader's buffer travels alone.
    func run(_ reader: LineReader, progress: AuditProgress?) throws(CommandFailure) -> AuditSummary {
        let pool = AuditWorkers(compiled: compiled, workers: workers)
        let capacity = reader.maximumBlockSize
        var chunk = AuditChunk(capacity: capacity)
        func submit(_ next: AuditChunk) {
            pool.submit(chunk)
            chunk = next
            progress?.update(bytes: reader.bytesRead, lines: pool.linesMerged)
        }
        try reader.forEachBlock { (block) throws(CommandFailure) in
            switch block {
            case .lines(let bytes):
                if chunk.count + bytes.count > chunk.capacity { submit(AuditChunk(capacity: capacity)) }
                chunk.append(bytes)
            case .oversized(let byteCount, let scalarCount):
                if chunk.count > 0 { submit(AuditChunk(capacity: capacity)) }
                pool.submit(AuditChunk(oversizedLine: (byteCount, scalarCount)))
            }
        }
        if chunk.count > 0 { submit(AuditChunk(capacity: 0)) }
        return pool.finish()
    }

    /// ``run(_:progress:)`` on a mapped file: parts of about `partSize` bytes of whole lines,
    /// judged where they lie.
    func run(_ input: MappedInput, partSize: Int, progress: AuditProgress?) -> AuditSummary {
        let pool = AuditWorkers(compiled: compiled, workers: workers)
        var start = 0
        while start < input.count {
            let end = input.partEnd(from: start, size: partSize)
            pool.submit(AuditChunk(mapped: input, range: start..<end))
            start = end
            progress?.update(bytes: start, lines: pool.linesMerged)
        }
        return pool.finish()
    }
}

/// A chunk of input: whole lines, in memory of its own until a worker has judged it, or a
/// part of a mapped file.
final class AuditChunk: @unchecked Sendable {
    let bytes: UnsafeMutablePointer<UInt8>
    let capacity: Int
    private(set) var count = 0
    /// Set for a line too long for the reader's buffer, streamed and judged by its length.
    let oversizedLine: (byteCount: Int, scalarCount: Int)?
    /// The mapped file and the part of it, for a chunk that is one (never written to).
    private let mapped: (input: MappedInput, range: Range<Int>)?

    init(capacity: Int) {
        self.capacity = capacity
        bytes = .allocate(capacity: capacity)
        oversizedLine = nil
        mapped = nil
    }

    init(mapped input: MappedInput, range: Range<Int>) {
        capacity = 0
        bytes = UnsafeMutablePointer(mutating: input.base + range.lowerBound)
        count = range.count
        oversizedLine = nil
        mapped = (input, range)
    }

    init(oversizedLine: (byteCount: Int, scalarCount: Int)) {
        capacity = 0
        bytes = .allocate(capacity: 0)
        self.oversizedLine = oversizedLine
        mapped = nil
    }

    deinit {
        if let mapped { mapped.input.release(mapped.range) } else { bytes.deallocate() }
    }

    /// Appends whole lines; they must fit.
    func append(_ lines: UnsafeBufferPointer<UInt8>) {
        guard let base = lines.baseAddress else { return }
        precondition(count + lines.count <= capacity, "the lines do not fit the chunk")
        (bytes + count).update(from: base, count: lines.count)
        count += lines.count
    }

    /// Judges every line of the chunk (line numbers from 1 within it), as `check` does: the
    /// library's tallies (`summarizeLines`), then the first line numbers of each code from a
    /// second pass that stops once every code that occurs has them. A chunk that may hold a
    /// line over check's limit is judged line by line instead (such a line is judged by its
    /// length alone, as check judges it).
    func judge(_ compiled: CompiledPolicy) -> AuditSummary {
        var summary = AuditSummary()
        if let oversizedLine {
            summary.total = 1
            summary.record(OversizedLineVerdict(compiled, byteCount: oversizedLine.byteCount, scalarCount: oversizedLine.scalarCount), line: 1)
            return summary
        }
        guard !mayHoldLongLine(CheckCommand.maximumLineLength) else { return judgeEachLine(compiled) }
        let buffer = UnsafeBufferPointer(start: bytes, count: count)
        let tallies = compiled.summarizeLines(in: buffer)
        summary.total = tallies.total
        summary.valid = tallies.valid
        var missing: UInt16 = 0
        for index in ViolationCodeSet.allCodes.indices {
            summary.counts[index] = tallies.counts[index]
            if tallies.counts[index] > 0 { missing |= 1 << UInt16(index) }
        }
        guard missing != 0 else { return summary }
        struct Found: Error {}
        do {
            try compiled.forEachLine(in: buffer) { (verdict) throws(Found) in
                var bits = verdict.codes.rawValue & missing
                while bits != 0 {
                    let index = bits.trailingZeroBitCount
                    summary.firstLines[index].append(verdict.number)
                    if summary.firstLines[index].count == min(AuditCommand.firstLinesKept, summary.counts[index]) { missing &= ~(1 << UInt16(index)) }
                    bits &= bits &- 1
                }
                if missing == 0 { throw Found() }
            }
        } catch {}
        return summary
    }

    /// Whether a line of the chunk may be longer than `limit` bytes (LF and CR aside): such a
    /// line covers a whole window of `limit / 2` bytes at a multiple of `limit / 2`, so a
    /// window with no LF is the only way there can be one. One `memchr` a window, which
    /// in a file of passwords finds an LF within a few bytes; true may be a false alarm
    /// (the chunk is then judged line by line, with the same result).
    func mayHoldLongLine(_ limit: Int) -> Bool {
        let window = max(1, limit / 2)
        var start = 0
        while start + window <= count {
            if memchr(bytes + start, 0x0A, window) == nil { return true }
            start += window
        }
        return false
    }

    /// ``judge(_:)`` one line at a time, for a chunk that may hold a line over check's limit.
    private func judgeEachLine(_ compiled: CompiledPolicy) -> AuditSummary {
        var summary = AuditSummary()
        var line = 0
        let maximum = CheckCommand.maximumLineLength
        // The library's batch API splits the lines as LineReader.splitLines does; a line
        // over check's limit is then judged by its length alone, as check judges it.
        compiled.forEachLine(in: UnsafeBufferPointer(start: bytes, count: count)) { verdict in
            line = verdict.number
            if verdict.range.count > maximum {
                let password = UnsafeBufferPointer(rebasing: UnsafeBufferPointer(start: bytes, count: count)[verdict.range])
                let scalars = LineReader.leadBytes(password)
                summary.record(OversizedLineVerdict(compiled, byteCount: password.count, scalarCount: scalars), line: line)
                return
            }
            var bits = verdict.codes.rawValue
            if bits == 0 { summary.valid += 1; return }
            while bits != 0 {
                summary.record(bits.trailingZeroBitCount, line: line)
                bits &= bits &- 1
            }
        }
        summary.total = line
        return summary
    }
}

/// The worker threads: at most `2 * workers` chunks submitted and not yet judged (one
/// being judged and one ready per worker, so a worker never waits for the reader), at most
/// `workers` judged at once (--jobs bounds the cores used).
final class AuditWorkers {
    private let compiled: CompiledPolicy
    private let merger = AuditMerger()
    private let slots: DispatchSemaphore
    private let running: DispatchSemaphore
    private let group = DispatchGroup()
    private let queue = DispatchQueue(label: "pwpolicy.audit.workers", attributes: .concurrent)
    private var sequence = 0

    init(compiled: CompiledPolicy, workers: Int) {
        self.compiled = compiled
        slots = DispatchSemaphore(value: 2 * workers)
        running = DispatchSemaphore(value: workers)
    }

    /// Queues `chunk` for judging, after waiting for a free slot.
    func submit(_ chunk: AuditChunk) {
        slots.wait()
        let number = sequence
        sequence += 1
        group.enter()
        let (compiled, merger, slots, running, group) = (compiled, merger, slots, running, group)
        queue.async {
            running.wait()
            let summary = chunk.judge(compiled)
            running.signal()
            merger.add(summary, sequence: number)
            slots.signal()
            group.leave()
        }
    }

    /// The lines merged so far.
    var linesMerged: Int { merger.linesMerged }

    /// Waits for every chunk and returns the merged tallies.
    func finish() -> AuditSummary {
        group.wait()
        return merger.result()
    }
}

/// The merged results, in input order whatever order the workers finish in.
final class AuditMerger: @unchecked Sendable {
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
