import Foundation
import RunACallSupport

/// Streams the customers (`CUST`) and items (`INVITEM`) of a QuickBooks Desktop
/// IIF list export one row at a time, in constant memory: each line is read
/// through its `!` header, as UTF-8 when it is valid UTF-8, else as Windows-1252.
/// The items a group (`GRP` … `ENDGRP`) or sales tax group (`STAX` … `ENDTAX`)
/// lists are references to entries of their own, not entries.
public enum IIFListStream {
    static func read(_ url: URL, label: String, _ body: (QuickBooksListEntry) throws -> Void) throws {
        let reader = try ByteReader(url: url, name: label)
        var headers: [String: [String]] = [:]
        var inGroup = false
        var lineNumber = 0
        let clock = ISO8601DateFormatter()
        while var bytes = reader.readLine() {
            lineNumber += 1
            if bytes.last == 0x0D { bytes.removeLast() }
            let text = String(validating: bytes, as: UTF8.self) ?? Windows1252.decode(Data(bytes)).text
            if text.trimmingCharacters(in: .whitespaces).isEmpty { continue }
            let cells = text.split(separator: "\t", omittingEmptySubsequences: false).map { IIFReader.unquote(String($0)) }
            let keyword = cells[0]
            if keyword.hasPrefix("!") {
                headers[String(keyword.dropFirst())] = Array(cells.dropFirst())
                continue
            }
            if keyword == "ENDGRP" || keyword == "ENDTAX" { inGroup = false; continue }
            guard keyword == "CUST" || keyword == "INVITEM" else { continue }
            guard let columns = headers[keyword] else {
                throw FatalError(.unreadableInput, "\(label):\(lineNumber): a \(keyword) row with no !\(keyword) header before it; allowed: an IIF list export as QuickBooks writes it")
            }
            var fields: [String: String] = [:]
            for (index, column) in columns.enumerated() where index + 1 < cells.count && fields[column] == nil {
                let value = cells[index + 1].trimmingCharacters(in: .whitespaces)
                if !value.isEmpty { fields[column] = value }
            }
            let location = SourceLocation.line(lineNumber, in: label)
            if keyword == "INVITEM" {
                if inGroup { continue }
                let type = fields["INVITEMTYPE"]?.uppercased()
                if type == "GRP" || type == "STAX" { inGroup = true }
                try body(item(fields, location: location, clock: clock))
            } else {
                try body(customer(fields, location: location, clock: clock))
            }
        }
    }

    /// What every list row has: its name, whether it is active, its parent and when it was last changed.
    private static func entry(_ list: QuickBooksListEntry.List, _ fields: [String: String], location: SourceLocation,
                              clock: ISO8601DateFormatter) -> QuickBooksListEntry {
        var entry = QuickBooksListEntry(list: list, name: fields["NAME"] ?? "", location: location)
        active(fields, &entry)
        entry.parent = parent(of: entry.name)
        entry.modifiedAt = fields["TIMESTAMP"].flatMap(Int.init).map { clock.string(from: Date(timeIntervalSince1970: TimeInterval($0))) }
        return entry
    }

    private static func customer(_ fields: [String: String], location: SourceLocation, clock: ISO8601DateFormatter) -> QuickBooksListEntry {
        var entry = entry(.customer, fields, location: location, clock: clock)
        entry.email = fields["EMAIL"]
        entry.phone = fields["PHONE1"]
        entry.company = fields["COMPANYNAME"]
        entry.billing = QuickBooksAddress(lines: (1...5).compactMap { fields["BADDR\($0)"] })
        entry.shipping = QuickBooksAddress(lines: (1...5).compactMap { fields["SADDR\($0)"] })
        return entry
    }

    private static func item(_ fields: [String: String], location: SourceLocation, clock: ISO8601DateFormatter) -> QuickBooksListEntry {
        var entry = entry(.item, fields, location: location, clock: clock)
        entry.type = fields["INVITEMTYPE"]
        entry.description = fields["DESC"].map { $0.replacingOccurrences(of: "\\n", with: "\n") }
        entry.price = fields["PRICE"]
        entry.incomeAccount = fields["ACCNT"]
        if let taxable = fields["TAXABLE"]?.uppercased() {
            if taxable == "Y" || taxable == "N" { entry.taxable = taxable == "Y" } else { entry.problems.append("TAXABLE is \"\(taxable)\"; allowed: Y or N") }
        }
        return entry
    }

    private static func active(_ fields: [String: String], _ entry: inout QuickBooksListEntry) {
        guard let hidden = fields["HIDDEN"]?.uppercased() else { return }
        if hidden == "Y" || hidden == "N" { entry.isActive = hidden == "N" } else { entry.problems.append("HIDDEN is \"\(hidden)\"; allowed: Y (inactive) or N") }
    }

    /// `Parent:Job` → `Parent`.
    public static func parent(of name: String) -> String? {
        guard let colon = name.lastIndex(of: ":") else { return nil }
        return String(name[..<colon])
    }
}
