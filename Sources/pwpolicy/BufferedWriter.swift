/// A buffered writer over a file descriptor (standard output by default): the command
/// writes a line per password, so every line must not cost a system call.
///
/// Every write to the descriptor goes through ``SystemCall/writeAll(_:_:using:)``; a
/// failure is a ``CommandFailure`` naming the output ("cannot write to standard output:
/// ...").
struct BufferedWriter: ~Copyable {
    private let descriptor: Int32
    private let capacity: Int
    /// What the descriptor is, for messages ("standard output").
    private let name: String
    private let writeFunction: SystemCall.WriteFunction
    private var buffer: UnsafeMutablePointer<UInt8>
    private var count = 0

    /// `write` stands in for `write(2)` (tests only).
    init(descriptor: Int32 = 1, capacity: Int = 1 << 16, name: String = "standard output",
         write: @escaping SystemCall.WriteFunction = systemWrite) {
        precondition(capacity > 0, "a buffer holds at least one byte")
        self.descriptor = descriptor
        self.capacity = capacity
        self.name = name
        writeFunction = write
        buffer = .allocate(capacity: capacity)
    }

    deinit { buffer.deallocate() }

    /// The bytes written but not yet flushed.
    var bufferedCount: Int { count }

    /// Writes everything buffered so far. After a failure the buffer is empty.
    mutating func flush() throws(CommandFailure) {
        let pending = UnsafeRawBufferPointer(start: buffer, count: count)
        count = 0
        try writeThrough(pending)
    }

    private func writeThrough(_ bytes: UnsafeRawBufferPointer) throws(CommandFailure) {
        do {
            try SystemCall.writeAll(descriptor, bytes, using: writeFunction)
        } catch {
            throw error.commandFailure("cannot write to \(name)")
        }
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
            try writeThrough(UnsafeRawBufferPointer(bytes))
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

    /// An integer in decimal, without going through `String`.
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
}
