import Foundation

/// How the Web Connector asks QuickBooks whether it already holds the record
/// of a request whose answer never came ("in doubt"): a query by doc number
/// (`RefNumber`), by name (`FullName`), or by date with the memo rac2qb wrote
/// (payments, refunds and deposits carry their Run a Call id in it). An
/// update (`InvoiceMod`, `CustomerMod`) is looked up by its TxnID or ListID:
/// an edit sequence other than the one it was sent with says QuickBooks
/// applied it. Voids and customer messages have none: sent again, QuickBooks
/// voids nothing twice and refuses a name in use (3100).
enum ConnectorLookup {
    /// How to find a request's record: the query element without its requestID (`<InvoiceQueryRq>…</InvoiceQueryRq>`),
    /// the memo a found record must carry, and for an update the edit sequence it was sent with (a found record
    /// with another one was updated).
    struct Query {
        var query: String
        var memo: String?
        var sentEditSequence: String?
    }

    static func query(for request: ScannedRequest) -> Query? {
        guard let (query, memo) = findBy(request) else { return nil }
        let isUpdate = request.element.hasSuffix("ModRq")
        return Query(query: query, memo: memo, sentEditSequence: isUpdate ? request.fields["EditSequence"] : nil)
    }

    private static func findBy(_ request: ScannedRequest) -> (query: String, memo: String?)? {
        let kind = String(request.element.dropLast(2))
        let fields = request.fields
        switch kind {
        case "InvoiceMod":
            guard let txnID = fields["TxnID"], fields["EditSequence"] != nil else { return nil }
            return (element("InvoiceQueryRq", "<TxnID>\(escaped(txnID))</TxnID>"), nil)
        case "CustomerMod":
            guard let listID = fields["ListID"], fields["EditSequence"] != nil else { return nil }
            return (element("CustomerQueryRq", "<ListID>\(escaped(listID))</ListID>"), nil)
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
