// Fuzz target 7: blocklist file loading from arbitrary bytes. Each input is loaded twice:
// as it is (nearly always refused by a checksum), and with both checksums recomputed, so that
// the fuzzer reaches the field and partition-table checks and the lookups behind them.
// Never crashes; the answer is a list that answers lookups, or a BlocklistFileError with a
// message naming the file.
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

private let path = "/tmp/pwpolicy-fuzz-blocklist-\(getpid()).pwbl"

private func load(_ bytes: [UInt8]) {
    guard let file = fopen(path, "wb") else { fatalError("cannot write \(path)") }
    defer { unlink(path) }
    _ = bytes.withUnsafeBytes { fwrite($0.baseAddress, 1, $0.count, file) }
    fclose(file)
    do {
        let list = try Blocklist(contentsOfFile: path, name: "fuzz")
        let probes = ["", "password", "Ünïcödé", "PassWord", String(repeating: "x", count: 70)]
        // Many lookups at once (hashed in groups, slots prefetched) answer as one at a time.
        if list.membership(of: probes) != probes.map({ list.contains($0) }) { fatalError("membership(of:) disagrees with contains(_:)") }
        guard let info = list.fileInfo, info.count >= 0, info.byteCount == bytes.count else { fatalError("inconsistent file info") }
    } catch {
        if error.message.isEmpty || !error.message.contains(path) { fatalError("an error that does not name the file") }
    }
}

/// `bytes` with the header's body checksum and header checksum made to match.
private func sealed(_ bytes: [UInt8]) -> [UInt8] {
    guard bytes.count >= 64 else { return bytes }
    var out = bytes
    func put(_ value: UInt64, at offset: Int) {
        for index in 0..<8 { out[offset + index] = UInt8(truncatingIfNeeded: value >> UInt64(8 * index)) }
    }
    put(out[64...].withUnsafeBytes { BlocklistChecksum.of($0) }, at: 40)
    put(out[0..<56].withUnsafeBytes { BlocklistChecksum.of($0) }, at: 56)
    return out
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzBlocklist(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    load(bytes)
    load(sealed(bytes))
    return 0
}
