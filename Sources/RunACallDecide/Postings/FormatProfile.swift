import Foundation
import RunACallSupport

/// What an output format can carry and what it leaves to the user, declared once per format: deciding, the
/// summary, the preview and the payment rules ask the profile, never a writer. Adding a format is one case of
/// `OutputFormat` and one profile, both in this file, and one writer (its folder in Render, its line in
/// `FormatWriters.make`).
public struct FormatProfile: Sendable {
    /// How US sales tax reaches QuickBooks through a format.
    public enum SalesTaxForm: Sendable {
        /// The tax is written as an amount (IIF's AUTOSTAX line): QuickBooks takes it as it is.
        case carriesAmount
        /// QuickBooks computes it from the sales tax item's rate, or the format writes the exact tax as a line of its own (qbXML).
        case computedOrExactLine
        /// QuickBooks computes it from the item's rate; the format cannot carry the exact amount (QBO CSV).
        case computedOnly
    }

    public let format: OutputFormat
    /// The format's name in messages: `IIF`, `QBO CSV`, `qbXML`.
    public let displayName: String
    /// Whether the target is QuickBooks Desktop (Windows-1252/Latin-1 text, Desktop name limits).
    public let isDesktop: Bool
    /// What its files are written in.
    public let encoding: String.Encoding
    /// The most characters QuickBooks takes through this format in each limited field (`FieldLimits`); absent: no known limit.
    public let fieldLimits: [TextField: Int]
    /// Whether a text field may hold line breaks; where not, they are replaced by spaces (one line per field).
    public let keepsLineBreaks: Bool
    /// Whether a billing address's city, state and postal code share one line (IIF has no column of their own).
    public let placeOnOneAddressLine: Bool
    /// The most characters of a line's sales tax code; nil: no limit of its own.
    public let lineTaxCodeLimit: Int?
    /// Whether a tax code the user did not give is the edition's QuickBooks Online code (whose importer wants one on every line).
    public let takesOnlineTaxCodes: Bool
    /// How US sales tax reaches QuickBooks.
    public let salesTax: SalesTaxForm
    /// Whether the file declares the sales tax items and agency its tax lines name (IIF `COMPTAX`, `VEND`).
    public let declaresSalesTaxItems: Bool
    /// Whether it names records by QuickBooks' own ids (TxnID, ListID, EditSequence) and links the records of one
    /// document by macros: it can void and update what an earlier batch wrote, change a customer, and apply a payment
    /// to its invoice, given the ids QuickBooks answered, or the invoice in the same document.
    public let referencesQuickBooksIDs: Bool
    /// Whether an invoice line may be negative; where not (QuickBooks Online's invoice import), the discount lines
    /// are left out of the file and entered by hand after the import.
    public let carriesNegativeLines: Bool
    /// Where the lines left out are listed for the user, when the format leaves any out.
    public let byHandList: OutputTarget?
    /// Whether an invoice line names its own account (IIF's SPL `ACCNT`, qbXML's `OverrideItemAccountRef`); where not
    /// (QuickBooks Online's invoice import), a line posts to its item's income account and the report says so.
    public let carriesLineAccounts: Bool
    /// Whether text a spreadsheet opens must never read as a formula (cells and the names in them).
    public let guardsFormulas: Bool
    /// What the user does with a payment the format writes without its invoice (IIF: the payment-application worksheet); nil when linked.
    public let paymentUnlinked: String?
    /// What the user does with a payment the format cannot import at all; nil when it can.
    public let paymentByHand: String?
    /// What the user does with a refund's credit memo the format cannot import; nil when it can.
    public let creditMemoByHand: String?
    /// What the user does with a payout's deposit after the import, when more than importing it; nil otherwise.
    public let depositStep: String?

    public static let iif = FormatProfile(
        format: .iif, displayName: "IIF", isDesktop: true, encoding: .windowsCP1252, fieldLimits: desktopLimits,
        keepsLineBreaks: false, placeOnOneAddressLine: true, lineTaxCodeLimit: nil, takesOnlineTaxCodes: false,
        salesTax: .carriesAmount, declaresSalesTaxItems: true, referencesQuickBooksIDs: false, carriesNegativeLines: true,
        byHandList: nil, carriesLineAccounts: true, guardsFormulas: false,
        paymentUnlinked: "IIF cannot link it to the invoice: apply it in QuickBooks (report/payment-application.csv)",
        paymentByHand: nil, creditMemoByHand: nil, depositStep: nil)

