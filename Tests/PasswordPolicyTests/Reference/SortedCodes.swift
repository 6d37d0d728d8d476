// Shared by the unit tests and the fuzz targets (Fuzz/). Test-only: the library itself
// adds nothing to standard-library types.
#if !FUZZING
@testable import PasswordPolicy
#endif

extension Array where Element == Violation {
    /// The distinct codes, sorted: what the conformance vectors list.
    var codes: [ViolationCode] { Set(map(\.code)).sorted() }
}
