extension Policy {
    /// The most classes a policy may declare.
    public static let maximumClassCount = 32
    /// The longest `set` body or pattern, in UTF-8 bytes, the library compiles.
    public static let maximumPatternLength = 4096

    /// Problems of meaning that need no PCRE2: names, numbers, references.
    /// ``CompiledPolicy/init(_:)`` reports these together with PCRE2's.
    func structuralProblems() -> [PolicyProblem] {
        var problems = ProblemList()
        let root = KeyPath()
        if format < 1 { problems.add(root.key("format"), "format must be 1 or more, found \(format)") }
        if format > Policy.currentFormat { problems.add(root.key("format"), "format \(format) is newer than this library understands (it reads format \(Policy.currentFormat))") }
        if let problem = Policy.idProblem(id) { problems.add(root.key("id"), problem) }
        if length.min < 0 { problems.add(root.key("length").key("min"), "must not be negative, found \(length.min)") }
        if let max = length.max {
            if max < 0 { problems.add(root.key("length").key("max"), "must not be negative, found \(max)") }
            if max < length.min { problems.add(root.key("length"), "min \(length.min) is greater than max \(max)") }
        }
        checkClasses(&problems)
        for (index, requirement) in requirements.enumerated() {
            checkRequirement(requirement, at: root.key("require").index(index), &problems)
        }
        if let maxConsecutive, maxConsecutive < 1 { problems.add(root.key("maxConsecutive"), "must be at least 1, found \(maxConsecutive)") }
        checkPatternsAndContext(&problems)
        return problems.problems
    }

    /// Problems found so far, each at its key path.
    struct ProblemList {
        var problems: [PolicyProblem] = []
        mutating func add(_ path: KeyPath, _ message: String) { problems.append(PolicyProblem(keyPath: path.text, message: message)) }
    }

    private func checkClasses(_ problems: inout ProblemList) {
        let root = KeyPath()
        if classes.isEmpty { problems.add(root.key("classes"), "at least one class is required") }
        if classes.count > Policy.maximumClassCount { problems.add(root.key("classes"), "at most \(Policy.maximumClassCount) classes are supported, found \(classes.count)") }
        var seen: [String: Int] = [:]
        for (index, characterClass) in classes.enumerated() {
            let path = root.key("classes").index(index)
            if characterClass.name.isEmpty { problems.add(path.key("name"), "a class name must not be empty") }
            if let first = seen[characterClass.name] {
                problems.add(path.key("name"), "duplicate class name \"\(characterClass.name)\" (also classes[\(first)])")
            } else {
                seen[characterClass.name] = index
            }
        }
    }

    private func checkRequirement(_ requirement: Requirement, at path: KeyPath, _ problems: inout ProblemList) {
        let names = Set(classes.map(\.name))
        switch requirement {
        case .atLeast(let count, let of):
            let members = of ?? classes.map(\.name)
            if let of {
                if of.isEmpty { problems.add(path.key("of"), "must name at least one class") }
                var listed = Set<String>()
                for (position, name) in of.enumerated() {
                    if !names.contains(name) { problems.add(path.key("of").index(position), Policy.unknownClassMessage(name, known: classes.map(\.name))) }
                    if !listed.insert(name).inserted { problems.add(path.key("of").index(position), "class \"\(name)\" is listed twice") }
                }
            }
            if count < 1 { problems.add(path.key("atLeast"), "must be at least 1, found \(count)") }
            if count > Set(members).count {
                problems.add(path.key("atLeast"), "requires \(count) classes but only \(Set(members).count) are named: it can never be met")
            }
        case .count(let name, let min, let max):
            if !names.contains(name) { problems.add(path.key("class"), Policy.unknownClassMessage(name, known: classes.map(\.name))) }
            if let min, min < 0 { problems.add(path.key("min"), "must not be negative, found \(min)") }
            if let max, max < 0 { problems.add(path.key("max"), "must not be negative, found \(max)") }
            if let min, let max, min > max { problems.add(path, "min \(min) is greater than max \(max)") }
            if let min, let lengthMax = length.max, min > lengthMax {
                problems.add(path.key("min"), "requires \(min) characters of \"\(name)\" but length.max is \(lengthMax): it can never be met")
            }
        }
    }

    private func checkPatternsAndContext(_ problems: inout ProblemList) {
        let root = KeyPath()
        for (index, pattern) in forbidPatterns.enumerated() {
            let path = root.key("forbidPatterns").index(index)
            if pattern.pattern.isEmpty { problems.add(path.key("pattern"), "must not be empty (it would match every password)") }
            if pattern.pattern.utf8.count > Policy.maximumPatternLength { problems.add(path.key("pattern"), "longer than \(Policy.maximumPatternLength) bytes") }
            if pattern.code.isEmpty { problems.add(path.key("code"), "must not be empty") }
            if pattern.message.isEmpty { problems.add(path.key("message"), "must not be empty") }
        }
        var contextNames = Set<String>()
        for (index, name) in forbidContext.enumerated() {
            if name.isEmpty { problems.add(root.key("forbidContext").index(index), "a context name must not be empty") }
            if !contextNames.insert(name).inserted { problems.add(root.key("forbidContext").index(index), "context \"\(name)\" is listed twice") }
        }
        for (index, entry) in forbidLists.enumerated() {
            let path = root.key("forbidList").index(index)
            if entry.list.isEmpty { problems.add(path.key("list"), "must not be empty") }
            if entry.code?.isEmpty == true { problems.add(path.key("code"), "must not be empty") }
            if entry.message?.isEmpty == true { problems.add(path.key("message"), "must not be empty") }
        }
    }

    /// Why `id` is not a valid identifier, or nil.
    static func idProblem(_ id: String) -> String? {
        if id.isEmpty { return "must not be empty" }
        // Byte by byte: every allowed character is one ASCII byte, and any other character
        // holds a byte that is not allowed.
        let bytes = id.utf8
        if bytes.contains(where: { !isIDByte($0) }) {
            return "\"\(id)\" must be lowercase letters, digits, '-' and '_', in dot-separated parts (vendor.service[.variant])"
        }
        let dot = UInt8(ascii: ".")
        if bytes.first == dot || bytes.last == dot || zip(bytes, bytes.dropFirst()).contains(where: { $0 == dot && $1 == dot }) {
            return "\"\(id)\" has an empty dot-separated part"
        }
        return nil
    }

    /// `a`-`z`, `0`-`9`, `-`, `_`, `.` and `+` (an intersection's id joins its parts' with `+`).
    private static func isIDByte(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "0")...UInt8(ascii: "9"): return true
        case UInt8(ascii: "-"), UInt8(ascii: "_"), UInt8(ascii: "."), UInt8(ascii: "+"): return true
        default: return false
        }
    }

    static func unknownClassMessage(_ name: String, known: [String]) -> String {
        "no class named \"\(name)\"; the classes are \(known.map { "\"\($0)\"" }.joined(separator: ", "))"
    }
}
