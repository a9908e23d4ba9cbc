import Foundation
import RunACallSupport

/// What a file named on the command line holds, told by its first 4 KB (never by its name):
/// so that a file given to the wrong command is named for what it is, with the command that
/// takes it, instead of failing as a malformed file of the kind the command expected.
public enum InputKind: Equatable, Sendable {
    /// An IIF file: its first text is a `!` header row.
    case iif
    /// A qbXML request file (`QBXMLMsgsRq`), as `convert` writes it.
    case qbxmlRequest
    /// A qbXML response file (`QBXMLMsgsRs`), as QuickBooks returns it.
    case qbxmlResponse
    /// A QuickBooks Online import CSV as `convert` writes it: `invoices`, `customers`, `products` or `deposits`.
    case qboCSV(String)
    /// A Run a Call export file: JSON records, or a CSV with an export entity's columns.
    case runACallExport
    /// None of these (or unreadable): the command reads it and says what is wrong.
    case other

    /// The commands whose inputs are told apart.
    public enum Command: Sendable {
        /// `convert`, `check` and `preview` (and `from-quickbooks --export`): a Run a Call export.
        case convert
        /// `from-quickbooks`: QuickBooks list files.
        case fromQuickBooks
        /// `ingest`: qbXML responses.
        case ingest
        /// `validate`: the QuickBooks files `convert` wrote.
        case validate
    }

    /// The kind of `url`'s content; `.other` when it cannot be read or told, or is no regular file
    /// (a pipe is never read here: its bytes would be lost to the command).
    public static func sniff(_ url: URL) -> InputKind {
        guard (try? url.resourceValues(forKeys: [.isRegularFileKey]).isRegularFile) == true, let handle = try? FileHandle(forReadingFrom: url) else { return .other }
        defer { try? handle.close() }
        return sniff(head: [UInt8](handle.readData(ofLength: 4_096)))
    }

    /// The kind of a file whose first bytes are `head`.
    static func sniff(head: [UInt8]) -> InputKind {
        let start = head.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
        guard let first = head[start...].firstIndex(where: { ![0x20, 0x09, 0x0A, 0x0D].contains($0) }) else { return .other }
        let text = String(decoding: head[first...], as: UTF8.self)
        switch head[first] {
        case UInt8(ascii: "!"): return .iif
        case UInt8(ascii: "<"):
            if text.contains("<QBXMLMsgsRq") { return .qbxmlRequest }
            if text.contains("<QBXMLMsgsRs") { return .qbxmlResponse }
            return .other
        case UInt8(ascii: "["), UInt8(ascii: "{"): return .runACallExport
        default: return csvKind(header: text.prefix { !$0.isNewline })
        }
    }

    /// The kind of a CSV file by its header row.
    private static func csvKind(header: Substring) -> InputKind {
        let columns = header.split(separator: ",", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces) }
        let written: [(String, [String])] = [("invoices", QBOCSVColumns.invoices), ("customers", QBOCSVColumns.customers),
                                             ("products", QBOCSVColumns.products), ("deposits", QBOCSVColumns.deposits)]
        if let (name, _) = written.first(where: { $0.1 == columns }) { return .qboCSV(name) }
        let present = Set(columns)
        for entity in [ExportEntity.invoices, .payments, .payouts] where present.isSuperset(of: entity.requiredCSVColumns) {
            return .runACallExport
        }
        if present.isSuperset(of: ["id", "name"]), !present.isDisjoint(with: ["billing_line1", "created_at", "updated_at"]) { return .runACallExport }
        if present.contains("name"), !present.isDisjoint(with: ["unit_price", "category"]) { return .runACallExport }
        return .other
    }

    /// What the file is, for a person (`a QuickBooks IIF file`).
    var described: String {
        switch self {
        case .iif: "a QuickBooks IIF file"
        case .qbxmlRequest: "a qbXML request file (the requests rac2qb convert writes for QuickBooks Desktop)"
        case .qbxmlResponse: "a qbXML response file (what QuickBooks Desktop returns)"
        case .qboCSV(let name): "a QuickBooks Online import file (the \(name) CSV rac2qb convert writes for QuickBooks Online)"
        case .runACallExport: "a Run a Call export file"
        case .other: "a file of no known kind"
        }
    }

    /// Which commands take it, and how (`rac2qb validate FILE checks it`).
    private func takenBy(_ file: String) -> String {
        switch self {
        case .iif:
            "`rac2qb validate \(file)` checks it; QuickBooks Desktop imports it (File → Utilities → Import → IIF Files); an IIF list export goes to `rac2qb from-quickbooks \(file) --out DIR`"
        case .qbxmlRequest:
            "`rac2qb validate \(file)` checks it; QuickBooks Desktop runs it (through the Web Connector or the SDK) and returns a response file, which `rac2qb ingest RESPONSE` records"
        case .qbxmlResponse:
            "`rac2qb ingest \(file)` records QuickBooks' answers to rac2qb's requests; a CustomerQueryRs or ItemQueryRs list goes to `rac2qb from-quickbooks \(file) --out DIR`"
        case .qboCSV:
            "`rac2qb validate \(file)` checks it; QuickBooks Online imports it (see qbo-csv/import-checklist.csv)"
        case .runACallExport:
            "`rac2qb check \(file)` or `rac2qb convert \(file) --out DIR` reads it (and `rac2qb from-quickbooks LISTS --export \(file)` names Run a Call's own customers and items)"
        case .other: ""
        }
    }

    /// Whether `command` takes a file of this kind (a file of no known kind is left to the command).
    func isTaken(by command: Command) -> Bool {
        switch (self, command) {
        case (.other, _): true
        case (.runACallExport, .convert): true
        case (.iif, .fromQuickBooks), (.qbxmlResponse, .fromQuickBooks), (.qboCSV("customers"), .fromQuickBooks), (.qboCSV("products"), .fromQuickBooks): true
        case (.qbxmlResponse, .ingest): true
        case (.iif, .validate), (.qbxmlRequest, .validate), (.qbxmlResponse, .validate), (.qboCSV, .validate): true
        default: false
        }
    }

    /// The error for `url`, shown as `file`, when `command` does not take what it holds (exit 2); nil when it does.
    public static func refusal(of url: URL, shownAs file: String, command: Command) -> FatalError? {
        let kind = sniff(url)
        guard !kind.isTaken(by: command) else { return nil }
        let expected = switch command {
        case .convert: "a Run a Call export (invoices, payments, payouts, customers, items as .json, .jsonl or .csv)"
        case .fromQuickBooks: "QuickBooks customer and item lists (an IIF list export, a CustomerQueryRs / ItemQueryRs response, a QuickBooks Online list CSV)"
        case .ingest: "the qbXML response files QuickBooks returned for rac2qb's requests"
        case .validate: "the QuickBooks files rac2qb convert wrote (.iif, QuickBooks Online .csv, qbXML .xml)"
        }
        return FatalError(.usage, "\(file): this is \(kind.described), not \(expected); \(kind.takenBy(file))")
    }

    /// Refuses the first of `urls` that `command` does not take.
    public static func requireTaken(_ urls: [URL], by command: Command) throws {
        for url in urls {
            if let refusal = refusal(of: url, shownAs: url.relativePath, command: command) { throw refusal }
        }
    }
}
