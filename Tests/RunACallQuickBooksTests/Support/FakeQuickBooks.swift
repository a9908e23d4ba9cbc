import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif

/// A small stand-in for QuickBooks Desktop behind the Web Connector: it runs
/// the requests of a qbXML file in order (onError continue), keeps customers,
/// items, invoices, payments, credit memos and deposits, and answers the way
/// QuickBooks does (TxnID, ListID, EditSequence; CustomerMod renames, and a
/// transaction names a customer by its name now; 3100 for a name in use, 3140
/// for a missing reference, 3120 for an unknown TxnID or ListID, 3200 for a
/// stale edit sequence, 3210 for paying more than is open, 3180 for a payment
/// applied to another customer's invoice, 9100 for an unknown macro). US sales
/// tax as QuickBooks computes it: Σ `Tax` lines × the rate of the invoice's
/// `ItemSalesTaxRef`, rounded to the cent, plus the lines on sales tax items.
final class FakeQuickBooks {
    struct Invoice {
        var refNumber: String
        /// The customer's ListID: a rename of the customer renames it on the invoice too.
        var customerID: String
        /// Σ lines + sales tax, in cents.
        var total: Int64
        /// The invoice's sales tax, in cents: what QuickBooks computed plus the sales tax item lines.
        var salesTax: Int64 = 0
        var paid: Int64 = 0
        var editSequence = 1
        var voided = false
    }

    /// Customers' ListIDs by their name now.
    private var customerIDs: [String: String] = [:]
    /// The names of the customers QuickBooks holds now.
    var customers: Set<String> { Set(customerIDs.keys) }
    private(set) var items = Set<String>()
    private var messages = Set<String>()
    private(set) var invoices: [String: Invoice] = [:]
    /// Every RefNumber an InvoiceAdd was given, in order (duplicates kept, to be found).
    private(set) var addedRefNumbers: [String] = []
    private var payments: [String: (invoice: String, amount: Int64)] = [:]
    /// Credit memos by TxnID: the customer (ListID) and amount in cents.
    private(set) var creditMemos: [String: (customerID: String, amount: Int64)] = [:]
    /// Deposits by TxnID: the payments (TxnIDs) they take out of Undeposited Funds and their total in cents.
    private(set) var deposits: [String: (payments: [String], total: Int64)] = [:]
    private var macros: [String: String] = [:]
    /// Requests done, by kind (`InvoiceMod`, `TxnVoid`, `ReceivePaymentAdd by TxnID`…), to show what a test exercised.
    private(set) var done: [String: Int] = [:]
    private var nextID = 1
    /// The company's sales tax items and their rates (percent, as QuickBooks shows them: "8.85").
    private let salesTaxRates: [String: String]

    init(salesTaxRates: [String: String] = [:]) {
        self.salesTaxRates = salesTaxRates
    }

    private func newID(_ prefix: String) -> String {
        defer { nextID += 1 }
        return "\(prefix)-\(nextID)"
    }

    /// Runs a request file and returns the response document.
    func process(requests url: URL) throws -> String {
        let document = try XMLDocument(contentsOf: url, options: [])
        macros = [:]
        var responses: [String] = []
        let requests = try document.nodes(forXPath: "/QBXML/QBXMLMsgsRq/*").compactMap { $0 as? XMLElement }
        for request in requests {
            let response = answer(request)
            if !response.contains("statusSeverity=\"Error\"") {
                var kind = String((request.name ?? "").dropLast(2))
                if kind == "ReceivePaymentAdd", request.xmlString.contains("useMacro") { kind += " by macro" }
                done[kind, default: 0] += 1
            }
            responses.append(response)
        }
        return """
        <?xml version="1.0" ?>
        <QBXML>
        <QBXMLMsgsRs>
        \(responses.joined(separator: "\n"))
        </QBXMLMsgsRs>
        </QBXML>
        """
    }

