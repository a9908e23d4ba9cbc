import Foundation

/// Reads a QuickBooks address into Run a Call's parts, and compares addresses
/// the way QuickBooks holds them (free lines or parts, cut and cleaned).
enum AddressReading {
    /// `City, ST 12345` (or `City ST 12345`, a Canadian `A1A 1A1`): the place line of a free-line address.
    private static let place = try! NSRegularExpression(
        pattern: #"^(.+?),?\s+([A-Za-z]{2,3})\.?,?\s+(\d{5}(?:-\d{4})?|[A-Za-z]\d[A-Za-z] ?\d[A-Za-z]\d)$"#)

    /// Run a Call's parts of `address`; `names` are the texts a leading line may repeat
    /// (the customer's name, company, contact), which QuickBooks Desktop often puts first.
    static func runACall(_ address: QuickBooksAddress, names: [String]) -> Address? {
        guard !address.isEmpty else { return nil }
        var lines = address.lines
        var city = address.city, state = address.state, postalCode = address.postalCode, country = address.country
        if city == nil, state == nil, postalCode == nil {
            if let index = lines.lastIndex(where: { match($0) != nil }), let (c, s, p) = match(lines[index]) {
                (city, state, postalCode) = (c, s, p)
                let after = lines[(index + 1)...]
                if country == nil, !after.isEmpty { country = after.joined(separator: ", ") }
                lines = Array(lines[..<index])
            }
        }
        let known = Set(names.flatMap { [key($0), key(reversed($0))] }.filter { !$0.isEmpty })
        while lines.count > 1, known.contains(key(lines[0])) { lines.removeFirst() }
        while lines.count > 1, !lines[0].contains(where: \.isNumber), lines.dropFirst().contains(where: { $0.contains(where: \.isNumber) }) {
            lines.removeFirst()
        }
        if lines.count == 1, known.contains(key(lines[0])), city != nil { lines.removeFirst() }
        let result = Address(line1: lines.first, line2: lines.count > 1 ? lines.dropFirst().joined(separator: ", ") : nil,
                             city: city, state: state, postalCode: postalCode, country: country)
        return result.isEmpty ? nil : result
    }

    private static func match(_ line: String) -> (String, String, String)? {
        let range = NSRange(line.startIndex..., in: line)
        guard let found = place.firstMatch(in: line, range: range), found.numberOfRanges == 4 else { return nil }
        func part(_ index: Int) -> String { Range(found.range(at: index), in: line).map { String(line[$0]) } ?? "" }
        return (part(1).trimmingCharacters(in: .whitespaces), part(2).uppercased(), part(3).uppercased())
    }

    /// `Andres, Cristina` → `Cristina Andres`.
    private static func reversed(_ name: String) -> String {
        let parts = name.split(separator: ",", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
        return parts.count == 2 ? "\(parts[1]) \(parts[0])" : name
    }

    /// Lower case, commas and runs of spaces as one space: how two writings of one address compare.
    static func key(_ text: String) -> String {
        text.lowercased().replacingOccurrences(of: ",", with: " ").split(whereSeparator: \.isWhitespace).joined(separator: " ")
    }

    /// Every text of a QuickBooks address, compared as one key.
    static func key(_ address: QuickBooksAddress?) -> String {
        guard let address else { return "" }
        return key((address.lines + [address.city, address.state, address.postalCode, address.country].compactMap { $0 }).joined(separator: " "))
    }

    /// The keys a Run a Call address has in QuickBooks: as it is, and as rac2qb writes it to IIF and qbXML (cut and cleaned).
    static func keys(_ address: Address?) -> Set<String> {
        guard let address, !address.isEmpty else { return [""] }
        func joined(_ parts: [String?]) -> String { key(parts.compactMap { $0 }.joined(separator: " ")) }
        var keys: Set<String> = [joined([address.line1, address.line2, address.city, address.state, address.postalCode, address.country])]
        let cut = FieldLimits.cut(address, formats: OutputFormat.allCases).address ?? address
        keys.insert(joined(DesktopAddress(cut, clean: IIFEncoding.cell).freeLines))
        let qbxml = DesktopAddress(cut) { QBXMLText.clean(QuickBooksText.listName($0, desktop: true)) }
        keys.insert(joined([qbxml.line1, qbxml.line2, qbxml.city, qbxml.state, qbxml.postalCode, qbxml.country]))
        return keys
    }

    /// The parts of an address as the ledger writes them (`line1 | line2 | city | state | postal code | country`).
    static func parts(_ address: Address?) -> [String] {
        guard let address else { return Array(repeating: "", count: 6) }
        return [address.line1, address.line2, address.city, address.state, address.postalCode, address.country].map { $0 ?? "" }
    }

    /// The address the ledger's `line1 | line2 | …` text holds.
    static func address(ledgerText text: String) -> Address? {
        guard !text.isEmpty else { return nil }
        var parts = text.components(separatedBy: " | ").map { $0.isEmpty ? nil : $0 }
        while parts.count < 6 { parts.append(nil) }
        let address = Address(line1: parts[0], line2: parts[1], city: parts[2], state: parts[3], postalCode: parts[4], country: parts[5])
        return address.isEmpty ? nil : address
    }
}
