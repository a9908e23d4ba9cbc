import Foundation
import RunACallSupport

/// One customer or item of a QuickBooks list file, with every field
/// `from-quickbooks` reads of it (the `books:` readers keep only names).
public struct QuickBooksListEntry: Sendable, Equatable {
    /// Which QuickBooks list the entry is on.
    public enum List: String, Sendable {
        case customer, item

        /// The report's (and the sync-error catalogue's) name for the list's records.
        public var entity: EntityType { self == .customer ? .customer : .item }
    }

    public var list: List
    /// The full name: `Parent:Job` for a job or sub-customer, `Parent:Child` for a sub-item.
    public var name: String
    /// Where it is in its file (`lists.iif:251`, `customers.xml:17`, `products.csv:4`).
    public var location: SourceLocation
    public var isActive = true
    /// QuickBooks' own identity and edit sequence (qbXML responses only).
    public var listID: String?
    public var editSequence: String?
    /// The parent's full name (a job, a sub-customer or a sub-item), from `ParentRef` or the `:` of the full name.
    public var parent: String?
    /// When QuickBooks last changed it, ISO 8601, when the file says.
    public var modifiedAt: String?

    // Customers.
    public var email: String?
    public var phone: String?
    public var company: String?
    public var billing: QuickBooksAddress?
    public var shipping: QuickBooksAddress?

    // Items.
    /// The item type as the file words it (`SERV`, `ItemService`, `Non-inventory`, ...).
    public var type: String?
    public var description: String?
    /// The sales price as written (`1,392.00`, `10.0%` for a percentage item).
    public var price: String?
    public var incomeAccount: String?
    public var taxable: Bool?

    /// Fields that could not be read, each `FIELD is "value"; allowed: …`: the entry fails with them.
    public var problems: [String] = []

    public init(list: List, name: String, location: SourceLocation) {
        self.list = list
        self.name = name
        self.location = location
    }

    /// Whether it is a job, sub-customer or sub-item.
    public var isChild: Bool { parent != nil || name.contains(":") }
}

/// An address as a QuickBooks list holds it: free lines (IIF's `BADDR1`–`BADDR5`,
/// qbXML's `Addr1`–`Addr5`) and, where the list has them, the parts.
public struct QuickBooksAddress: Sendable, Equatable {
    public var lines: [String] = []
    public var city: String?
    public var state: String?
    public var postalCode: String?
    public var country: String?

    public init(lines: [String] = [], city: String? = nil, state: String? = nil, postalCode: String? = nil, country: String? = nil) {
        self.lines = lines.map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        self.city = Self.text(city)
        self.state = Self.text(state)
        self.postalCode = Self.text(postalCode)
        self.country = Self.text(country)
    }

    private static func text(_ value: String?) -> String? {
        guard let value = value?.trimmingCharacters(in: .whitespaces), !value.isEmpty else { return nil }
        return value
    }

    public var isEmpty: Bool { lines.isEmpty && [city, state, postalCode, country].allSatisfy { $0 == nil } }
}
