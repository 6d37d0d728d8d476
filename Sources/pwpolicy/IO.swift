#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// A failure the command reports on standard error before it exits with `exitCode`.
///
/// The message names what was wrong (a file, a key path, a preset id) and never contains a
/// password: nothing read from standard input is ever put into one.
struct CommandFailure: Error {
    var message: String
    var exitCode: Int32 = 2

    init(_ message: String, exitCode: Int32 = 2) {
        self.message = message
        self.exitCode = exitCode
    }
}

/// Ends the process now.
func terminate(_ status: Int32) -> Never {
    exit(status)
}

/// `text` with control characters (a line break in a policy author's message, say) shown
/// as `\n`, `\u{7}`, so that one result stays on one output line.
func oneLine(_ text: String) -> String {
    guard text.unicodeScalars.contains(where: { $0.value < 0x20 || $0.value == 0x7F }) else { return text }
    var result = ""
    for scalar in text.unicodeScalars {
        switch scalar.value {
        case 0x0A: result += "\\n"
        case 0x0D: result += "\\r"
        case 0x09: result += "\\t"
        case 0..<0x20, 0x7F: result += "\\u{" + String(scalar.value, radix: 16) + "}"
        default: result.unicodeScalars.append(scalar)
        }
    }
    return result
}

/// Whether standard input is a terminal (a person typing, not a pipe or a file).
func standardInputIsTerminal() -> Bool { isatty(0) == 1 }

/// The text of `errno` as the C library gives it.
func systemErrorMessage(_ code: Int32) -> String {
    guard let text = strerror(code) else { return "error \(code)" }
    return String(cString: text)
}

/// Standard error, unbuffered: diagnostics appear at once and in order.
enum StandardError {
    static func write(_ text: String) {
        var text = text
        text.withUTF8 { bytes in
            var offset = 0
            while offset < bytes.count {
                let written = systemWrite(2, bytes.baseAddress.map { $0 + offset }, bytes.count - offset)
                if written < 0 {
                    if errno == EINTR { continue }
                    return
                }
                offset += written
            }
        }
    }

    /// `pwpolicy: warning: ...` on its own line.
    static func warn(_ message: String) { write("pwpolicy: warning: \(message)\n") }
}

/// `write(2)` and `read(2)` under names that do not clash with the types' own methods.
@inline(__always)
func systemWrite(_ descriptor: Int32, _ pointer: UnsafePointer<UInt8>?, _ count: Int) -> Int {
    write(descriptor, pointer, count)
}

@inline(__always)
func systemRead(_ descriptor: Int32, _ pointer: UnsafeMutableRawPointer?, _ count: Int) -> Int {
    read(descriptor, pointer, count)
}

/// A buffered writer over a file descriptor (standard output by default): the command
/// writes a line per password, so every line must not cost a system call.
struct BufferedWriter: ~Copyable {
    private let descriptor: Int32
    private let capacity: Int
    private var buffer: UnsafeMutablePointer<UInt8>
    private var count = 0

    init(descriptor: Int32 = 1, capacity: Int = 1 << 16) {
        self.descriptor = descriptor
        self.capacity = capacity
        buffer = .allocate(capacity: capacity)
    }

    deinit { buffer.deallocate() }

    /// Writes everything buffered so far.
    mutating func flush() throws(CommandFailure) {
        var offset = 0
        while offset < count {
            let written = systemWrite(descriptor, buffer + offset, count - offset)
            if written < 0 {
                if errno == EINTR { continue }
                let reason = systemErrorMessage(errno)
                count = 0
                throw CommandFailure("cannot write to standard output: \(reason)")
            }
            offset += written
        }
        count = 0
    }

    @inline(__always)
    mutating func write(byte: UInt8) throws(CommandFailure) {
        if count == capacity { try flush() }
        buffer[count] = byte
        count += 1
    }

