import Foundation

/// How the Web Connector asks QuickBooks whether it already holds the record
/// of a request whose answer never came ("in doubt"): a query by doc number
/// (`RefNumber`), by name (`FullName`), or by date with the memo rac2qb wrote
/// (payments, refunds and deposits carry their Run a Call id in it).
/// Updates, voids and customer messages have none: sent again, QuickBooks
/// refuses a stale edit sequence (3200) or a name in use (3100) rather than
/// doubling anything.
enum ConnectorLookup {
    /// The query element for a request, without its requestID (`<InvoiceQueryRq>…</InvoiceQueryRq>`), and the memo
    /// a found record must carry (nil when the query's own filter identifies it).
    static func query(for request: ScannedRequest) -> (query: String, memo: String?)? {
        let kind = String(request.element.dropLast(2))
        let fields = request.fields
        switch kind {
        case "InvoiceAdd":
            guard let ref = fields["RefNumber"], !ref.isEmpty else { return nil }
            return (element("InvoiceQueryRq", "<RefNumber>\(escaped(ref))</RefNumber>"), nil)
        case "CustomerAdd":
            guard let name = fields["Name"] else { return nil }
            return (element("CustomerQueryRq", "<FullName>\(escaped(name))</FullName>"), nil)
        case "ItemServiceAdd", "ItemNonInventoryAdd", "ItemDiscountAdd":
            guard let name = fields["Name"] else { return nil }
            return (element("ItemQueryRq", "<FullName>\(escaped(name))</FullName>"), nil)
        case "ReceivePaymentAdd", "CreditMemoAdd", "DepositAdd":
            guard let memo = fields["Memo"], !memo.isEmpty else { return nil }
            let queryKind = kind.replacingOccurrences(of: "Add", with: "QueryRq")
            let dates = fields["TxnDate"].map {
                "<TxnDateRangeFilter><FromTxnDate>\(escaped($0))</FromTxnDate><ToTxnDate>\(escaped($0))</ToTxnDate></TxnDateRangeFilter>"
            } ?? ""
            return (element(queryKind, dates), memo)
        default:
            return nil
        }
    }

    private static func element(_ name: String, _ inner: String) -> String { "<\(name)>\(inner)</\(name)>" }

    /// Text as XML character data.
    static func escaped(_ text: String) -> String {
        var result = ""
        for character in text {
            switch character {
            case "&": result += "&amp;"
            case "<": result += "&lt;"
            case ">": result += "&gt;"
            case "\"": result += "&quot;"
            default: result.append(character)
            }
        }
        return result
    }
}
