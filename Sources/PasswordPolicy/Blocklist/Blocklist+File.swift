// Lists loaded from blocklist files (`.pwbl`, built by `pwpolicy blocklist build`).

extension Blocklist {
    /// A list from a blocklist file, mapped read-only and checked (header, checksums, bounds)
    /// before it is used; share it across threads. A password is looked up by the SHA-1 (or, in
    /// a file built from plain passwords, the XXH64) of its UTF-8, after the file's own case folding and normalization. A filter file answers
    /// "probably listed" with a false-positive rate of 1/256 (``fileInfo``); never a false negative.
    ///
    /// ```swift
    /// let breached = try Blocklist(contentsOfFile: "breached.pwbl", name: "breached")
    /// let l3 = try CompiledPolicy(Presets.policy(id: "owasp.asvs-5.l3")!, blocklists: ["breached": breached])
    /// ```
    ///
    /// - Throws: ``BlocklistFileError`` naming the file and the problem (unreadable, truncated,
    ///   not a blocklist file, another version or byte order, checksum mismatch).
    public init(contentsOfFile path: String, name: String? = nil, reason: String? = nil) throws(BlocklistFileError) {
        let file = try BlocklistFile(path: path)
        let name = name ?? path
        let reason = reason ?? (file.info.isApproximate
            ? "is probably in the list \"\(name)\" (a filter: 1 in 256 passwords not in it are refused too)"
            : "is in the list \"\(name)\"")
        self.init(name: name, reason: reason, file: file)
    }

    /// Whether `bytes` start with a blocklist file's magic number.
    ///
    /// ```swift
    /// Blocklist.isBlocklistFile(prefix: [0x89, 0x50, 0x57, 0x42, 0x4C, 0x0D, 0x0A, 0x1A])   // true
    /// ```
    public static func isBlocklistFile(prefix bytes: some Collection<UInt8>) -> Bool {
        bytes.starts(with: BlocklistFileHeader.magic)
    }

    /// The file's facts (entries, size, false-positive rate); nil for a list held in memory.
    ///
    /// ```swift
    /// try Blocklist(contentsOfFile: "breached.pwbl").fileInfo?.count
    /// ```
    public var fileInfo: BlocklistFileInfo? { file?.info }

    /// Whether membership is approximate ("probably listed"): a list from a filter file.
    ///
    /// ```swift
    /// Blocklist.common.isApproximate   // false
    /// ```
    public var isApproximate: Bool { file?.info.isApproximate ?? false }

    /// The key a file list looks `bytes` up by: SHA-1 or XXH64 after the file's folding and
    /// normalization (only a password that needs them touches `file`, a retain).
    @inline(__always)
    func key(_ bytes: UnsafeBufferPointer<UInt8>, _ probe: BlocklistFileProbe) -> BlocklistDigest {
        guard probe.needsTransform(bytes), let file else { return probe.hash.key(bytes) }
        let options = BlocklistFileBuilder.Options(
            isCaseInsensitive: file.info.isCaseInsensitive, normalization: file.info.normalization, hash: file.info.hash)
        return options.digest(of: String(decoding: bytes, as: UTF8.self))
    }
}
