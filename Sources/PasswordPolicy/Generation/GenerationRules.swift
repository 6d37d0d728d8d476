/// The rules of a compiled policy that constrain which characters go where, in the form
/// counting needs: merged, with the ones that can never bind dropped.
struct GenerationRules: Sendable {
    /// `atLeast` requirements: at least `count` of the classes in `mask` each present.
    var atLeast: [(count: Int, mask: UInt64)]
    /// Per-class count bounds, one entry per class (several requirements on one class are
    /// merged); `max == nil` means unbounded (or no tighter than the length allows).
    var counts: [(index: Int, min: Int, max: Int?)]
    /// `maxConsecutive`, or nil when it cannot bind (absent, or not below the maximum length).
    var maxConsecutive: Int?
    /// The policy's maximum length, if any.
    var maximumLength: Int?

    init(_ compiled: CompiledPolicy) {
        let policyMax = compiled.policy.length.max
        maximumLength = policyMax
        atLeast = compiled.atLeast.filter { $0.count > 0 }
        var bounds: [Int: (min: Int, max: Int?)] = [:]
        for requirement in compiled.counts {
            let max: Int? = requirement.max == Int.max ? nil : requirement.max
            if let existing = bounds[requirement.index] {
                let merged: Int?
                switch (existing.max, max) {
                case (nil, let b): merged = b
                case (let a, nil): merged = a
                case (let a?, let b?): merged = Swift.min(a, b)
                }
                bounds[requirement.index] = (Swift.max(existing.min, requirement.min), merged)
            } else {
                bounds[requirement.index] = (requirement.min, max)
            }
        }
        counts = bounds.keys.sorted().compactMap { index in
            guard let bound = bounds[index] else { return nil }
            // A maximum at or above the longest allowed password can never bind.
            let max = bound.max.flatMap { limit in policyMax.map { limit >= $0 } == true ? nil : limit }
            if bound.min == 0, max == nil { return nil }
            return (index, bound.min, max)
        }
        if let limit = compiled.policy.maxConsecutive, policyMax.map({ limit < $0 }) ?? true {
            maxConsecutive = limit
        } else {
            maxConsecutive = nil
        }
    }

    /// The classes whose presence `atLeast` requirements look at.
    var presenceMask: UInt64 { atLeast.reduce(0) { $0 | $1.mask } }

    /// The classes any requirement looks at.
    var trackedMask: UInt64 { counts.reduce(presenceMask) { $0 | (1 << UInt64($1.index)) } }
}
