import PasswordPolicy

/// The `forbidList` lists that are files: blocklist files (a path ending in `.pwbl`, or a file
/// starting with their magic; `pwpolicy blocklist build`), mapped and checked at load; or plain
/// text, one password a line (LF; one trailing CR is removed; empty lines are skipped), valid
/// UTF-8, at most 64 MiB. A `list` that is not
/// a built-in name is a path, relative to the directory of the policy file that names it (to
/// the working directory for a preset or `--forbid-list`).
enum BlocklistFiles {
    /// The largest list file read.
    static let maximumFileSize = 64 << 20

    /// Every file list `policy` names, read; a list that cannot be read is a problem at its
    /// key path (`forbidList[1].list: cannot read the list file ...`).
    static func lists(for policy: Policy, policyFile: String?) -> (lists: [String: Blocklist], problems: [PolicyProblem]) {
        var lists: [String: Blocklist] = [:]
        var problems: [PolicyProblem] = []
        for (index, rule) in policy.forbidLists.enumerated() where Blocklist.builtIn(named: rule.list) == nil && !rule.list.isEmpty {
            if lists[rule.list] != nil { continue }
            do {
                lists[rule.list] = try read(rule.list, path: resolve(rule.list, relativeTo: policyFile))
            } catch {
                problems.append(PolicyProblem(keyPath: "forbidList[\(index)].list", message: error.message))
            }
        }
        return (lists, problems)
    }

    /// `lint`'s report for a policy file, its list files read relative to it: a list file
    /// that cannot be read is an error at its key path (and the rest is not analysed).
    static func lintReport(json bytes: [UInt8], file: String) -> PolicyLintReport {
        guard let policy = try? Policy(json: bytes) else { return Policy.lintReport(json: bytes) }
        let (lists, problems) = lists(for: policy, policyFile: file)
        var report = policy.lintReport(blocklists: lists)
        if !problems.isEmpty {
            let unreadable = Set(problems.map(\.keyPath))
            report.errors = problems + report.errors.filter { !unreadable.contains($0.keyPath) }
        }
        return report
    }

    /// `list` as a path: itself when absolute or when there is no policy file, else joined to
    /// the policy file's directory.
    static func resolve(_ list: String, relativeTo policyFile: String?) -> String {
        guard !list.hasPrefix("/"), let policyFile, let slash = policyFile.lastIndex(of: "/") else { return list }
        return String(policyFile[...slash]) + list
    }

    /// Reads one list file into a list named `name`.
    static func read(_ name: String, path: String) throws(CommandFailure) -> Blocklist {
        if path.hasSuffix(".pwbl") { return try readBinary(name, path: path) }
        let bytes = try readFile(path, limit: maximumFileSize, what: "the list file")
        if Blocklist.isBlocklistFile(prefix: bytes) { return try readBinary(name, path: path) }
        if bytes.count > maximumFileSize {
            throw CommandFailure("the list file \(path) is over \(maximumFileSize >> 20) MiB; larger lists are not supported yet")
        }
        var entries: [String] = []
        for (number, line) in bytes.split(separator: 10, omittingEmptySubsequences: false).enumerated() {
            let content = line.last == 13 ? line.dropLast() : line[...]
            if content.isEmpty { continue }
            guard let text = String(validating: content, as: UTF8.self) else {
                throw CommandFailure("the list file \(path): line \(number + 1) is not valid UTF-8")
            }
            entries.append(text)
        }
        if entries.isEmpty { throw CommandFailure("the list file \(path) holds no password") }
        return Blocklist(name: name, entries: entries)
    }

    /// Maps a blocklist file (`pwpolicy blocklist build`), checked at load.
    static func readBinary(_ name: String, path: String) throws(CommandFailure) -> Blocklist {
        do { return try Blocklist(contentsOfFile: path, name: name) } catch { throw CommandFailure(error.message) }
    }
}
