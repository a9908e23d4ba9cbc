/// What an output format can carry, declared once per format: deciding, the summary and the writers ask the
/// profile, never a writer. (The other capabilities still live where they are used: issue 23 moves them here.)
public struct FormatProfile: Sendable {
    public let format: OutputFormat
    /// Whether an invoice line may be negative; where not (QuickBooks Online's invoice import), the discount lines
    /// are left out of the file and entered by hand after the import.
    public let carriesNegativeLines: Bool
    /// Where the lines left out are listed for the user, when the format leaves any out.
    public let byHandList: OutputTarget?

    public static let iif = FormatProfile(format: .iif, carriesNegativeLines: true, byHandList: nil)
    public static let qboCSV = FormatProfile(format: .qboCSV, carriesNegativeLines: false, byHandList: qboCSVDiscounts)
    /// QuickBooks Online CSV's list of the discounts to enter by hand.
    public static let qboCSVDiscounts = OutputTarget(format: .qboCSV, base: "discounts-to-enter", fileExtension: "csv")
    public static let qbxml = FormatProfile(format: .qbxml, carriesNegativeLines: true, byHandList: nil)

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
}
