import PasswordPolicy

/// The tallies of a run (or of one chunk): counts per code, and the first line numbers
/// per code (relative to the chunk until merged).
struct AuditSummary: Sendable {
    /// `ViolationCodeSet.allCodes`, then `input.tooLong` (a line too long to judge).
    static let codes: [String] = ViolationCodeSet.allCodes.map(\.rawValue) + [OversizedLineVerdict.tooLongCode]
    static let tooLongIndex = ViolationCodeSet.allCodes.count

    var total = 0
    var valid = 0
    var invalid: Int { total - valid }
    var counts = [Int](repeating: 0, count: AuditSummary.codes.count)
    var firstLines = [[Int]](repeating: [], count: AuditSummary.codes.count)

    /// Records a failure with code `index` at `line`.
    mutating func record(_ index: Int, line: Int) {
        counts[index] += 1
        if firstLines[index].count < AuditCommand.firstLinesKept { firstLines[index].append(line) }
    }

    /// Records the verdict on a line too long to judge, at `line`.
    mutating func record(_ verdict: OversizedLineVerdict, line: Int) {
        switch verdict {
        case .lengthLong(let violation):
            record(ViolationCodeSet.allCodes.firstIndex(of: violation.code) ?? AuditSummary.tooLongIndex, line: line)
        case .tooLong:
            record(AuditSummary.tooLongIndex, line: line)
        }
    }

    /// Adds the tallies of the chunk that follows the lines seen so far.
    mutating func append(_ chunk: AuditSummary) {
        let offset = total
        for index in counts.indices {
            counts[index] += chunk.counts[index]
            for line in chunk.firstLines[index] where firstLines[index].count < AuditCommand.firstLinesKept {
                firstLines[index].append(offset + line)
            }
        }
        total += chunk.total
        valid += chunk.valid
    }

    func writeText(to output: inout BufferedWriter) throws(CommandFailure) {
        try output.write("total: \(total)\nvalid: \(valid)\ninvalid: \(invalid)\n")
        guard counts.contains(where: { $0 > 0 }) else { return }
        try output.write("violations:\n")
        for index in counts.indices where counts[index] > 0 {
            let lines = firstLines[index].map(String.init).joined(separator: ", ")
            let more = counts[index] > firstLines[index].count ? ", ..." : ""
            try output.write("  \(AuditSummary.codes[index]): \(counts[index]) (\(firstLines[index].count == 1 ? "line" : "lines") \(lines)\(more))\n")
        }
    }

    /// `{"total": N, "valid": N, "invalid": N, "violations": [{"code": C, "count": N,
    /// "firstLines": [N, ...]}]}`, the codes that occur in the order of ``codes``.
    func writeJSON(to json: inout JSONWriter) throws(CommandFailure) {
        try json.beginObject()
        try json.key("total")
        try json.number(total)
        try json.key("valid")
        try json.number(valid)
        try json.key("invalid")
        try json.number(invalid)
        try json.key("violations")
        try json.beginArray()
        for index in counts.indices where counts[index] > 0 {
            try json.beginObject()
            try json.key("code")
            try json.string(AuditSummary.codes[index])
            try json.key("count")
            try json.number(counts[index])
            try json.key("firstLines")
            try json.beginArray()
            for line in firstLines[index] { try json.number(line) }
            try json.endArray()
            try json.endObject()
        }
        try json.endArray()
        try json.endObject()
        try json.endDocument()
    }
}
