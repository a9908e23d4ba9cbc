/// A value given for a key from outside the file (the desk's `PUT /api/settings` body, JSON): written into the
/// YAML as given, then read by the loader like any value in the file.
public enum ConfigurationInput: Sendable, Equatable, Decodable {
    case null
    case flag(Bool)
    /// A number as written (`7`, `1.5`).
    case number(String)
    case text(String)
    case list([ConfigurationInput])
    /// A mapping of name → value (`tax.rates`); JSON keeps no order, so new entries are written sorted by name.
    case object([String: ConfigurationInput])

    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if container.decodeNil() {
            self = .null
        } else if let flag = try? container.decode(Bool.self) {
            self = .flag(flag)
        } else if let number = try? container.decode(Int.self) {
            self = .number(String(number))
        } else if let number = try? container.decode(Double.self) {
            self = .number(String(number))
        } else if let text = try? container.decode(String.self) {
            self = .text(text)
        } else if let list = try? container.decode([ConfigurationInput].self) {
            self = .list(list)
        } else {
            self = .object(try container.decode([String: ConfigurationInput].self))
        }
    }

    /// The value as YAML writes it on one line: empty for null, double-quoted text where plain text would read otherwise.
    var yaml: String {
        switch self {
        case .null: ""
        case .flag(let flag): flag ? "true" : "false"
        case .number(let number): number
        case .text(let text): YAMLKey.quoted(text)
        case .list(let values): "[" + values.map(\.yaml).joined(separator: ", ") + "]"
        case .object(let values): "{" + values.keys.sorted().map { "\(YAMLKey.quoted($0)): \(values[$0]!.yaml)" }.joined(separator: ", ") + "}"
        }
    }

    /// Whether the value has the JSON type `kind` takes (its content is the loader's to judge).
    func fits(_ kind: ConfigurationKey.Kind) -> Bool {
        switch (kind, self) {
        case (.flag, .flag): true
        case (.flag, _): false
        case (.formats, .list(let values)): values.allSatisfy { if case .text = $0 { true } else { false } }
        case (.mapping, .object(let values)), (.paymentMethodNames, .object(let values)):
            values.values.allSatisfy { switch $0 { case .text, .null: true; default: false } }
        case (.wholeNumber, .number), (.version, .number): true
        case (_, .text), (_, .null): kind != .formats && kind != .mapping && kind != .paymentMethodNames
        default: false
        }
    }
}
