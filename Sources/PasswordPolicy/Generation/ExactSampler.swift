extension GeneratorCore {
    /// Exact sampling by unranking: one uniform value below the number of compliant
    /// passwords of `length` (`total`) is read as the rank of a password, position by
    /// position. At each position, the transitions from the current state own consecutive
    /// blocks of ranks, each of size multiplicity × completions after it; the block that
    /// holds the rank gives the transition, and within it, rank / completions-after picks
    /// the character (rank mod completions-after goes on). This is a bijection between
    /// `0 ..< total` and the compliant passwords, so the result is exactly uniform, from a
    /// single bounded draw.
    func sampleExactly<R: RandomNumberGenerator>(length: Int, table: CountTable, total: [UInt64],
                                                 generator: inout R, into output: UnsafeMutablePointer<UInt8>) -> Int? {
        if length == 0 { return Limbs.isZeroWords(total) ? nil : 0 }
        let width = table.stride(for: length)
        guard total.count == width, !Limbs.isZeroWords(total), length <= table.rowCount else { return nil }
        let automaton = self.automaton
        let atoms = alphabet.atoms
        let atomFlags = self.atomFlags
        let rowStart = table.rowStart
        return withUnsafeTemporaryAllocation(of: UInt64.self, capacity: 3 * width) { scratch -> Int? in
            guard let rank = scratch.baseAddress else { return nil }
            let weight = rank + width
            let product = rank + 2 * width
            defer { rank.initialize(repeating: 0, count: 3 * width) }
            total.withUnsafeBufferPointer { bound in
                if let base = bound.baseAddress { Limbs.random(below: base, width, into: rank, using: &generator) }
            }
            return table.storage.withUnsafeBufferPointer { storage -> Int? in
                guard let counts = storage.baseAddress else { return nil }
                var state = automaton.start
                var lastScalar: UInt32 = 0
                var written = 0
                for position in 0..<length {
                    let remaining = length - position
                    let afterStride = table.stride(for: remaining - 1)
                    let after = counts + rowStart[remaining - 1]
                    // Characters forbidden here: first (bit 0) and last (bit 1).
                    let forbidden: UInt8 = (position == 0 ? 1 : 0) | (remaining == 1 ? 2 : 0)
                    var chosen = -1
                    for t in automaton.transitionStart[state]..<automaton.transitionStart[state + 1] {
                        if atomFlags[Int(automaton.transitionAtom[t])] & forbidden != 0 { continue }
                        let completions = after + Int(automaton.transitionNext[t]) * afterStride
                        Limbs.setProduct(weight, width, completions, afterStride, automaton.transitionMultiplicity[t])
                        if Limbs.less(rank, weight, width) {
                            chosen = t
                            break
                        }
                        Limbs.subtract(rank, weight, width)
                    }
                    // The rank is below the total, so some block holds it.
                    guard chosen >= 0 else { return nil }
                    let atomIndex = Int(automaton.transitionAtom[chosen])
                    let multiplicity = automaton.transitionMultiplicity[chosen]
                    let completions = after + Int(automaton.transitionNext[chosen]) * afterStride
                    let pick = Limbs.divide(rank, width, by: completions, afterStride, quotientBelow: multiplicity, scratch: product)
                    let scalar: UInt32
                    if automaton.transitionRepeats[chosen] {
                        scalar = lastScalar
                    } else if automaton.tracksRuns, automaton.lastAtom[state] == Int32(atomIndex) {
                        // Any member of the atom but the previous character.
                        var index = Int(pick)
                        if index >= atoms[atomIndex].index(of: lastScalar) { index += 1 }
                        scalar = atoms[atomIndex].scalar(at: index)
                    } else {
                        scalar = atoms[atomIndex].scalar(at: Int(pick))
                    }
                    UTF8Writer.write(scalar, to: output, at: &written)
                    lastScalar = scalar
                    state = Int(automaton.transitionNext[chosen])
                }
                return written
            }
        }
    }
}
