/// Every violation's message and detail, written once: the full scan, the length-only
/// verdict and the oversized-input verdict all build their violations here.
enum ViolationText {
    static let missing = Violation(code: .passwordMissing, message: "a password is required")

    static func oversized(byteCount: Int) -> Violation {
        Violation(
            code: .lengthLong,
            message: "too long: \(byteCount) bytes, more than the \(CompiledPolicy.maximumPasswordBytes) bytes a password may have",
            detail: .length(actual: byteCount, bound: CompiledPolicy.maximumPasswordBytes))
    }

    static func invalidEncoding(offset: Int) -> Violation {
        Violation(code: .encodingInvalid, message: "the password is not valid UTF-8 (first invalid byte at offset \(offset))", detail: .byteOffset(offset))
    }

    /// `length.short` or `length.long` for a password of `length` scalars, or nil within bounds.
    static func length(_ length: Int, _ range: LengthRange) -> Violation? {
        if length < range.min {
            return Violation(code: .lengthShort, message: "too short: \(length) \(Messages.characters(length)), at least \(range.min) required", detail: .length(actual: length, bound: range.min))
        }
        if let max = range.max, length > max {
            return Violation(code: .lengthLong, message: "too long: \(length) \(Messages.characters(length)), at most \(max) allowed", detail: .length(actual: length, bound: max))
        }
        return nil
    }

    static func disallowed(_ positions: [Int], classNames: [String]) -> Violation {
        Violation(code: .charsetDisallowed, message: "\(Messages.positions(positions)) not allowed; allowed are \(Messages.list(classNames))", detail: .positions(positions))
    }

    static func insufficient(required: Int, mask: UInt64, presence: UInt64, classNames names: [String]) -> Violation {
        let members = names.indices.filter { mask & (1 << UInt64($0)) != 0 }
        let present = members.filter { presence & (1 << UInt64($0)) != 0 }.map { names[$0] }
        let missing = members.filter { presence & (1 << UInt64($0)) == 0 }.map { names[$0] }
        return Violation(
            code: .classesInsufficient,
            message: "needs characters from at least \(required) of \(Messages.list(members.map { names[$0] })); has \(present.count)\(present.isEmpty ? "" : " (\(Messages.list(present)))"), missing \(Messages.list(missing))",
            detail: .classes(required: required, present: present, missing: missing))
    }

    static func tooFew(_ name: String, count: Int, min: Int) -> Violation {
        Violation(code: .classTooFew, message: "needs at least \(min) \(Messages.characters(min)) from \"\(name)\"; has \(count)", detail: .classCount(name: name, count: count, bound: min))
    }

    static func tooMany(_ name: String, count: Int, max: Int) -> Violation {
        Violation(code: .classTooMany, message: "allows at most \(max) \(Messages.characters(max)) from \"\(name)\"; has \(count)", detail: .classCount(name: name, count: count, bound: max))
    }

    static func leading(_ charset: Charset) -> Violation {
        Violation(code: .leadingForbidden, message: "must not start with \(charset.readableDescription)")
    }

    static func trailing(_ charset: Charset) -> Violation {
        Violation(code: .trailingForbidden, message: "must not end with \(charset.readableDescription)")
    }

    static func runs(_ runs: [Violation.Run], limit: Int) -> Violation {
        let places = runs.prefix(5).map { "\($0.length) at position \($0.position)" }.joined(separator: ", ")
        return Violation(
            code: .consecutiveExceeded,
            message: "a character repeats more than \(limit) \(limit == 1 ? "time" : "times") in a row (\(places)\(runs.count > 5 ? ", ..." : ""))",
            detail: .runs(runs, limit: limit))
    }

    /// `pattern.forbidden` for a match, or for a match PCRE2 could not decide within its
    /// limits (fail closed: such a password is rejected).
    static func pattern(_ rule: ForbiddenPattern, outcome: PCRE2MatchResult) -> Violation {
        var message = "\(rule.message) (\(rule.code))"
        if case .failed(let code) = outcome { message += ": PCRE2 could not decide within its limits (\(PCRE2.message(for: code)))" }
        return Violation(code: .patternForbidden, message: message, detail: .pattern(code: rule.code))
    }

    /// `blocklist.contained`: the rule's message (or the list's reason) and code, never the
    /// password; "probably in the list" when the list is a filter file.
    static func listed(_ rule: ForbiddenList, _ list: Blocklist) -> Violation {
        let code = rule.code ?? list.name
        var message = "\(rule.message ?? list.reason) (\(code))"
        // A filter file's verdict is approximate: say so even under the rule's own message.
        if list.isApproximate, rule.message != nil { message += "; probably in the list \"\(list.name)\" (a filter, 1 in 256 false positives)" }
        return Violation(code: .blocklistContained, message: message, detail: .blocklist(code: code, list: list.name))
    }

    static func context(_ name: String) -> Violation {
        Violation(code: .contextContained, message: "must not contain the \(name)", detail: .context(name: name))
    }
}
