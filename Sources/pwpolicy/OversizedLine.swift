import PasswordPolicy

/// The verdict on a line over ``CheckCommand/maximumLineLength`` bytes, which is never
/// judged in full: `length.long` when its length alone says so, otherwise
/// `input.tooLong`. `check` and `audit` both report it so (`bench` counts it invalid
/// either way).
enum OversizedLineVerdict {
    /// The code of a line too long to judge, whose length is within the policy's maximum.
    static let tooLongCode = "input.tooLong"

    /// The policy's own `length.long` violation for a line of that many scalars.
    case lengthLong(Violation)
    /// Too long to judge; the line's size in bytes.
    case tooLong(byteCount: Int)

    /// The verdict on a line of `byteCount` bytes that start `scalarCount` UTF-8
    /// sequences (as ``LineReader/Line/oversized(byteCount:scalarCount:)`` reports it).
    init(_ compiled: CompiledPolicy, byteCount: Int, scalarCount: Int) {
        if let violation = compiled.lengthViolation(scalarCount: scalarCount), violation.code == .lengthLong {
            self = .lengthLong(violation)
        } else {
            self = .tooLong(byteCount: byteCount)
        }
    }

    var code: String {
        switch self {
        case .lengthLong(let violation): violation.code.rawValue
        case .tooLong: OversizedLineVerdict.tooLongCode
        }
    }

    var message: String {
        switch self {
        case .lengthLong(let violation):
            violation.message
        case .tooLong(let byteCount):
            "the line is \(byteCount) bytes, more than the \(CheckCommand.maximumLineLength) bytes check reads for one password; it was not judged"
        }
    }
}
