import RunACallSupport

internal import Yams

/// One key of the config file, declared once (`ConfigurationKeys.all`): its dotted path, the kind of value it
/// takes, its default, its help, what `rac2qb init` writes for it, and how the loader reads it into `Configuration`
/// and the settings page reads it back out.
public struct ConfigurationKey: Sendable {
    /// The kinds of value a key takes.
    public enum Kind: String, Sendable {
        case flag = "bool"
        case text
        case optionalText = "optional_text"
        case choice
        case date
        case currency
        case wholeNumber = "whole_number"
        case formats
        case mapping
        case paymentMethodNames = "payment_method_names"
        case version
        case path

        /// What the value must be, in the loader's words, for a value of the wrong type.
        var expected: String {
            switch self {
            case .flag: "expected true or false"
            case .text, .optionalText, .choice, .date, .currency, .path: "expected text"
            case .wholeNumber, .version: "expected a whole number"
            case .formats: "expected a list of one or more of iif, qbo-csv, qbxml"
            case .mapping, .paymentMethodNames: "expected a mapping of name: name"
            }
        }
    }

    /// What `rac2qb init` writes for the key.
    public enum Starter: Sendable {
        /// The default, with `note` beside it.
        case defaultValue
        /// This value (YAML text) instead of the default, with `note` beside it.
        case value(String)
        /// Nothing: the key is left out of the starter file.
        case omitted
        /// The key's lines as a function of the export surveyed (`init --from`), or nil without one.
        case lines(@Sendable (ExportSurvey?) -> [String])
    }

    /// The dotted path: `payments.stripe_payout_account`; a top-level key has no dot (`ledger`).
    public let path: String
    public let kind: Kind
    /// The values allowed, when they are a short list (choices, formats, payment methods); empty otherwise.
    public let allowed: [String]
    /// What the key does, in plain words (README's config table and the settings page).
    public let help: String
    /// The comment beside the key in the file `rac2qb init` writes, one entry a line.
    let note: [String]
    public let starter: Starter
    /// Reads the key's node into the configuration, or records an issue.
    let read: @Sendable (inout ConfigurationReader, Node, inout Configuration) -> Void
    /// The key's value in a configuration.
    let value: @Sendable (Configuration) -> ConfigurationValue

    /// The section (`payments`), or nil for a top-level key.
    public var section: String? { path.contains(".") ? String(path.prefix { $0 != "." }) : nil }
    /// The key's name within its section.
    public var name: String { String(path.split(separator: ".").last ?? "") }
    /// The built-in default (the seed's recommended value).
    public var defaultValue: ConfigurationValue { value(Configuration()) }
    /// The key's value in `configuration`.
    public func value(in configuration: Configuration) -> ConfigurationValue { value(configuration) }
}
