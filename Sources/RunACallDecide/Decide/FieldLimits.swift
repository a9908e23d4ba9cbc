import RunACallSupport
import RunACallRead

/// The free-text fields whose length a format limits (each format's limits are in its `FormatProfile`), so a
/// field is cut once, at the strictest limit among the formats written, and
/// every format holds the same text (and the report says so).
///
/// Sources: qbXML 13.0 XSD maxLength (`Memo`, `Desc`, `ItemDesc` 4095,
/// `CustomerMsgRef` and `TermsRef` FullName 101 and 31, `CompanyName` 41, `Phone` 21,
/// `Email` 1023, address `Addr1` 41, `City` 31, `State` 21, `PostalCode` 13, `Country` 31), which are QuickBooks Desktop's database limits and so bind IIF too;
/// QuickBooks Online's import help (Sales Description 4000; Company 50, Phone 21,
/// Email 100, Street 2000, City 255, State 255, ZIP 30, Country 255); `ReceivePaymentAdd/RefNumber` 20 and
/// `PaymentMethodRef` FullName 31 (qbXML XSD; a Desktop payment's IIF DOCNUM and PAYMETH land in the same fields).
/// A format with no known limit has no entry.
/// Its raw value is its place in `allCases`, where `FieldLimits` finds the field's limits without hashing.
public enum TextField: Int, CaseIterable, Sendable {
    case memo
    case lineDescription
    case customerMessage
    case terms
    case itemDescription
    case companyName
    case phone
    case email
    case addressLine
    case city
    case state
    case postalCode
    case country
    case paymentReference
    case paymentMethod

    /// The field's name in report messages.
    var label: String {
        switch self {
        case .memo: "Memo"
        case .lineDescription: "Line description"
        case .customerMessage: "Customer message"
        case .terms: "Terms"
        case .itemDescription: "Item description"
        case .companyName: "Company name"
        case .phone: "Phone"
        case .email: "Email"
        case .addressLine: "Address line"
        case .city: "City"
        case .state: "State"
        case .postalCode: "Postal code"
        case .country: "Country"
        case .paymentReference: "Payment reference"
        case .paymentMethod: "Payment method"
        }
    }
}

public enum FieldLimits {
    /// Each field's limit in each format that limits it, from the formats' profiles.
    public static let table: [TextField: [OutputFormat: Int]] = Dictionary(uniqueKeysWithValues: TextField.allCases.map { field in
        (field, Dictionary(uniqueKeysWithValues: OutputFormat.allCases.compactMap { format in
            format.profile.fieldLimits[field].map { (format, $0) }
        }))
    })

    /// The strictest limit of `field` among `formats`, and the formats that set it; nil when none limits it.
    public static func strictest(_ field: TextField, among formats: [OutputFormat]) -> (limit: Int, formats: [OutputFormat])? {
        let limits = (table[field] ?? [:]).filter { formats.contains($0.key) }
        guard let limit = limits.values.min() else { return nil }
        return (limit, limits.filter { $0.value == limit }.keys.sorted())
    }

    /// A set of formats as bits, bit `i` for `OutputFormat.allCases[i]`: the index of the tables below.
    private static func bits(_ formats: [OutputFormat]) -> Int {
        var bits = 0
        for format in formats { bits |= 1 << (allFormats.firstIndex(of: format) ?? 0) }
        return bits
    }

    private static let allFormats = OutputFormat.allCases

    /// Every set of formats (`bits`), in order.
    private static let formatSets: [[OutputFormat]] = (0..<(1 << allFormats.count)).map { bits in
        allFormats.enumerated().filter { bits & 1 << $0.offset != 0 }.map(\.element)
    }

    /// The strictest limit of each field (`TextField.rawValue`) among each set of formats (`bits`), nil when none limits it.
    private static let strictestLimits: [[Int?]] = TextField.allCases.map { field in
        formatSets.map { formats in strictest(field, among: formats)?.limit }
    }

    /// Whether each set of formats (`bits`) holds a Desktop format.
    private static let holdsDesktop: [Bool] = formatSets.map { $0.contains { $0.isDesktop } }

    /// The formats of each set (`bits`) that put a billing address's city, state and postal code on one line.
    private static let placingOnOneLine: [[OutputFormat]] = formatSets.map { $0.having(\.placeOnOneAddressLine) }

