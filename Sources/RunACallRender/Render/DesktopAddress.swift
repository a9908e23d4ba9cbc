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
        var lines: [String] = []
        lines.reserveCapacity(5)
        if let line1 { lines.append(line1) }
        if let line2 { lines.append(line2) }
        if let place { lines.append(QuickBooksText.prefix(place, Self.lineLimit)) }
        if let country { lines.append(country) }
        while lines.count < 5 { lines.append("") }
        return lines
    }

    /// `City, ST ZIP`, with whichever of them the address has (each part is nil or not empty); nil with none.
    var place: String? {
        let region = switch (state, postalCode) {
        case let (state?, postalCode?): state + " " + postalCode
        case let (state, postalCode): state ?? postalCode
        }
        guard let city else { return region }
        guard let region else { return city }
        return city + ", " + region
    }
}
