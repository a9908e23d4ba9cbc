/// A key's value as the settings page and the config file show it.
public enum ConfigurationValue: Sendable, Equatable {
    case flag(Bool)
    /// Text, or nil for "not set".
    case text(String?)
    case number(Int)
    /// A list of names (`output.formats`).
    case list([String])
    /// A mapping of name → name, in the order written (`tax.rates`, `payments.payment_method_names`).
    case pairs([Pair])

    /// One name → name entry.
    public struct Pair: Sendable, Equatable {
        public var name: String
        public var value: String
        public init(_ name: String, _ value: String) {
            self.name = name
            self.value = value
        }
    }

    /// The value as YAML writes it on its key's line; empty for "not set" and for a mapping (its entries go below).
    var yaml: String {
        switch self {
        case .flag(let flag): flag ? "true" : "false"
        case .text(let text): text.map(YAMLKey.quoted) ?? ""
        case .number(let number): String(number)
        case .list(let names): "[" + names.map(YAMLKey.quoted).joined(separator: ", ") + "]"
        case .pairs: ""
        }
    }

    /// The value in README's config table: `true`, `Service revenue`, not set, none.
    var readme: String {
        switch self {
        case .text(nil): "not set"
        case .text(let text?): "`\(text)`"
        case .pairs(let pairs) where pairs.isEmpty: "none"
        case .pairs(let pairs): pairs.map { "`\($0.name)`: `\($0.value)`" }.joined(separator: ", ")
        case .list(let names): names.map { "`\($0)`" }.joined(separator: ", ")
        case .flag, .number: "`\(yaml)`"
        }
    }
}
