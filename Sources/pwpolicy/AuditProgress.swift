#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// A progress bar on standard error (only drawn when it is a terminal), at most ten
/// times a second: the share of the file read, or the bytes and lines so far.
final class AuditProgress {
    private let totalBytes: Int?
    private let clock = ContinuousClock()
    private var lastDrawn: ContinuousClock.Instant?
    /// What the count counts: "passwords checked" (audit), "lines read" (blocklist build).
    private let noun: String

    init(descriptor: Int32, noun: String = "passwords checked") {
        self.noun = noun
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
        text += "\(AuditProgress.size(bytes)) read, \(lines()) \(noun)\u{1B}[K"
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
