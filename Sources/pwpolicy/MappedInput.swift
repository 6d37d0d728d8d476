#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// A regular file mapped read-only, for `audit`: its workers judge the lines where they lie
/// instead of in copies made by a reading thread (`read` and the copy were a quarter of the
/// reader's time). Each judged part is handed back to the kernel (`release`), so memory stays
/// bounded by the parts in flight whatever the file's size.
///
/// As with any mapped file, a file truncated by another process while it is audited ends the
/// process with SIGBUS; `audit` maps only a file named by `--input` of at least
/// ``minimumSize`` bytes and reads everything else (standard input, pipes, small files)
/// through ``LineReader``. A part is about 1 MiB up to the next LF, so a line of gigabytes
/// is one part: its pages are clean file pages the kernel can reclaim, not memory of ours.
final class MappedInput: @unchecked Sendable {
    /// Smaller files are read: the mapping saves nothing there.
    static let minimumSize = 1 << 20

    let base: UnsafePointer<UInt8>
    let count: Int
    private let pageSize: Int

    private init(base: UnsafePointer<UInt8>, count: Int) {
        self.base = base
        self.count = count
        pageSize = max(1, Int(sysconf(Int32(_SC_PAGESIZE))))
    }

    /// The file open at `descriptor` mapped, or nil when it is not a regular file of at
    /// least ``minimumSize`` bytes, is not read from its start, or cannot be mapped (the
    /// caller then reads it).
    static func map(_ descriptor: Int32) -> MappedInput? {
        var info = stat()
        guard lseek(descriptor, 0, SEEK_CUR) == 0, fstat(descriptor, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG, info.st_size >= minimumSize,
              let count = Int(exactly: info.st_size) else { return nil }
        guard let address = mmap(nil, count, PROT_READ, MAP_PRIVATE, descriptor, 0), address != MAP_FAILED else { return nil }
        _ = madvise(address, count, MADV_SEQUENTIAL)
        return MappedInput(base: UnsafePointer(address.assumingMemoryBound(to: UInt8.self)), count: count)
    }

    /// The end of the part that starts at `start` and holds whole lines: after the first LF
    /// at or after `start + size`, or the end of the file.
    func partEnd(from start: Int, size: Int) -> Int {
        let from = min(count, start + size)
        guard from < count, let found = memchr(base + from, 0x0A, count - from) else { return count }
        return base.distance(to: found.assumingMemoryBound(to: UInt8.self)) + 1
    }

    /// Hands the whole pages of `range` back to the kernel (they are read again if touched).
    func release(_ range: Range<Int>) {
        let first = (range.lowerBound + pageSize - 1) / pageSize * pageSize
        let end = range.upperBound / pageSize * pageSize
        guard end > first else { return }
        _ = madvise(UnsafeMutableRawPointer(mutating: base + first), end - first, MADV_DONTNEED)
    }

    deinit { munmap(UnsafeMutableRawPointer(mutating: base), count) }
}
