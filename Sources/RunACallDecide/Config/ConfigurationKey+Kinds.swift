/// The declarations of `ConfigurationKeys`, one kind of value each: how a key of that kind is read, and read back.
extension ConfigurationKey {
    /// `true` or `false` (also yes/no, on/off).
    static func flag(_ path: String, _ keyPath: WritableKeyPath<Configuration, Bool> & Sendable, help: String, note: [String] = []) -> Self {
        Self(path: path, kind: .flag, allowed: ["true", "false"], help: help, note: note, starter: .defaultValue,
             read: { reader, node, configuration in
                 if let flag = reader.bool(node, path) { configuration[keyPath: keyPath] = flag }
             },
             value: { .flag($0[keyPath: keyPath]) })
    }

    /// Non-empty text: an account, item or method name.
    static func text(_ path: String, _ keyPath: WritableKeyPath<Configuration, String> & Sendable, help: String, note: [String] = []) -> Self {
        Self(path: path, kind: .text, allowed: [], help: help, note: note, starter: .defaultValue,
             read: { reader, node, configuration in
                 if let text = reader.string(node, path) { configuration[keyPath: keyPath] = text }
             },
             value: { .text($0[keyPath: keyPath]) })
    }

    /// Text, or nothing for "not set".
    static func optionalText(_ path: String, _ keyPath: WritableKeyPath<Configuration, String?> & Sendable, kind: Kind = .optionalText,
                             help: String, note: [String] = [], starter: Starter = .defaultValue) -> Self {
        Self(path: path, kind: kind, allowed: [], help: help, note: note, starter: starter,
             read: { reader, node, configuration in
                 if let text = reader.optionalString(node, path) { configuration[keyPath: keyPath] = text }
             },
             value: { .text($0[keyPath: keyPath]) })
    }

    /// One of a short list of words.
    static func choice<T: RawRepresentable & CaseIterable & Sendable>(
        _ path: String, _ keyPath: WritableKeyPath<Configuration, T> & Sendable, help: String, note: [String] = []
    ) -> Self where T.RawValue == String {
        Self(path: path, kind: .choice, allowed: T.allCases.map(\.rawValue), help: help, note: note, starter: .defaultValue,
             read: { reader, node, configuration in
                 if let value = reader.choice(node, path, T.self) { configuration[keyPath: keyPath] = value }
             },
             value: { .text($0[keyPath: keyPath].rawValue) })
    }

    /// A mapping of name: name, where a name listed with an empty value is not mapped yet.
    static func mapping(_ path: String, help: String, starter: @escaping @Sendable (ExportSurvey?) -> [String],
                        get: @escaping @Sendable (Configuration) -> [(String, String)],
                        set: @escaping @Sendable (inout Configuration, [(String, String)]) -> Void) -> Self {
        Self(path: path, kind: .mapping, allowed: [], help: help, note: [], starter: .lines(starter),
             read: { reader, node, configuration in set(&configuration, reader.pairs(node, path, allowsUnset: true) ?? []) },
             value: { .pairs(get($0).map { ConfigurationValue.Pair($0.0, $0.1) }) })
    }

    /// A path to one of the books files, relative to the config; where it is given is kept, to name it when missing.
    static func book(_ name: String, _ keyPath: WritableKeyPath<Configuration, String?> & Sendable, help: String) -> Self {
        let path = "books.\(name)"
        return Self(path: path, kind: .path, allowed: [], help: help, note: [], starter: .omitted,
                    read: { reader, node, configuration in
                        guard let file = reader.optionalString(node, path) else { return }
                        configuration.books.locations[name] = reader.place(of: node)
                        configuration[keyPath: keyPath] = file
                    },
                    value: { .text($0[keyPath: keyPath]) })
    }
}
