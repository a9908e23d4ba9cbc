/// An address cut to QuickBooks Desktop's field limits.
struct DesktopAddress {
    static let lineLimit = 41
    static let cityLimit = 31
    static let stateLimit = 21
    static let postalCodeLimit = 13
    static let countryLimit = 31

    let line1: String?
    let line2: String?
    let city: String?
    let state: String?
    let postalCode: String?
    let country: String?

    init(_ address: Address, clean: (String) -> String) {
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
    var freeLines: [String] {
        let place = [[city].compactMap { $0 }.joined(), [state, postalCode].compactMap { $0 }.joined(separator: " ")]
            .filter { !$0.isEmpty }.joined(separator: ", ")
        let lines = [line1, line2, place.isEmpty ? nil : QuickBooksText.prefix(place, Self.lineLimit), country].compactMap { $0 }
        return lines + Array(repeating: "", count: 5 - lines.count)
    }

    /// Whether an address part is longer than Desktop keeps.
    static func isTruncated(_ address: Address?) -> Bool {
        guard let address else { return false }
        let limits: [(String?, Int)] = [(address.line1, lineLimit), (address.line2, lineLimit), (address.city, cityLimit),
                                        (address.state, stateLimit), (address.postalCode, postalCodeLimit),
                                        (address.country, countryLimit)]
        return limits.contains { ($0.0?.count ?? 0) > $0.1 }
    }
}
