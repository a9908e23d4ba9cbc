import RunACallSupport
import RunACallRead
import RunACallDecide

/// An address in QuickBooks Desktop's fields: each part cleaned for the format and
/// within its limit (the mapping has already cut the parts, `FieldLimits`, so every
/// format holds the same text; the cut here only keeps a format's cleaning within bounds).
public struct DesktopAddress {
    static let lineLimit = FieldLimits.table[.addressLine]?[.qbxml] ?? 41
    static let cityLimit = FieldLimits.table[.city]?[.qbxml] ?? 31
    static let stateLimit = FieldLimits.table[.state]?[.qbxml] ?? 21
    static let postalCodeLimit = FieldLimits.table[.postalCode]?[.qbxml] ?? 13
    static let countryLimit = FieldLimits.table[.country]?[.qbxml] ?? 31

    public let line1: String?
    public let line2: String?
    public let city: String?
    public let state: String?
    public let postalCode: String?
    public let country: String?

    public init(_ address: Address, clean: (String) -> String) {
        func part(_ text: String?, _ limit: Int) -> String? {
            guard let text else { return nil }
            let cleaned = QuickBooksText.prefix(clean(text), limit)
            return cleaned.isEmpty ? nil : cleaned
        }
        line1 = part(address.line1, Self.lineLimit)
        line2 = part(address.line2, Self.lineLimit)
        city = part(address.city, Self.cityLimit)
        state = part(address.state, Self.stateLimit)
        postalCode = part(address.postalCode, Self.postalCodeLimit)
        country = part(address.country, Self.countryLimit)
    }

    /// Up to five free lines (IIF's ADDR1–ADDR5): street lines, `City, ST ZIP`, country.
    public var freeLines: [String] {
        let place = [[city].compactMap { $0 }.joined(), [state, postalCode].compactMap { $0 }.joined(separator: " ")]
            .filter { !$0.isEmpty }.joined(separator: ", ")
        let lines = [line1, line2, place.isEmpty ? nil : QuickBooksText.prefix(place, Self.lineLimit), country].compactMap { $0 }
        return lines + Array(repeating: "", count: 5 - lines.count)
    }
}
