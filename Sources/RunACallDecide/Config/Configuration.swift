import Foundation
import RunACallRead
import RunACallSupport

/// The QuickBooks edition, which decides how sales tax is written.
public enum Edition: String, Sendable, CaseIterable {
    case us, ca, uk, au

    /// Whether QuickBooks Online for the country reads dates day first (`31/10/2026`): the UK and
    /// Australia. The US and Canadian files keep the month first, the order their import offers first.
    public var writesDayFirst: Bool { self == .uk || self == .au }

    /// Non-US: the tax code QuickBooks Online sets up for a sale charged no tax that still belongs on the
    /// tax return (zero-rated): UK `0.0% Z`, Australia `GST free`, Canada `Zero-rated` (Intuit's QuickBooks
    /// Online VAT codes guide for the UK; the default code lists of QuickBooks Online UK, AU and CA as
    /// Zed Systems' import guide gives them). nil for the US, whose lines carry a taxable flag instead.
    public var onlineNonTaxableCode: String? {
        switch self {
        case .us: nil
        case .uk: "0.0% Z"
        case .au: "GST free"
        case .ca: "Zero-rated"
        }
    }
}

/// When invoices are written.
public enum SyncTrigger: String, Sendable, CaseIterable {
    /// Accrual: invoices that were sent.
    case onSend = "on_send"
    /// Cash basis: invoices that were paid.
    case onPayment = "on_payment"
}

/// Who numbers invoices.
public enum Numbering: String, Sendable, CaseIterable {
    /// The Run a Call invoice ID becomes the QuickBooks doc number.
    case runACall = "run_a_call"
    /// QuickBooks assigns numbers.
    case quickbooks
}

/// The converter's configuration: the five sections of Run a Call's
/// Settings → QuickBooks → Configuration, plus company and output settings.
/// Defaults are the seed's recommended values.
public struct Configuration: Sendable {
    public struct Company: Sendable {
        public var name: String?
        public var edition: Edition = .us
        public var homeCurrency = "USD"
        public var closingDate: CalendarDate?
    }

    public struct Output: Sendable {
        public var formats: [OutputFormat] = OutputFormat.allCases
        public var qbxmlVersion = "13.0"
        /// Most transactions per output file; 0 = the target's own limit.
        public var splitEvery = 0
    }

    public struct Customers: Sendable {
        public var createInQuickBooks = true
        public var syncUpdates = true
        /// "QBO → Run a Call": QuickBooks customers Run a Call lacks become new Run a Call customers (`from-quickbooks`).
        public var fromQuickBooks = false
    }

    public struct Items: Sendable {
        public var defaultIncomeAccount = "Service revenue"
        /// Pricebook category → income account, in the order written.
        public var categoryIncomeAccounts: [(category: String, account: String)] = []
        public var createInQuickBooks = true
        public var discountItem = "Discount"
        public var memberDiscountItem = "Member savings"
        /// "QBO → Run a Call": QuickBooks items the pricebook lacks become new pricebook items (`from-quickbooks`).
        public var fromQuickBooks = false
    }

    public struct Invoices: Sendable {
        public var sync = true
        public var when: SyncTrigger = .onSend
        public var numbering: Numbering = .runACall
        public var discountAccount = "Discounts given"
        public var membershipIncomeAccount = "Membership revenue"
    }

    public struct Payments: Sendable {
        public var sync = true
        public var stripePayoutAccount = "Business Checking"
        public var undepositedFundsAccount = "Undeposited Funds"
        public var stripeFeeAccount = "Merchant fees"
        public var autoReconcilePayouts = true
        public var paymentMethodNames: [PaymentMethod: String] = [
            .card: "Credit Card", .ach: "ACH", .cash: "Cash", .check: "Check", .other: "Other",
        ]
    }

    public struct Tax: Sendable {
        /// Run a Call tax rate name → QuickBooks tax code or sales tax item, in the order written.
        public var rates: [(rate: String, code: String)] = []
        /// The code for a rate with no mapping; nil fails such invoices ("Tax code not mapped").
        public var defaultForUnmapped: String?
        /// US: the tax agency (vendor) named on IIF sales tax lines and on the sales tax items an IIF
        /// file declares when the books do not list them; nil declares nothing (QuickBooks must have the items).
        public var agency: String?
        /// Non-US editions: the tax code written on a line Run a Call does not tax. nil: QBO CSV writes the
        /// edition's own QuickBooks Online code (`Edition.onlineNonTaxableCode`); IIF and qbXML write none
        /// (QuickBooks Desktop then takes the item's own code).
        public var nonTaxableCode: String?
    }

    public struct Books: Sendable {
        public var customers: String?
        public var items: String?
        public var accounts: String?
        public var taxCodes: String?
        public var terms: String?
        /// Where each key was given (`customers` → `rac2qb.yml:3:14`), so that a file
        /// that is not there is named with its key and line.
        public var locations: [String: String] = [:]

        /// `books.KEY`, with where the config gives it when known.
        func place(of key: String) -> String {
            locations[key].map { "\($0): books.\(key)" } ?? "books.\(key)"
        }
    }

    public var version = 1
    public var company = Company()
    public var output = Output()
    public var customers = Customers()
    public var items = Items()
    public var invoices = Invoices()
    public var payments = Payments()
    public var tax = Tax()
    /// Path of the ledger of what was already exported (relative to the config's folder).
    public var ledger: String? = "rac2qb-ledger.sqlite"
    public var books = Books()
    /// The folder holding the config file: `ledger` and `books` paths are relative to it (nil: the current folder).
    public var directory: URL?
    /// The config file read; nil for the built-in defaults (or a config given as text).
    public var file: URL?

    /// The defaults (the seed's recommended values).
    public init() {}

    /// The folder relative paths of the config are read from: the config's, else the current folder.
    /// Records that this configuration is the file at `url`: its folder is where `ledger` and `books` paths start.
    mutating func locate(at url: URL) {
        directory = url.deletingLastPathComponent()
        file = url
    }

    public var baseDirectory: URL { directory ?? URL(fileURLWithPath: FileManager.default.currentDirectoryPath) }

    /// A path of the config (`ledger`, `books`): absolute as written, else relative to `base`.
    public static func resolve(_ path: String, relativeTo base: URL) -> URL {
        path.hasPrefix("/") ? URL(fileURLWithPath: path) : base.appendingPathComponent(path)
    }

    /// The ledger file the config names, relative to the config's folder; nil when none.
    public var ledgerURL: URL? { ledger.map { Self.resolve($0, relativeTo: baseDirectory) } }

    /// The income account of a pricebook category, matched case-insensitively.
    public func incomeAccount(forCategory category: String?) -> String? {
        guard let category else { return nil }
        let key = NameKey(category)
        return items.categoryIncomeAccounts.first { NameKey($0.category) == key }?.account
    }

    /// The QuickBooks tax code mapped to a Run a Call tax rate, matched case-insensitively.
    public func taxCode(forRate rate: String) -> String? {
        let key = NameKey(rate)
        return tax.rates.first { NameKey($0.rate) == key }?.code
    }
}
