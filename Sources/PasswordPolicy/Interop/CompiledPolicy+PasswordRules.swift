extension CompiledPolicy {
    /// The policy written in Apple's Password Rules language, with every rule that could
    /// not be carried over exactly.
    ///
    /// ```swift
    /// let compiled = try CompiledPolicy(Presets.policy(id: "tencentcloud.cvm.windows")!)
    /// let export = compiled.passwordRules()
    /// print(export.rules)
    /// // required: lower; required: upper; required: digit; required: [-!#$%&'()*+,.:;<=>?@[^_`{|}~]];
    /// //   allowed: upper, lower, digit, [-!#$%&'()*+,.:;<=>?@[^_`{|}~]]; minlength: 12; maxlength: 16;
    /// for loss in export.losses { print(loss) }
    /// // forbidLeading: a rule about the first character (not the character /) cannot be written ...
    /// // require[0]: at least 3 of lower, upper, digits, specials cannot be written ...
    /// ```
    ///
    /// What maps exactly:
    /// - the union of the classes → `allowed` (`unicode` when `allowOther` is true or the
    ///   classes cover every character);
    /// - `atLeast(n, of:)` naming n classes → one `required` rule per class;
    ///   `atLeast(1, of:)` → one `required` rule listing all the classes;
    ///   `count(class:min: 1)` → `required` for the class;
    /// - `length.min` → `minlength` (left out when 0), `length.max` → `maxlength`,
    ///   `maxConsecutive` → `max-consecutive`.
    ///
    /// What cannot, each reported as a ``ConversionLoss`` and written as
    /// `approximation` says (see ``PasswordRulesApproximation``): `atLeast k of n` for
    /// 1 < k < n; per-class counts other than "at least one"; `forbidLeading` and
    /// `forbidTrailing`; characters outside printable ASCII; `forbidPatterns`;
    /// `forbidContext`; `optional`. Metadata (`id`, `title`, `source`, `notes`) has no place
    /// in the language and is not reported.
    public func passwordRules(approximation: PasswordRulesApproximation = .stricter) -> PasswordRulesExport {
        var exporter = PasswordRulesExporter(compiled: self, approximation: approximation)
        return exporter.export()
    }
}

extension Policy {
    /// Compiles the policy and writes it in Apple's Password Rules language; see
    /// ``CompiledPolicy/passwordRules(approximation:)``.
    ///
    /// ```swift
    /// let export = try Presets.policy(id: "tencentcloud.mongodb")!.passwordRules(approximation: .looser)
    /// print(export.rules)   // "required: ...; allowed: upper, lower, digit, [!#%()*@^]; minlength: 8; maxlength: 16;"
    /// ```
    public func passwordRules(approximation: PasswordRulesApproximation = .stricter) throws(PolicyError) -> PasswordRulesExport {
        try CompiledPolicy(self).passwordRules(approximation: approximation)
    }
}
