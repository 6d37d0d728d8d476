/// Exact suffix counts: `f(n, s)`, the number of ways to write the last `n` characters
/// of a compliant password from automaton state `s`.
///
/// `f(0, s)` is 1 when `s` is accepting, else 0; `f(n, s)` sums, over the transitions
/// of `s`, multiplicity × `f(n - 1, next)`, leaving out characters forbidden last when
/// `n == 1`. The number of compliant passwords of length `L` is the same sum from the start
/// state over the characters allowed first. `f` does not depend on `L`, so one table
/// serves every length up to the number of rows it holds.
///
/// Row `n` stores each state's value in ``stride(for:)`` words: a count of `n`-character
/// strings over `N` characters is below `N^n < 2^(n * bitWidth(N))`.
struct CountTable: Sendable {
    /// Every row, one after another: row `n` starts at `rowStart[n]` and holds
    /// `stride(for: n)` words per state.
    let storage: [UInt64]
    let rowStart: [Int]
    let bitsPerCharacter: Int

    /// The words per value in row `n` (and for the count of length `n`).
    @inline(__always)
    func stride(for n: Int) -> Int { Swift.max(1, (n * bitsPerCharacter + 63) / 64) }

    /// The number of rows: suffix lengths `0 ..< rowCount`, so lengths up to `rowCount` can be counted.
    var rowCount: Int { rowStart.count }

    /// Rows `0 ..< rowCount`.
    init(automaton: GenerationAutomaton, alphabet: GenerationAlphabet, rowCount: Int) {
        let empty = CountTable(storage: [], rowStart: [], bitsPerCharacter: Swift.max(1, 64 - UInt64(alphabet.count).leadingZeroBitCount))
        self = empty.extended(automaton: automaton, alphabet: alphabet, rowCount: rowCount)
    }

    private init(storage: [UInt64], rowStart: [Int], bitsPerCharacter: Int) {
        self.storage = storage
        self.rowStart = rowStart
        self.bitsPerCharacter = bitsPerCharacter
    }

    /// This table with rows added up to `rowCount`.
    func extended(automaton: GenerationAutomaton, alphabet: GenerationAlphabet, rowCount: Int) -> CountTable {
        var storage = self.storage
        var rowStart = self.rowStart
        let states = automaton.stateCount
        let trailing = alphabet.atoms.map(\.trailingForbidden)
        while rowStart.count < Swift.max(1, rowCount) {
            let n = rowStart.count
            if n == 0 {
                rowStart.append(0)
                storage.append(contentsOf: automaton.accepting.map { $0 ? 1 : 0 })
                continue
            }
            let width = stride(for: n)
            let previousWidth = stride(for: n - 1)
            let previousStart = rowStart[n - 1]
            var row = [UInt64](repeating: 0, count: states * width)
            storage.withUnsafeBufferPointer { all in
                row.withUnsafeMutableBufferPointer { current in
                    guard let base = all.baseAddress, let destination = current.baseAddress else { return }
                    let source = base + previousStart
                    for state in 0..<states {
                        let accumulator = destination + state * width
                        for t in automaton.transitionStart[state]..<automaton.transitionStart[state + 1] {
                            let atom = Int(automaton.transitionAtom[t])
                            if n == 1, trailing[atom] { continue }
                            let next = Int(automaton.transitionNext[t])
                            Limbs.addProduct(accumulator, width, source + next * previousWidth, previousWidth, automaton.transitionMultiplicity[t])
                        }
                    }
                }
            }
            rowStart.append(storage.count)
            storage.append(contentsOf: row)
        }
        return CountTable(storage: storage, rowStart: rowStart, bitsPerCharacter: bitsPerCharacter)
    }

    /// The number of compliant passwords of `length` (`length <= rowCount`), in `stride(for: length)` words.
    func count(length: Int, automaton: GenerationAutomaton, alphabet: GenerationAlphabet) -> [UInt64] {
        let width = stride(for: length)
        var result = [UInt64](repeating: 0, count: width)
        if length == 0 {
            result[0] = automaton.accepting[automaton.start] ? 1 : 0
            return result
        }
        let previousWidth = stride(for: length - 1)
        let previousStart = rowStart[length - 1]
        let start = automaton.start
        storage.withUnsafeBufferPointer { all in
            result.withUnsafeMutableBufferPointer { accumulator in
                guard let base = all.baseAddress, let destination = accumulator.baseAddress else { return }
                let source = base + previousStart
                for t in automaton.transitionStart[start]..<automaton.transitionStart[start + 1] {
                    let atom = alphabet.atoms[Int(automaton.transitionAtom[t])]
                    if atom.leadingForbidden || (length == 1 && atom.trailingForbidden) { continue }
                    let next = Int(automaton.transitionNext[t])
                    Limbs.addProduct(destination, width, source + next * previousWidth, previousWidth, automaton.transitionMultiplicity[t])
                }
            }
        }
        return result
    }
}
