/// A policy compiled once for fast validation and generation.
///
/// Compiling checks the policy's meaning (every problem is reported, each with its key
/// path), compiles each charset and pattern with PCRE2, and reads off PCRE2's exact
/// membership for every class. The result is immutable and `Sendable`: share one value
/// across threads and validate from all of them.
///
/// ```swift
/// let cvm = try CompiledPolicy(Presets.policy(id: "tencentcloud.cvm.linux")!)
/// cvm.isValid("abc123ABC!@#")                 // true
/// for violation in cvm.validate("/abc") {     // length.short, leading.forbidden
///     print(violation.code, violation.message)
/// }
/// ```
public struct CompiledPolicy: Sendable {
    /// Everything compiled, in one immutable object: a copy of the policy (a closure that
    /// captures it, an argument passed on) is one retain, not one per field.
    @usableFromInline
    final class Storage: Sendable {
        let policy: Policy
        let classMembers: [ScalarSet]
        let classUnion: ScalarSet
        let forbiddenLeading: ScalarSet
        let forbiddenTrailing: ScalarSet
        let table: CharacterTable
        /// The vector classifier of the batch API's line scan: nil when the table does not
        /// fit one, or when per-class counts or normalization send every line to the general path.
        let lineRanges: ASCIIRanges?
        /// `lineRanges`'s classifier (a pointer into it and a count).
        let lineClassifier: ASCIIRangeClassifier?
        let atLeast: [(count: Int, mask: UInt64)]
        let counts: [(index: Int, min: Int, max: Int)]
        let patterns: [(pattern: PCRE2Pattern, rule: ForbiddenPattern)]
        let maximumLength: Int
        /// `length.min`.
        let minimumLength: Int
        /// Whether a rule reads a password's bytes beyond the table's facts: a run limit,
        /// forbidden patterns, context values or lists (the batch API tests this once a line).
        let rereadsBytes: Bool
        /// What `isValid` needs for a policy of the common shape, or nil (see ``QuickCheck``).
        @usableFromInline
        let quickCheck: QuickCheck?
        /// The memory `quickCheck` points into.
        let quickCheckTables: QuickCheckTables?
        let contextMatchers = CaselessLiteralCache()
        let forbiddenLists: [(rule: ForbiddenList, list: Blocklist)]
        /// The lists `forbiddenLists` were prepared from, by the name a `forbidList` gives
        /// (an intersection compiles its result with its parts' lists).
        let listsByName: [String: Blocklist]

        init(
            policy: Policy, classMembers: [ScalarSet], forbiddenLeading: ScalarSet, forbiddenTrailing: ScalarSet,
            atLeast: [(count: Int, mask: UInt64)], counts: [(index: Int, min: Int, max: Int)],
            patterns: [(pattern: PCRE2Pattern, rule: ForbiddenPattern)], forbiddenLists: [(rule: ForbiddenList, list: Blocklist)],
            listsByName: [String: Blocklist]
        ) {
            self.policy = policy
            self.classMembers = classMembers
            self.classUnion = classMembers.reduce(ScalarSet()) { $0.union($1) }
            self.forbiddenLeading = forbiddenLeading
            self.forbiddenTrailing = forbiddenTrailing
            let table = CharacterTable(classes: classMembers, leading: forbiddenLeading, trailing: forbiddenTrailing)
            self.table = table
            let lineRanges = counts.isEmpty && policy.normalization == nil
                ? ASCIIRanges(facts: table.facts, classCount: classMembers.count, atLeast: atLeast) : nil
            self.lineRanges = lineRanges
            self.lineClassifier = lineRanges?.classifier
            self.atLeast = atLeast
            self.counts = counts
            self.patterns = patterns
            self.maximumLength = policy.length.max ?? Int.max
            self.minimumLength = policy.length.min
            self.rereadsBytes = policy.maxConsecutive != nil || !patterns.isEmpty || !policy.forbidContext.isEmpty || !forbiddenLists.isEmpty
            self.forbiddenLists = forbiddenLists
            self.listsByName = listsByName
            quickCheckTables = QuickCheckTables(
                policy: policy, table: table, classCount: classMembers.count, atLeast: atLeast, hasCounts: !counts.isEmpty, rereadsBytes: rereadsBytes)
            quickCheck = quickCheckTables?.check
        }
    }

