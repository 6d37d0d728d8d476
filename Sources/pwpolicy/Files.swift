#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Reads a whole policy file of at most `limit` bytes (one more is read, so the caller can
/// tell a file over the limit). Throws a message that names the file.
func readFile(_ path: String, limit: Int, what: String = "the policy file") throws(CommandFailure) -> [UInt8] {
    let action = "cannot read \(what) \(path)"
    let descriptor: Int32
    do {
        descriptor = try SystemCall.openForReading(path)
    } catch {
        throw error.commandFailure(action)
    }
    defer { close(descriptor) }
    var bytes: [UInt8] = []
    let chunk = UnsafeMutableRawBufferPointer.allocate(byteCount: 1 << 16, alignment: 1)
    defer { chunk.deallocate() }
    while bytes.count <= limit {
        let got: Int
        do {
            got = try SystemCall.read(descriptor, into: chunk.baseAddress!, count: min(chunk.count, limit + 1 - bytes.count))
        } catch {
            throw error.commandFailure(action)
        }
        if got == 0 { break }
        bytes.append(contentsOf: chunk[0..<got])
    }
    return bytes
}

/// Opens a file of passwords (`--input` of `bench` and `audit`) for reading: its
/// descriptor, which the caller closes, and the name its messages give it.
func openInputFile(_ path: String) throws(CommandFailure) -> (descriptor: Int32, name: String) {
    let name = "the input file \(path)"
    do {
        return (try SystemCall.openForReading(path), name)
    } catch {
        throw error.commandFailure("cannot read \(name)")
    }
}
