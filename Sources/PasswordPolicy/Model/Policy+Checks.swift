extension Policy {
    /// The most classes a policy may declare.
    public static let maximumClassCount = 32
    /// The longest `set` body or pattern, in UTF-8 bytes, the library compiles.
    public static let maximumPatternLength = 4096

    /// Problems of meaning that need no PCRE2: names, numbers, references.
    /// ``CompiledPolicy/init(_:)`` reports these together with PCRE2's.
    func structuralProblems() -> [PolicyProblem] {
        var problems: [PolicyProblem] = []
        func add(_ path: KeyPath, _ message: String) { problems.append(PolicyProblem(keyPath: path.text, message: message)) }
        let root = KeyPath()

        if format < 1 { add(root.key("format"), "format must be 1 or more, found \(format)") }
        if format > Policy.currentFormat { add(root.key("format"), "format \(format) is newer than this library understands (it reads format \(Policy.currentFormat))") }
        if let problem = Policy.idProblem(id) { add(root.key("id"), problem) }

        if length.min < 0 { add(root.key("length").key("min"), "must not be negative, found \(length.min)") }
        if let max = length.max {
            if max < 0 { add(root.key("length").key("max"), "must not be negative, found \(max)") }
            if max < length.min { add(root.key("length"), "min \(length.min) is greater than max \(max)") }
        }

        if classes.isEmpty { add(root.key("classes"), "at least one class is required") }
        if classes.count > Policy.maximumClassCount { add(root.key("classes"), "at most \(Policy.maximumClassCount) classes are supported, found \(classes.count)") }
        var seen: [String: Int] = [:]
        for (index, characterClass) in classes.enumerated() {
            let path = root.key("classes").index(index)
            if characterClass.name.isEmpty { add(path.key("name"), "a class name must not be empty") }
            if let first = seen[characterClass.name] {
                add(path.key("name"), "duplicate class name \"\(characterClass.name)\" (also classes[\(first)])")
            } else {
                seen[characterClass.name] = index
            }
        }
        let names = Set(classes.map(\.name))

        for (index, requirement) in requirements.enumerated() {
            let path = root.key("require").index(index)
            switch requirement {
            case .atLeast(let count, let of):
                let members = of ?? classes.map(\.name)
                if let of {
                    if of.isEmpty { add(path.key("of"), "must name at least one class") }
                    var listed = Set<String>()
                    for (position, name) in of.enumerated() {
                        if !names.contains(name) { add(path.key("of").index(position), Policy.unknownClassMessage(name, known: classes.map(\.name))) }
                        if !listed.insert(name).inserted { add(path.key("of").index(position), "class \"\(name)\" is listed twice") }
                    }
                }
                if count < 1 { add(path.key("atLeast"), "must be at least 1, found \(count)") }
                if count > Set(members).count {
                    add(path.key("atLeast"), "requires \(count) classes but only \(Set(members).count) are named: it can never be met")
                }
            case .count(let name, let min, let max):
                if !names.contains(name) { add(path.key("class"), Policy.unknownClassMessage(name, known: classes.map(\.name))) }
                if let min, min < 0 { add(path.key("min"), "must not be negative, found \(min)") }
                if let max, max < 0 { add(path.key("max"), "must not be negative, found \(max)") }
                if let min, let max, min > max { add(path, "min \(min) is greater than max \(max)") }
                if let min, let lengthMax = length.max, min > lengthMax {
                    add(path.key("min"), "requires \(min) characters of \"\(name)\" but length.max is \(lengthMax): it can never be met")
                }
            }
        }

        if let maxConsecutive, maxConsecutive < 1 { add(root.key("maxConsecutive"), "must be at least 1, found \(maxConsecutive)") }

        for (index, pattern) in forbidPatterns.enumerated() {
            let path = root.key("forbidPatterns").index(index)
            if pattern.pattern.isEmpty { add(path.key("pattern"), "must not be empty (it would match every password)") }
            if pattern.pattern.utf8.count > Policy.maximumPatternLength { add(path.key("pattern"), "longer than \(Policy.maximumPatternLength) bytes") }
            if pattern.code.isEmpty { add(path.key("code"), "must not be empty") }
            if pattern.message.isEmpty { add(path.key("message"), "must not be empty") }
        }
        var contextNames = Set<String>()
        for (index, name) in forbidContext.enumerated() {
            if name.isEmpty { add(root.key("forbidContext").index(index), "a context name must not be empty") }
            if !contextNames.insert(name).inserted { add(root.key("forbidContext").index(index), "context \"\(name)\" is listed twice") }
        }
        return problems
    }

    /// Why `id` is not a valid identifier, or nil.
    static func idProblem(_ id: String) -> String? {
        if id.isEmpty { return "must not be empty" }
        let allowed = Set("abcdefghijklmnopqrstuvwxyz0123456789-_.+")
        if id.contains(where: { !allowed.contains($0) }) {
            return "\"\(id)\" must be lowercase letters, digits, '-' and '_', in dot-separated parts (vendor.service[.variant])"
        }
        if id.split(separator: ".", omittingEmptySubsequences: false).contains(where: \.isEmpty) {
            return "\"\(id)\" has an empty dot-separated part"
        }
        return nil
    }

    static func unknownClassMessage(_ name: String, known: [String]) -> String {
        "no class named \"\(name)\"; the classes are \(known.map { "\"\($0)\"" }.joined(separator: ", "))"
    }
}