    @usableFromInline
    let storage: Storage

    /// The policy this was compiled from.
    public var policy: Policy { storage.policy }
    /// The exact members of each class, in the policy's class order (PCRE2's answers).
    public var classMembers: [ScalarSet] { storage.classMembers }
    /// Every scalar that belongs to at least one class.
    public var classUnion: ScalarSet { storage.classUnion }
    /// Scalars that must not come first (empty when the policy has no such rule).
    public var forbiddenLeading: ScalarSet { storage.forbiddenLeading }
    /// Scalars that must not come last (empty when the policy has no such rule).
    public var forbiddenTrailing: ScalarSet { storage.forbiddenTrailing }

    var table: CharacterTable { storage.table }
    var atLeast: [(count: Int, mask: UInt64)] { storage.atLeast }
    var counts: [(index: Int, min: Int, max: Int)] { storage.counts }
    var patterns: [(pattern: PCRE2Pattern, rule: ForbiddenPattern)] { storage.patterns }
    /// `length.max`, or `Int.max` for no upper bound.
    var maximumLength: Int { storage.maximumLength }
    /// Context values compiled for `forbidContext`, shared by validation and generation.
    var contextMatchers: CaselessLiteralCache { storage.contextMatchers }
    /// Each `forbidList` entry with its list, prepared (normalized, case-folded) for lookup.
    var forbiddenLists: [(rule: ForbiddenList, list: Blocklist)] { storage.forbiddenLists }

    /// Compiles `policy`, or throws every problem found in it. A `forbidList` entry must
    /// name a built-in list (``Blocklist/builtIn(named:)``); use ``init(_:blocklists:)`` for others.
    public init(_ policy: Policy) throws(PolicyError) {
        try self.init(policy, blocklists: [:])
    }

    /// Compiles `policy` with the lists its `forbidList` names: each `list` is looked up in
    /// `blocklists` first, then, when it ends in `.pwbl`, loaded as a blocklist file from that
    /// path (relative to the working directory; ``Blocklist/init(contentsOfFile:name:reason:)``),
    /// then among the built-in lists; a name found nowhere, or a file that does not load, is a
    /// problem at `forbidList[i].list`.
    ///
    /// ```swift
    /// let breached = Blocklist(name: "breached", entries: ["hunter2"])
    /// let l3 = try CompiledPolicy(Presets.policy(id: "owasp.asvs-5.l3")!, blocklists: ["breached": breached])
    /// ```
    public init(_ policy: Policy, blocklists: [String: Blocklist]) throws(PolicyError) {
        try self.init(policy, blocklists: blocklists, knownMembers: [:])
    }