    /// `text` cut to the strictest limit of `field` among `formats`, and the report's note when it was cut
    /// (`Memo cut to 4,095 characters (IIF and qbXML limit)`). With a Desktop format written the limit
    /// holds for the transliterated text as well, so no writer has to cut it again.
    public static func cut(_ text: String?, _ field: TextField, formats: [OutputFormat]) -> (text: String?, note: String?) {
        let set = bits(formats)
        guard let text, let limit = strictestLimits[field.rawValue][set] else { return (text, nil) }
        let desktop = holdsDesktop[set]
        // Text Desktop takes as it is has no more characters than UTF-8 bytes: most text is within its limit at a glance.
        if text.utf8.count <= limit, !desktop || QuickBooksText.isDesktopSafe(text) { return (text, nil) }
        func length(_ candidate: String) -> Int { desktop ? QuickBooksText.desktop(candidate).count : candidate.count }
        guard length(text) > limit, let (_, setters) = strictest(field, among: formats) else { return (text, nil) }
        var cut = QuickBooksText.prefix(text, limit)
        while !cut.isEmpty, length(cut) > limit {
            cut = QuickBooksText.prefix(cut, min(cut.count - 1, cut.count * limit / length(cut)))
        }
        let names = setters.map(\.displayName).joined(separator: " and ")
        return (cut, "\(field.label) cut to \(grouped(limit)) characters (\(names) limit)")
    }

    /// Each part of `address` cut to its strictest limit among `formats`, and a note per kind of part cut.
    public static func cut(_ address: Address?, formats: [OutputFormat]) -> (address: Address?, notes: [String]) {
        guard var result = address else { return (nil, []) }
        var notes: [String] = []
        func part(_ text: String?, _ field: TextField) -> String? {
            let (kept, note) = cut(text, field, formats: formats)
            if let note, !notes.contains(note) { notes.append(note) }
            return kept
        }
        result.line1 = part(result.line1, .addressLine)
        result.line2 = part(result.line2, .addressLine)
        result.city = part(result.city, .city)
        result.state = part(result.state, .state)
        result.postalCode = part(result.postalCode, .postalCode)
        result.country = part(result.country, .country)
        for format in placingOnOneLine[bits(formats)] {
            if let note = placeLineNote(result, format: format) { notes.append(note) }
        }
        return (result, notes)
    }

    /// IIF has no city, state or postal code column: `DesktopAddress` puts them on one free line (`City, ST ZIP`)
    /// within an address line's limit, so parts that fit their own limits can still be cut there.
    private static func placeLineNote(_ address: Address, format: OutputFormat) -> String? {
        guard let limit = table[.addressLine]?[format] else { return nil }
        if let length = printableASCIIPlaceLength(address), length <= limit { return nil }
        let region = [address.state, address.postalCode].compactMap { $0 }.joined(separator: " ")
        let place = [address.city ?? "", region].filter { !$0.isEmpty }.joined(separator: ", ")
        guard QuickBooksText.desktop(place).count > limit else { return nil }
        return "Address city, state and postal code cut to \(limit) characters on \(format.displayName)'s one line for them (\(format.displayName) limit)"
    }

    /// The length of the line `placeLineNote` makes (`City, ST ZIP`) when its parts are printable ASCII, whose
    /// characters are its bytes and which Desktop takes as they are; nil for other text.
    private static func printableASCIIPlaceLength(_ address: Address) -> Int? {
        func length(_ part: String?) -> Int? {
            guard let part else { return 0 }
            guard case .printable = ASCIIText.kind(of: part) else { return nil }
            return part.utf8.count
        }
        guard let city = length(address.city), let state = length(address.state), let postalCode = length(address.postalCode) else {
            return nil
        }
        let region = state + postalCode + (address.state != nil && address.postalCode != nil ? 1 : 0)
        return city + region + (city > 0 && region > 0 ? 2 : 0)
    }

    /// `4095` → `4,095`.
    public static func grouped(_ number: Int) -> String {
        let digits = Array(String(number))
        var result = ""
        for (index, digit) in digits.enumerated() {
            if index > 0, (digits.count - index) % 3 == 0 { result.append(",") }
            result.append(digit)
        }
        return result
    }
}
