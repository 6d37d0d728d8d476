internal import CByteClasses

/// A policy's ASCII classes as nibble tables for the block scan's lookup kernels
/// (`Sources/CByteClasses/shim.h`): each class is cut into products "high nibble in H and
/// low nibble in L" ("atoms"), one bit each, so that a byte's atoms are
/// `low[b & 15] & high[b >> 4]` (two table lookups, PSHUFB) and it is in class `k` when it
/// has one of class `k`'s atoms.
///
/// Built from the compiled byte table, never from policy text: for each class and each
/// high nibble 0–7, the low nibbles of that class's bytes; high nibbles with the same
/// nonempty set of low nibbles share one atom. That describes each class exactly (bytes
/// from 0x80 up have no atom: high-nibble entries 8–15 are 0). At most 16 atoms (two tables
/// of 8 bits); a policy that needs more gets none (`make` returns nil) and the block scan
/// classifies with the range compares.
enum NibbleClasses {
    /// The most atoms: two tables of 8 bits.
    static let maximumAtoms = 16

    /// The processor's lookup kernels: 0 none, 1 SSSE3, 2 AVX2 (CPUID, read once).
    static let kernels = Int(password_policy_cpu_features())

    /// The tables of `facts` (a ``CharacterTable`` byte table) for `classCount` classes (1 to
    /// 7), or nil when they need more than ``maximumAtoms`` atoms.
    static func make(facts: UnsafePointer<UInt64>, classCount: Int) -> password_policy_nibble_classes? {
        var tables = password_policy_nibble_classes()
        var atom = 0
        for index in 0..<classCount {
            let bit = UInt64(1) << index
            // The low nibbles of the class's bytes under each high nibble.
            let lows: [UInt16] = (0..<8).map { high in
                (0..<16).reduce(0) { set, low in facts[high << 4 | low] & bit != 0 ? set | UInt16(1) << low : set }
            }
            var seen: [UInt16] = []
            for set in lows where set != 0 && !seen.contains(set) {
                seen.append(set)
                guard atom < maximumAtoms else { return nil }
                let table = atom / 8
                let mask = UInt8(1) << (atom % 8)
                for low in 0..<16 where set & UInt16(1) << low != 0 { setLow(&tables, table, low, mask) }
                for high in 0..<8 where lows[high] == set { setHigh(&tables, table, high, mask) }
                setAtoms(&tables, table, index, mask)
                atom += 1
            }
        }
        tables.classes = Int32(classCount)
        tables.tables = atom > 8 ? 2 : 1
        return tables
    }

    // The C struct's arrays are tuples in Swift: these reach one element by index.

    private static func setLow(_ tables: inout password_policy_nibble_classes, _ table: Int, _ index: Int, _ mask: UInt8) {
        withUnsafeMutableBytes(of: &tables.low) { $0[table * 16 + index] |= mask }
    }

    private static func setHigh(_ tables: inout password_policy_nibble_classes, _ table: Int, _ index: Int, _ mask: UInt8) {
        withUnsafeMutableBytes(of: &tables.high) { $0[table * 16 + index] |= mask }
    }

    private static func setAtoms(_ tables: inout password_policy_nibble_classes, _ table: Int, _ index: Int, _ mask: UInt8) {
        withUnsafeMutableBytes(of: &tables.atoms) { $0[table * 8 + index] |= mask }
    }
}