    /// Compiles `policy`, taking the members of the charsets at the key paths of
    /// `knownMembers` (`classes[i].set`, `forbidLeading` …) as given instead of reading them
    /// off PCRE2; each charset is still compiled by PCRE2, so its text stays valid. Only for
    /// members that are already PCRE2's answers: an intersection's classes, which are
    /// intersections of its parts' members (``init(intersecting:)``).
    init(_ policy: Policy, blocklists: [String: Blocklist], knownMembers: [String: ScalarSet]) throws(PolicyError) {
        var problems = policy.structuralProblems()
        let (forbiddenLists, listsByName) = CompiledPolicy.resolveLists(policy, blocklists, &problems)
        var charsetPatterns: [(pattern: PCRE2Pattern, charset: Charset)] = []
        var charsetSlots: [String: Int] = [:]
        func compileCharset(_ charset: Charset, at path: String) {
            do {
                let pattern = try CharsetCompiler.compile(charset)
                guard knownMembers[path] == nil else { return }
                charsetSlots[path] = charsetPatterns.count
                charsetPatterns.append((pattern, charset))
            } catch {
                problems.append(CompiledPolicy.problem(for: error, at: path, charset: charset))
            }
        }
        for (index, characterClass) in policy.classes.enumerated() {
            compileCharset(characterClass.charset, at: "classes[\(index)].\(characterClass.charset.keyName)")
        }
        if let leading = policy.forbidLeading { compileCharset(leading, at: "forbidLeading") }
        if let trailing = policy.forbidTrailing { compileCharset(trailing, at: "forbidTrailing") }

        var patterns: [(PCRE2Pattern, ForbiddenPattern)] = []
        for (index, rule) in policy.forbidPatterns.enumerated() where !rule.pattern.isEmpty && rule.pattern.utf8.count <= Policy.maximumPatternLength {
            do {
                patterns.append((try PCRE2Pattern(rule.pattern), rule))
            } catch {
                problems.append(PolicyProblem(keyPath: "forbidPatterns[\(index)].pattern", message: error.description, pcre2: error))
            }
        }
        guard problems.isEmpty else { throw PolicyError(problems) }
        let members = CharsetCompiler.members(of: charsetPatterns)
        func set(_ path: String) -> ScalarSet { knownMembers[path] ?? charsetSlots[path].map { members[$0] } ?? ScalarSet() }
        let classMembers = policy.classes.enumerated().map { set("classes[\($0.offset)].\($0.element.charset.keyName)") }
        for (index, members) in classMembers.enumerated() where members.isEmpty {
            problems.append(PolicyProblem(keyPath: "classes[\(index)]", message: "class \"\(policy.classes[index].name)\" matches no character"))
        }
        guard problems.isEmpty else { throw PolicyError(problems) }
        let indexByName = Dictionary(uniqueKeysWithValues: policy.classes.enumerated().map { ($0.element.name, $0.offset) })
        var atLeast: [(count: Int, mask: UInt64)] = []
        var counts: [(index: Int, min: Int, max: Int)] = []
        for requirement in policy.requirements {
            switch requirement {
            case .atLeast(let count, let names):
                let mask = (names ?? policy.classes.map(\.name)).reduce(UInt64(0)) { $0 | (indexByName[$1].map { UInt64(1) << $0 } ?? 0) }
                atLeast.append((count, mask))
            case .count(let name, let min, let max):
                if let index = indexByName[name] { counts.append((index, min ?? 0, max ?? Int.max)) }
            }
        }
        storage = Storage(
            policy: policy, classMembers: classMembers, forbiddenLeading: set("forbidLeading"), forbiddenTrailing: set("forbidTrailing"),
            atLeast: atLeast, counts: counts, patterns: patterns, forbiddenLists: forbiddenLists, listsByName: listsByName)
    }

    /// Each `forbidList` entry with its list prepared, and the lists as found, by name.
    private static func resolveLists(
        _ policy: Policy, _ supplied: [String: Blocklist], _ problems: inout [PolicyProblem]
    ) -> ([(rule: ForbiddenList, list: Blocklist)], [String: Blocklist]) {
        var resolved: [(rule: ForbiddenList, list: Blocklist)] = []
        var byName: [String: Blocklist] = [:]
        for (index, rule) in policy.forbidLists.enumerated() where !rule.list.isEmpty {
            var file: Blocklist? = nil
            if supplied[rule.list] == nil, rule.list.hasSuffix(".pwbl") {
                do { file = try Blocklist(contentsOfFile: rule.list, name: rule.list) } catch {
                    problems.append(PolicyProblem(keyPath: "forbidList[\(index)].list", message: error.message))
                    continue
                }
            }
            guard let list = supplied[rule.list] ?? file ?? Blocklist.builtIn(named: rule.list) else {
                let message = "no list \"\(rule.list)\": the built-in lists are \(Blocklist.builtInNames.map { "\"\($0)\"" }.joined(separator: ", ")); supply others by name (CompiledPolicy(_:blocklists:)) or as a file path"
                problems.append(PolicyProblem(keyPath: "forbidList[\(index)].list", message: message))
                continue
            }
            byName[rule.list] = list
            resolved.append((rule, list.prepared(normalization: policy.normalization, caseFolded: rule.isCaseInsensitive)))
        }
        return (resolved, byName)
    }

    private static func problem(for failure: CharsetCompiler.Failure, at path: String, charset: Charset) -> PolicyProblem {
        switch failure {
        case .empty:
            return PolicyProblem(keyPath: path, message: "an empty charset matches no character")
        case .closesEarly(let offset):
            return PolicyProblem(keyPath: path, message: "an unescaped ']' at offset \(offset) would end the PCRE2 class before the set ends; write it as \\] (or first in the set)")
        case .pcre2(let error):
            return PolicyProblem(keyPath: path, message: error.description, pcre2: error)
        case .notSingleCharacter:
            return PolicyProblem(keyPath: path, message: "the set must be one PCRE2 character class matching one character")
        }
    }
}