    private func answer(_ request: XMLElement) -> String {
        let name = request.name ?? ""
        let kind = String(name.dropLast(2))
        let requestID = request.attribute(forName: "requestID")?.stringValue ?? ""
        let body = kind == "TxnVoid" ? request : request.elements(forName: kind).first
        func error(_ code: Int, _ message: String) -> String {
            "<\(kind)Rs requestID=\"\(requestID)\" statusCode=\"\(code)\" statusSeverity=\"Error\" statusMessage=\"\(message)\"/>"
        }
        func ok(_ ret: String) -> String {
            "<\(kind)Rs requestID=\"\(requestID)\" statusCode=\"0\" statusSeverity=\"Info\" statusMessage=\"Status OK\">\(ret)</\(kind)Rs>"
        }
        guard let body else { return error(1000, "empty request") }
        func text(_ path: String) -> String? { (try? body.nodes(forXPath: path))?.first?.stringValue }
        func cents(_ value: String?) -> Int64 {
            let parts = (value ?? "0").split(separator: ".")
            let whole = Int64(parts.first ?? "0") ?? 0
            let fraction = parts.count > 1 ? Int64(parts[1].padding(toLength: 2, withPad: "0", startingAt: 0)) ?? 0 : 0
            return (value ?? "").hasPrefix("-") ? whole * 100 - fraction : whole * 100 + fraction
        }
        func linesTotal(_ element: String) -> Int64 {
            ((try? body.nodes(forXPath: "\(element)/Amount")) ?? []).reduce(0) { $0 + cents($1.stringValue) }
        }
        func missingItem(_ element: String) -> String? {
            ((try? body.nodes(forXPath: "\(element)/ItemRef/FullName")) ?? []).compactMap(\.stringValue)
                .first { !items.contains($0) && salesTaxRates[$0] == nil }
        }
        /// (computed, on sales tax item lines): round(Σ `Tax` lines × the ItemSalesTaxRef's rate), Σ sales tax item lines.
        func salesTax(_ element: String) -> (computed: Int64, lines: Int64) {
            let lines = ((try? body.nodes(forXPath: element)) ?? []).compactMap { $0 as? XMLElement }
            func amount(_ line: XMLElement) -> Int64 { cents(line.elements(forName: "Amount").first?.stringValue) }
            func item(_ line: XMLElement) -> String? { (try? line.nodes(forXPath: "ItemRef/FullName"))?.first?.stringValue }
            let taxable = lines.filter { (try? $0.nodes(forXPath: "SalesTaxCodeRef/FullName"))?.first?.stringValue?.lowercased() == "tax" }
                .reduce(0) { $0 + amount($1) }
            let onItems = lines.filter { item($0).map { salesTaxRates[$0] != nil } ?? false }.reduce(0) { $0 + amount($1) }
            let rate = text("ItemSalesTaxRef/FullName").flatMap { salesTaxRates[$0] } ?? "0"
            let parts = rate.split(separator: ".")
            let units = (Int64(parts.first ?? "0") ?? 0) * 100_000
                + (parts.count > 1 ? Int64(parts[1].padding(toLength: 5, withPad: "0", startingAt: 0)) ?? 0 : 0)
            let product = taxable * units
            let computed = (abs(product) + 5_000_000) / 10_000_000 * (product < 0 ? -1 : 1)
            return (computed, onItems)
        }
        switch kind {
        case "CustomerAdd", "ItemServiceAdd", "ItemNonInventoryAdd", "ItemDiscountAdd", "CustomerMsgAdd":
            let listName = text("Name") ?? ""
            let inUse = kind == "CustomerAdd" ? customers.contains(listName) : kind == "CustomerMsgAdd" ? messages.contains(listName) : items.contains(listName)
            if inUse { return error(3100, "The name &quot;\(listName)&quot; of the list element is already in use.") }
            let listID = newID("L")
            if kind == "CustomerAdd" { customerIDs[listName] = listID } else if kind == "CustomerMsgAdd" { messages.insert(listName) } else { items.insert(listName) }
            let ret = kind.replacingOccurrences(of: "Add", with: "Ret")
            return ok("<\(ret)><ListID>\(listID)</ListID><EditSequence>1</EditSequence><Name>\(listName)</Name></\(ret)>")
        case "CustomerMod":
            let listID = text("ListID") ?? ""
            guard let old = customerIDs.first(where: { $0.value == listID })?.key else {
                return error(3120, "Object &quot;\(listID)&quot; specified in the request cannot be found.")
            }
            let listName = text("Name") ?? old
            if listName != old, customers.contains(listName) { return error(3100, "The name &quot;\(listName)&quot; of the list element is already in use.") }
            customerIDs[old] = nil
            customerIDs[listName] = listID
            return ok("<CustomerRet><ListID>\(listID)</ListID><EditSequence>2</EditSequence><Name>\(listName)</Name></CustomerRet>")
        case "InvoiceAdd", "InvoiceMod":
            let customer = text("CustomerRef/FullName") ?? ""
            guard let customerID = customerIDs[customer] else {
                return error(3140, "There is an invalid reference to QuickBooks Customer &quot;\(customer)&quot; in the Invoice.")
            }
            let lineElement = kind == "InvoiceAdd" ? "InvoiceLineAdd" : "InvoiceLineMod"
            if let item = missingItem(lineElement) { return error(3140, "There is an invalid reference to QuickBooks Item &quot;\(item)&quot; in the Invoice line.") }
            if let taxItem = text("ItemSalesTaxRef/FullName"), salesTaxRates[taxItem] == nil {
                return error(3140, "There is an invalid reference to QuickBooks ItemSalesTax &quot;\(taxItem)&quot; in the Invoice.")
            }
            let tax = salesTax(lineElement)
            let total = linesTotal(lineElement) + tax.computed
            if kind == "InvoiceAdd" {
                let txnID = newID("T")
                let refNumber = text("RefNumber") ?? ""
                invoices[txnID] = Invoice(refNumber: refNumber, customerID: customerID, total: total, salesTax: tax.computed + tax.lines)
                addedRefNumbers.append(refNumber)
                if let macro = body.attribute(forName: "defMacro")?.stringValue { macros[macro] = txnID }
                return ok("<InvoiceRet><TxnID>\(txnID)</TxnID><EditSequence>1</EditSequence></InvoiceRet>")
            }
            let txnID = text("TxnID") ?? ""
            guard var invoice = invoices[txnID] else { return error(3120, "Object &quot;\(txnID)&quot; specified in the request cannot be found.") }
            guard text("EditSequence") == String(invoice.editSequence) else { return error(3200, "The provided edit sequence &quot;\(text("EditSequence") ?? "")&quot; is out-of-date.") }
            invoice.total = total
            invoice.salesTax = tax.computed + tax.lines
            invoice.customerID = customerID
            invoice.editSequence += 1
            invoices[txnID] = invoice
            return ok("<InvoiceRet><TxnID>\(txnID)</TxnID><EditSequence>\(invoice.editSequence)</EditSequence></InvoiceRet>")
        case "TxnVoid":
            let txnID = text("TxnID") ?? ""
            guard var invoice = invoices[txnID] else { return error(3120, "Object &quot;\(txnID)&quot; specified in the request cannot be found.") }
            invoice.voided = true
            invoice.total = 0
            invoice.salesTax = 0
            invoice.editSequence += 1
            invoices[txnID] = invoice
            return ok("<TxnVoidType>Invoice</TxnVoidType><TxnID>\(txnID)</TxnID>")
        case "ReceivePaymentAdd":
            let customer = text("CustomerRef/FullName") ?? ""
            guard let customerID = customerIDs[customer] else {
                return error(3140, "There is an invalid reference to QuickBooks Customer &quot;\(customer)&quot; in the Receive Payment.")
            }
            let applied = (try? body.nodes(forXPath: "AppliedToTxnAdd/TxnID"))?.first as? XMLElement
            let txnID: String
            if let macro = applied?.attribute(forName: "useMacro")?.stringValue {
                guard let known = macros[macro] else { return error(9100, "A macro-related error has occurred.") }
                txnID = known
            } else {
                txnID = applied?.stringValue ?? ""
            }
            guard var invoice = invoices[txnID] else { return error(3120, "Object &quot;\(txnID)&quot; specified in the request cannot be found.") }
            guard invoice.customerID == customerID else { return error(3180, "There was an error when saving a Receive Payment: the invoice is another customer's.") }
            let amount = cents(text("AppliedToTxnAdd/PaymentAmount"))
            guard invoice.paid + amount <= invoice.total else { return error(3210, "You cannot pay more than the amount due.") }
            invoice.paid += amount
            invoices[txnID] = invoice
            let paymentID = newID("P")
            payments[paymentID] = (txnID, amount)
            if let macro = body.attribute(forName: "defMacro")?.stringValue { macros[macro] = paymentID }
            return ok("<ReceivePaymentRet><TxnID>\(paymentID)</TxnID><EditSequence>1</EditSequence></ReceivePaymentRet>")
        case "CreditMemoAdd":
            let customer = text("CustomerRef/FullName") ?? ""
            guard let customerID = customerIDs[customer] else {
                return error(3140, "There is an invalid reference to QuickBooks Customer &quot;\(customer)&quot; in the Credit Memo.")
            }
            if let item = missingItem("CreditMemoLineAdd") { return error(3140, "There is an invalid reference to QuickBooks Item &quot;\(item)&quot; in the Credit Memo line.") }
            let txnID = newID("C")
            creditMemos[txnID] = (customerID, linesTotal("CreditMemoLineAdd"))
            if let macro = body.attribute(forName: "defMacro")?.stringValue { macros[macro] = txnID }
            return ok("<CreditMemoRet><TxnID>\(txnID)</TxnID><EditSequence>1</EditSequence></CreditMemoRet>")
        case "DepositAdd":
            var taken: [String] = []
            var total: Int64 = 0
            for line in (try? body.nodes(forXPath: "DepositLineAdd"))?.compactMap({ $0 as? XMLElement }) ?? [] {
                if let payment = line.elements(forName: "PaymentTxnID").first {
                    let txnID: String
                    if let macro = payment.attribute(forName: "useMacro")?.stringValue {
                        guard let known = macros[macro] else { return error(9100, "A macro-related error has occurred.") }
                        txnID = known
                    } else {
                        txnID = payment.stringValue ?? ""
                    }
                    guard let paid = payments[txnID] else { return error(3120, "Object &quot;\(txnID)&quot; specified in the request cannot be found.") }
                    taken.append(txnID)
                    total += paid.amount
                    continue
                }
                let entity = (try? line.nodes(forXPath: "EntityRef/FullName"))?.first?.stringValue
                if let entity, customerIDs[entity] == nil {
                    return error(3140, "There is an invalid reference to QuickBooks Customer &quot;\(entity)&quot; in the Deposit line.")
                }
                total += cents((try? line.nodes(forXPath: "Amount"))?.first?.stringValue)
            }
            let txnID = newID("D")
            deposits[txnID] = (taken, total)
            return ok("<DepositRet><TxnID>\(txnID)</TxnID><EditSequence>1</EditSequence></DepositRet>")
        default:
            return error(1030, "unsupported request \(name)")
        }
    }

    /// The name QuickBooks shows now for the customer of an invoice.
    func customerName(of invoice: Invoice) -> String? { customerIDs.first { $0.value == invoice.customerID }?.key }

    /// The invoice with a RefNumber, if QuickBooks holds exactly one.
    func invoice(refNumber: String) -> Invoice? {
        let matches = invoices.values.filter { $0.refNumber == refNumber }
        return matches.count == 1 ? matches[0] : nil
    }
}
