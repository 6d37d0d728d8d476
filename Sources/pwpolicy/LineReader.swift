#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Reads a file descriptor line by line through one fixed buffer, never holding more than
/// one line (at most `maximumLineLength` bytes) and one read's worth of input. `check`,
/// `bench` and `audit` all read their input through it.
///
/// Lines end at LF; one CR before the LF is removed. A last line without LF counts; an
/// input that ends with LF has no empty line after it. A line longer than the maximum is
/// not stored (it is skipped to its end when it does not fit the buffer) and is reported
/// by its length alone, as ``Line/oversized(byteCount:scalarCount:)``.
///
/// The input comes as blocks (``forEachBlock(_:)``): runs of whole lines straight from the
/// buffer, for a reader that hands them on as they are, as `audit` does to its workers, or
/// one line too long for the buffer; ``forEachLine(_:)`` splits the blocks into lines with
/// ``splitLines(_:maximumLineLength:_:)``, the one line splitter.
final class LineReader {
    enum Line {
        /// The bytes of the line (without LF or CR), valid only during the call.
        case complete(UnsafeBufferPointer<UInt8>)
        /// A line over the maximum: its size in bytes (without LF or CR), and the number
        /// of bytes that start a UTF-8 sequence (its length in scalars, when the line is
        /// valid UTF-8).
        case oversized(byteCount: Int, scalarCount: Int)
    }

    enum Block {
        /// Whole lines as read, each ended by LF (CR included), except that the last line
        /// of the input may have no LF; valid only during the call. Split it with
        /// ``LineReader/splitLines(_:maximumLineLength:_:)``.
        case lines(UnsafeBufferPointer<UInt8>)
        /// A line too long for the buffer, streamed and counted.
        case oversized(byteCount: Int, scalarCount: Int)
    }

    let descriptor: Int32
    /// What the descriptor is, for messages: "standard input", "the input file F".
    let name: String
    let maximumLineLength: Int
    /// The largest block ``forEachBlock(_:)`` passes on.
    let maximumBlockSize: Int
    private let readSize: Int
    private let buffer: UnsafeMutablePointer<UInt8>
    /// The bytes read from the descriptor so far.
    private(set) var bytesRead = 0

    /// `readSize` is the most one `read` asks for; a small one (in tests) splits lines
    /// across reads.
    init(descriptor: Int32 = 0, name: String = "standard input", maximumLineLength: Int = 1 << 16, readSize: Int = 1 << 16) {
        precondition(maximumLineLength >= 0 && readSize > 0)
        self.descriptor = descriptor
        self.name = name
        self.maximumLineLength = maximumLineLength
        self.readSize = readSize
        // A line, its CR and LF, and a full read always fit.
        maximumBlockSize = maximumLineLength + 2 + readSize
        buffer = .allocate(capacity: maximumBlockSize)
    }

    deinit { buffer.deallocate() }

    /// Calls `body` with every line of the input, in order.
    func forEachLine(_ body: (Line) throws(CommandFailure) -> Void) throws(CommandFailure) {
        let maximum = maximumLineLength
        try forEachBlock { (block) throws(CommandFailure) in
            switch block {
            case .lines(let bytes): try LineReader.splitLines(bytes, maximumLineLength: maximum, body)
            case .oversized(let byteCount, let scalarCount): try body(.oversized(byteCount: byteCount, scalarCount: scalarCount))
            }
        }
    }