    mutating func write(_ bytes: UnsafeBufferPointer<UInt8>) throws(CommandFailure) {
        guard let base = bytes.baseAddress, !bytes.isEmpty else { return }
        if count + bytes.count > capacity { try flush() }
        if bytes.count > capacity {
            // Too big to buffer: write it straight through.
            var offset = 0
            while offset < bytes.count {
                let written = systemWrite(descriptor, base + offset, bytes.count - offset)
                if written < 0 {
                    if errno == EINTR { continue }
                    throw CommandFailure("cannot write to standard output: \(systemErrorMessage(errno))")
                }
                offset += written
            }
            return
        }
        (buffer + count).update(from: base, count: bytes.count)
        count += bytes.count
    }

    mutating func write(_ text: String) throws(CommandFailure) {
        var text = text
        let result: Result<Void, CommandFailure> = text.withUTF8 { bytes in
            do throws(CommandFailure) { try write(bytes); return .success(()) } catch { return .failure(error) }
        }
        try result.get()
    }

    mutating func write(_ text: StaticString) throws(CommandFailure) {
        try write(UnsafeBufferPointer(start: text.utf8Start, count: text.utf8CodeUnitCount))
    }

    /// A non-negative integer in decimal, without going through `String`.
    mutating func write(decimal value: Int) throws(CommandFailure) {
        if value < 0 { try write(byte: UInt8(ascii: "-")) }
        var digits: (UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8,
                     UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8) =
            (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
        var magnitude = value.magnitude
        var length = 0
        try withUnsafeMutableBytes(of: &digits) { (raw) throws(CommandFailure) in
            repeat {
                raw[19 - length] = UInt8(ascii: "0") + UInt8(magnitude % 10)
                magnitude /= 10
                length += 1
            } while magnitude > 0
            let typed = raw.bindMemory(to: UInt8.self)
            try write(UnsafeBufferPointer(rebasing: typed[(20 - length)...]))
        }
    }

    /// `text` as a JSON string, quotes included (RFC 8259 escaping).
    mutating func write(jsonString text: String) throws(CommandFailure) {
        try write(byte: UInt8(ascii: "\""))
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "\""): try write("\\\"" as StaticString)
            case UInt8(ascii: "\\"): try write("\\\\" as StaticString)
            case 0x0A: try write("\\n" as StaticString)
            case 0x0D: try write("\\r" as StaticString)
            case 0x09: try write("\\t" as StaticString)
            case 0x08: try write("\\b" as StaticString)
            case 0x0C: try write("\\f" as StaticString)
            case 0..<0x20, 0x7F:
                try write("\\u00" as StaticString)
                let hex: [UInt8] = Array("0123456789abcdef".utf8)
                try write(byte: hex[Int(byte >> 4)])
                try write(byte: hex[Int(byte & 0xF)])
            default: try write(byte: byte)
            }
        }
        try write(byte: UInt8(ascii: "\""))
    }
}

/// Reads a file descriptor line by line through one fixed buffer, never holding more than
/// one line (at most `maximumLineLength` bytes) and one read's worth of input.
///
/// Lines end at LF; one CR before the LF is removed. A last line without LF counts; an
/// input that ends with LF has no empty line after it. A line longer than the maximum is
/// skipped to its end without being stored, and reported by its length alone.
struct LineReader: ~Copyable {
    enum Line {
        /// The bytes of the line, valid only during the call.
        case complete(UnsafeBufferPointer<UInt8>)
        /// A line over the maximum: its size in bytes, and the number of bytes that start a
        /// UTF-8 sequence (its length in scalars, when the line is valid UTF-8).
        case oversized(byteCount: Int, scalarCount: Int)
    }

    let descriptor: Int32
    let maximumLineLength: Int
    private let readSize: Int
    private let capacity: Int
    private let buffer: UnsafeMutablePointer<UInt8>

    init(descriptor: Int32 = 0, maximumLineLength: Int = 1 << 16, readSize: Int = 1 << 16) {
        self.descriptor = descriptor
        self.maximumLineLength = maximumLineLength
        self.readSize = readSize
        // A line, its CR and LF, and a full read always fit.
        capacity = maximumLineLength + 2 + readSize
        buffer = .allocate(capacity: capacity)
    }

    deinit { buffer.deallocate() }