    public static let qboCSV = FormatProfile(
        format: .qboCSV, displayName: "QBO CSV", isDesktop: false, encoding: .utf8,
        fieldLimits: [.itemDescription: 4000, .companyName: 50, .phone: 21, .email: 100, .addressLine: 2000, .city: 255,
                      .state: 255, .postalCode: 30, .country: 255],
        keepsLineBreaks: false, placeOnOneAddressLine: false, lineTaxCodeLimit: nil, takesOnlineTaxCodes: true,
        salesTax: .computedOnly, declaresSalesTaxItems: false, referencesQuickBooksIDs: false, carriesNegativeLines: false,
        byHandList: qboCSVDiscounts, carriesLineAccounts: false, guardsFormulas: true, paymentUnlinked: nil,
        paymentByHand: "QuickBooks Online cannot import payments by CSV: receive it in QuickBooks Online",
        creditMemoByHand: "QuickBooks Online cannot import credit memos by CSV: enter it in QuickBooks Online",
        depositStep: "QuickBooks Online: upload deposits.csv in Banking and match it")

    /// QuickBooks Online CSV's list of the discounts to enter by hand.
    public static let qboCSVDiscounts = OutputTarget(format: .qboCSV, base: "discounts-to-enter", fileExtension: "csv")

    public static let qbxml = FormatProfile(
        format: .qbxml, displayName: "qbXML", isDesktop: true, encoding: .utf8, fieldLimits: desktopLimits,
        keepsLineBreaks: true, placeOnOneAddressLine: false, lineTaxCodeLimit: 3, takesOnlineTaxCodes: false,
        salesTax: .computedOrExactLine, declaresSalesTaxItems: false, referencesQuickBooksIDs: true, carriesNegativeLines: true,
        byHandList: nil, carriesLineAccounts: true, guardsFormulas: false, paymentUnlinked: nil, paymentByHand: nil, creditMemoByHand: nil,
        depositStep: nil)

    /// QuickBooks Desktop's field limits, the same through IIF and qbXML (qbXML XSD `maxLength`s; Intuit's IIF kit).
    static let desktopLimits: [TextField: Int] = [
        .memo: 4095, .lineDescription: 4095, .customerMessage: 101, .terms: 31, .itemDescription: 4095, .companyName: 41,
        .phone: 21, .email: 1023, .addressLine: 41, .city: 31, .state: 21, .postalCode: 13, .country: 31,
        .paymentReference: 20, .paymentMethod: 31,
    ]

    /// The profile of `format`.
    public static func of(_ format: OutputFormat) -> FormatProfile {
        switch format {
        case .iif: iif
        case .qboCSV: qboCSV
        case .qbxml: qbxml
        }
    }

    /// The lines of `invoice` this format leaves to be entered by hand: its discounts, where lines cannot be
    /// negative (a void invoice's zeroed discounts need nothing).
    public func linesByHand(of invoice: QBInvoice) -> [QBInvoiceLine] {
        carriesNegativeLines ? [] : invoice.lines.filter { $0.kind == .discount && $0.amount != .zero }
    }

    /// The lines of `invoice` that post to another account than their item's (a membership invoice's; accounts matched
    /// by name as config.md says), when this format cannot name a line's account: QuickBooks posts them to the item's
    /// (a void invoice's zeroed lines post nothing).
    public func linesOnTheirItemsAccount(of invoice: QBInvoice) -> [QBInvoiceLine] {
        guard !carriesLineAccounts else { return [] }
        return invoice.lines.filter { line in
            line.amount != .zero && line.account != line.itemAccount && NameKey(line.account) != NameKey(line.itemAccount)
        }
    }
}

/// One output format: its name in the config's `output.formats` and its folder under the output directory.
public enum OutputFormat: String, Sendable, CaseIterable, Comparable {
    case iif
    case qboCSV = "qbo-csv"
    case qbxml

    /// The folder under the output directory that holds this format's files.
    public var folder: String { rawValue }

    /// Whether the target is QuickBooks Desktop (Windows-1252/Latin-1 text, Desktop limits).
    public var isDesktop: Bool { profile.isDesktop }

    /// The format's name in messages: `IIF`, `QBO CSV`, `qbXML`.
    public var displayName: String { profile.displayName }

    public static func < (lhs: OutputFormat, rhs: OutputFormat) -> Bool {
        allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
    }
}

extension OutputFormat {
    /// What the format can carry and leaves to the user.
    public var profile: FormatProfile { FormatProfile.of(self) }
}

extension Collection<OutputFormat> {
    /// Whether any of the formats' profiles has `property`.
    public func any(_ property: (FormatProfile) -> Bool) -> Bool { contains { property($0.profile) } }

    /// The formats whose profiles have `property`, in order.
    func having(_ property: (FormatProfile) -> Bool) -> [OutputFormat] { filter { property($0.profile) } }
}