    /// Calls `body` with the whole lines of each read as soon as they are read, in order.
    func forEachBlock(_ body: (Block) throws(CommandFailure) -> Void) throws(CommandFailure) {
        // The unconsumed input is buffer[0..<end]; buffer[0..<scanned] has no LF.
        var end = 0
        var scanned = 0
        while true {
            if let newline = LineReader.lastNewline(buffer + scanned, count: end - scanned).map({ $0 + scanned }) {
                try body(.lines(UnsafeBufferPointer(start: buffer, count: newline + 1)))
                end -= newline + 1
                if end > 0 { buffer.update(from: buffer + newline + 1, count: end) }
            } else if end > maximumLineLength + 1 {
                // No LF within the limit: count the rest of the line without keeping it.
                guard let rest = try streamLongLine(count: end, body) else { return }
                end = rest
                scanned = 0
                continue
            }
            scanned = end
            assert(end < maximumBlockSize, "a read always has room")
            let got = try read(at: end, count: min(readSize, maximumBlockSize - end))
            if got == 0 {
                if end > 0 { try body(.lines(UnsafeBufferPointer(start: buffer, count: end))) }
                return
            }
            end += got
        }
    }

    /// Splits `bytes` (whole lines, each ended by LF but perhaps the last) into lines:
    /// drops one CR before each LF, and reports a line over `maximumLineLength` by size.
    static func splitLines<Failure: Error>(_ bytes: UnsafeBufferPointer<UInt8>, maximumLineLength: Int, _ body: (Line) throws(Failure) -> Void) throws(Failure) {
        guard let base = bytes.baseAddress else { return }
        var start = 0
        while start < bytes.count {
            var end = bytes.count
            if let found = memchr(base + start, 0x0A, bytes.count - start) {
                end = base.distance(to: found.assumingMemoryBound(to: UInt8.self))
            }
            var stop = end
            if stop > start, base[stop - 1] == 0x0D { stop -= 1 }
            let line = UnsafeBufferPointer(start: base + start, count: stop - start)
            if line.count > maximumLineLength {
                try body(.oversized(byteCount: line.count, scalarCount: leadBytes(line)))
            } else {
                try body(.complete(line))
            }
            start = end + 1
        }
    }

    /// Reads `count` bytes at `offset` of the buffer at most; 0 at the end of the input.
    private func read(at offset: Int, count: Int) throws(CommandFailure) -> Int {
        do {
            let got = try SystemCall.read(descriptor, into: buffer + offset, count: count)
            bytesRead += got
            return got
        } catch {
            throw error.commandFailure("cannot read \(name)")
        }
    }

    /// Consumes input up to and including the LF that ends the line filling
    /// `buffer[0..<count]`, counting as it goes, and reports the line. Returns how many
    /// bytes after the LF it moved to the buffer's start, or nil when the input ended.
    private func streamLongLine(count: Int, _ body: (Block) throws(CommandFailure) -> Void) throws(CommandFailure) -> Int? {
        var bytes = count
        var scalars = LineReader.leadBytes(UnsafeBufferPointer(start: buffer, count: count))
        var last = buffer[count - 1]
        while true {
            let got = try read(at: 0, count: maximumBlockSize)
            if got == 0 { break }
            let chunk = UnsafeBufferPointer(start: buffer, count: got)
            guard let found = memchr(buffer, 0x0A, got) else {
                bytes += got
                scalars += LineReader.leadBytes(chunk)
                last = buffer[got - 1]
                continue
            }
            let newline = buffer.distance(to: found.assumingMemoryBound(to: UInt8.self))
            let part = UnsafeBufferPointer(rebasing: chunk[..<newline])
            bytes += part.count
            scalars += LineReader.leadBytes(part)
            if let final = part.last { last = final }
            if last == 0x0D { bytes -= 1; scalars -= 1 }
            try body(.oversized(byteCount: bytes, scalarCount: scalars))
            // The rest of this read belongs to the following lines.
            let rest = got - newline - 1
            if rest > 0 { buffer.update(from: buffer + newline + 1, count: rest) }
            return rest
        }
        if last == 0x0D { bytes -= 1; scalars -= 1 }
        try body(.oversized(byteCount: bytes, scalarCount: scalars))
        return nil
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

    /// The bytes that begin a UTF-8 sequence (not `10xxxxxx`).
    static func leadBytes(_ bytes: UnsafeBufferPointer<UInt8>) -> Int {
        var count = 0
        for byte in bytes where byte & 0xC0 != 0x80 { count += 1 }
        return count
    }
}
