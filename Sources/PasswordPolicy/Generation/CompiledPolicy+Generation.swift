extension CompiledPolicy {
    /// A generator for this policy; build it once to generate many passwords.
    ///
    /// ```swift
    /// let generator = try compiled.generator(options: GenerationOptions(exclude: "Il1O0"))
    /// let passwords = try generator.generate(count: 5)
    /// ```
    public func generator(options: GenerationOptions = GenerationOptions()) throws(GenerationError) -> PasswordGenerator {
        try PasswordGenerator(self, options: options)
    }

    /// One compliant password, drawn exactly uniformly: `length` characters, by default 16
    /// clamped into the policy's length range. Builds a ``PasswordGenerator`` for the call;
    /// keep one with ``generator(options:)`` when generating many.
    ///
    /// ```swift
    /// let cvm = try CompiledPolicy(Presets.policy(id: "tencentcloud.cvm.linux")!)
    /// let password = try cvm.generate()             // 16 characters
    /// let both = try CompiledPolicy(Policy.intersection([linux, windows]))
    /// let forBoth = try both.generate(length: 14)   // valid for both policies
    /// ```
    public func generate(length: Int? = nil, options: GenerationOptions = GenerationOptions(), context: [String: String] = [:]) throws(GenerationError) -> String {
        let lengths = length.map { $0...$0 }
        return try PasswordGenerator(self, options: options, preparing: lengths).generate(length: length, context: context)
    }
}