    /// Reads `count` bytes at `offset` of the buffer at most; 0 at the end of the input.
    private func read(at offset: Int, count: Int) throws(CommandFailure) -> Int {
        while true {
            let got = systemRead(descriptor, buffer + offset, count)
            if got >= 0 { return got }
            if errno == EINTR { continue }
            throw CommandFailure("cannot read standard input: \(systemErrorMessage(errno))")
        }
    }

    /// Calls `body` with every line of the input, in order.
    func forEachLine(_ body: (Line) throws(CommandFailure) -> Void) throws(CommandFailure) {
        // The unconsumed input is buffer[start..<end]; buffer[start..<scanned] has no LF.
        var start = 0
        var end = 0
        var scanned = 0
        var atEnd = false
        while true {
            if scanned < end, let found = memchr(buffer + scanned, 0x0A, end - scanned) {
                let newline = buffer.distance(to: found.assumingMemoryBound(to: UInt8.self))
                try emit(start: start, end: newline, body)
                start = newline + 1
                scanned = start
                continue
            }
            scanned = end
            if atEnd {
                if start < end { try emit(start: start, end: end, body) }
                return
            }
            if end - start > maximumLineLength + 1 {
                // No LF within the limit: count the rest of the line without keeping it.
                let rest = try skipLongLine(from: start, to: end, body)
                guard let rest else { return }
                start = 0
                end = rest
                scanned = 0
                continue
            }
            if start > 0 {
                buffer.update(from: buffer + start, count: end - start)
                end -= start
                scanned -= start
                start = 0
            }
            let got = try read(at: end, count: min(readSize, capacity - end))
            if got == 0 { atEnd = true } else { end += got }
        }
    }

    /// One complete line: drop a trailing CR, and report an overlong one by size.
    private func emit(start: Int, end: Int, _ body: (Line) throws(CommandFailure) -> Void) throws(CommandFailure) {
        var end = end
        if end > start, buffer[end - 1] == 0x0D { end -= 1 }
        let line = UnsafeBufferPointer(start: buffer + start, count: end - start)
        if line.count > maximumLineLength {
            try body(.oversized(byteCount: line.count, scalarCount: LineReader.leadBytes(line)))
        } else {
            try body(.complete(line))
        }
    }

    /// Consumes input up to and including the next LF, counting as it goes, and reports
    /// the line. Returns how many bytes after the LF it moved to the buffer's start, or nil
    /// when the input ended.
    private func skipLongLine(from start: Int, to end: Int, _ body: (Line) throws(CommandFailure) -> Void) throws(CommandFailure) -> Int? {
        var bytes = end - start
        var scalars = LineReader.leadBytes(UnsafeBufferPointer(start: buffer + start, count: end - start))
        var last = buffer[end - 1]
        while true {
            let got = try read(at: 0, count: capacity)
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

    /// The bytes that begin a UTF-8 sequence (not `10xxxxxx`).
    private static func leadBytes(_ bytes: UnsafeBufferPointer<UInt8>) -> Int {
        var count = 0
        for byte in bytes where byte & 0xC0 != 0x80 { count += 1 }
        return count
    }
}

/// Reads a whole file of at most `limit` bytes (one more is read, so the caller can tell
/// a file over the limit). Throws a message that names the file.
func readFile(_ path: String, limit: Int) throws(CommandFailure) -> [UInt8] {
    let descriptor = open(path, O_RDONLY | O_CLOEXEC)
    if descriptor < 0 { throw CommandFailure("cannot read the policy file \(path): \(systemErrorMessage(errno))") }
    defer { close(descriptor) }
    var bytes: [UInt8] = []
    var chunk = [UInt8](repeating: 0, count: 1 << 16)
    while bytes.count <= limit {
        let got = chunk.withUnsafeMutableBytes { systemRead(descriptor, $0.baseAddress, min($0.count, limit + 1 - bytes.count)) }
        if got < 0 {
            if errno == EINTR { continue }
            throw CommandFailure("cannot read the policy file \(path): \(systemErrorMessage(errno))")
        }
        if got == 0 { break }
        bytes.append(contentsOf: chunk[0..<got])
    }
    return bytes
}
