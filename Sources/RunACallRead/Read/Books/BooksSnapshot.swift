import Foundation
import RunACallSupport

/// One entry of a QuickBooks list, as the user's books export shows it.
public struct BookEntry: Sendable, Hashable {
    public var name: String
    public var isActive: Bool
    /// Customers: the email; items: the type (`SERV`, `ItemService`, ...); accounts: the account type.
    public var email: String?
    public var type: String?
    /// Items: the income account.
    public var account: String?
    /// Sales tax items: the rate QuickBooks computes the tax with, when the books file gives it.
    public var ratePercent: ExactDecimal? = nil

    /// Reads a sales tax rate as the books write it (`8.5`, `8.5%`); nil for empty text, throws for anything else.
    static func rate(_ text: String?, place: @autoclosure () -> String) throws -> ExactDecimal? {
        guard let text = text?.trimmingCharacters(in: .whitespaces), !text.isEmpty else { return nil }
        let number = text.hasSuffix("%") ? String(text.dropLast()).trimmingCharacters(in: .whitespaces) : text
        guard let rate = ExactDecimal(parsing: number, maxPlaces: ExactDecimal.places), rate >= .zero else {
            throw FatalError(.unreadableInput, "\(place()): the sales tax rate is \"\(text)\"; allowed: a percentage such as 8.5 or 8.5%")
        }
        return rate
    }
}

/// A QuickBooks list in the books, looked up by name (case-insensitive, trimmed).
public struct BookList: Sendable {
    public private(set) var entries: [NameKey: [BookEntry]] = [:]

    public init() {}

    public mutating func add(_ entry: BookEntry) {
        guard !entry.name.trimmingCharacters(in: .whitespaces).isEmpty else { return }
        entries[NameKey(entry.name), default: []].append(entry)
    }

    /// The entries named `name`.
    public func named(_ name: String) -> [BookEntry] { entries[NameKey(name)] ?? [] }

    public var count: Int { entries.values.reduce(0) { $0 + $1.count } }
}

/// What the QuickBooks company already holds, from the `books:` files of the
/// config. A list with no file is nil: everything the export names is then
/// assumed to exist.
public struct BooksSnapshot: Sendable {
    public var customers: BookList?
    /// Vendors, employees and other names: QuickBooks names are unique across them and customers.
    public var otherNames = BookList()
    public var items: BookList?
    public var accounts: BookList?
    /// Sales tax codes, sales tax items and groups.
    public var taxCodes: BookList?
    public var terms: BookList?

    public init() {}
}

/// Every list one books file holds.
public struct BookLists {
    public var customers = BookList()
    public var otherNames = BookList()
    public var items = BookList()
    public var accounts = BookList()
    public var taxCodes = BookList()
    public var terms = BookList()

    /// Reads an IIF list export, a qbXML query response or a CSV, by its content.
    public static func read(_ url: URL) throws -> BookLists {
        switch url.pathExtension.lowercased() {
        case "iif": return try IIFBooksReader.read(url)
        case "xml", "qbxml": return try QBXMLBooksReader.read(url)
        case "csv": return try CSVBooksReader.read(url)
        default:
            throw FatalError(.usage, "\(url.lastPathComponent): books files are .iif (list export), .xml (qbXML query response) or .csv")
        }
    }
}
