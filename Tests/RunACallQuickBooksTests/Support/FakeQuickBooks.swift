import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
@testable import RunACallQuickBooks
@testable import RunACallSupport
@testable import RunACallRead
@testable import RunACallDecide

/// A small stand-in for QuickBooks Desktop behind the Web Connector: it runs
/// the requests of a qbXML file in order (onError continue), keeps customers,
/// items, invoices, payments, credit memos and deposits, posts each to its
/// double-entry `books`, and answers the way QuickBooks does (TxnID,
/// ListID, EditSequence; CustomerMod renames, and a transaction names a
/// customer by its name now; 3100 for a name in use, 3140 for a missing
/// reference, 3120 for an unknown TxnID or ListID, 3200 for a stale edit
/// sequence, 3210 for paying more than is open, 3180 for a payment applied to
/// another customer's invoice, 9100 for an unknown macro). It answers the
/// queries the Web Connector asks about requests in doubt as QuickBooks does:
/// by RefNumber (status 1 when none), by FullName (500 when none), and
/// payments, credit memos and deposits with their memos.
/// US sales tax is computed as QuickBooks does: Σ taxable lines × the rate of the
/// invoice's `ItemSalesTaxRef` in `salesTaxRates`, rounded to cents; a line on a
/// sales tax item posts its amount to Sales Tax Payable.
final class FakeQuickBooks {
    struct Invoice {
        var refNumber: String
        var customer: String
        /// Σ lines + sales tax, in cents.
        var total: Int64
        /// The invoice's sales tax, in cents: what QuickBooks computed plus the sales tax item lines.
        var salesTax: Int64 = 0
        var paid: Int64 = 0
        var editSequence = 1
        var voided = false
        /// The memo (internal notes); empty when none was written or a mod cleared it.
        var memo = ""
    }

    private(set) var customers = Set<String>()
    private(set) var items = Set<String>()
    private var messages = Set<String>()
    private(set) var invoices: [String: Invoice] = [:]
    /// Every RefNumber an InvoiceAdd was given, in order (duplicates kept, to be found).
    private(set) var addedRefNumbers: [String] = []
    private var payments: [String: (invoice: String, amount: Int64, memo: String)] = [:]
    /// Credit memos by TxnID: the customer and amount in cents.
    private(set) var creditMemos: [String: (customer: String, amount: Int64)] = [:]
    private var macros: [String: String] = [:]
    /// Requests done, by kind (`InvoiceMod`, `TxnVoid`, `ReceivePaymentAdd by TxnID`…), to show what a test exercised.
    private(set) var done: [String: Int] = [:]
    private var nextID = 1
    /// The general ledger every transaction posts to.
    let books = StandInBooks()
    /// The company's sales tax items and their rates (percent, as QuickBooks shows them: "8.85").
    private let salesTaxRates: [String: String]
    /// Item → the account its lines post to, from the item requests (else `Income`).
    private var itemAccounts: [String: String] = [:]
    private var customerListIDs: [String: String] = [:]
    /// Payment TxnID → what it holds in Undeposited Funds, until a deposit takes it out.
    private(set) var undeposited: [String: (memo: String, customer: String, amount: Int64)] = [:]
    /// Deposit memo (`Stripe payout po_…`) → its total into the bank.
    private(set) var deposits: [String: Int64] = [:]
    /// Deposit memo → the TxnIDs of the deposits with that memo, in order (two would be a duplicate).
    private(set) var depositIDs: [String: [String]] = [:]
    private var creditMemoMemos: [String: String] = [:]
    private var itemListIDs: [String: String] = [:]
    /// Customers a CustomerMod changed (their EditSequence is 2).
    private var modifiedCustomers = Set<String>()

    init(salesTaxRates: [String: String] = [:]) {
        self.salesTaxRates = salesTaxRates
    }

    /// A name as XML text (QuickBooks escapes what it answers).
    private static func escaped(_ text: String) -> String {
        text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;").replacingOccurrences(of: ">", with: "&gt;")
    }

    private func newID(_ prefix: String) -> String {
        defer { nextID += 1 }
        return "\(prefix)-\(nextID)"
    }

    /// Runs a request file and returns the response document.
    func process(requests url: URL) throws -> String {
        let document = try TestXML.document(contentsOf: url)
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
        let body = kind == "TxnVoid" || kind.hasSuffix("Query") ? request : request.elements(forName: kind).first
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
        func missingItem(_ element: String) -> String? {
            ((try? body.nodes(forXPath: "\(element)/ItemRef/FullName")) ?? []).compactMap(\.stringValue).first { !items.contains($0) && salesTaxRates[$0] == nil }
        }
        switch kind {
        case "CustomerAdd", "ItemServiceAdd", "ItemNonInventoryAdd", "ItemDiscountAdd", "CustomerMsgAdd":
            let listName = text("Name") ?? ""
            let inUse = kind == "CustomerAdd" ? customers.contains(listName) : kind == "CustomerMsgAdd" ? messages.contains(listName) : items.contains(listName)
            if inUse { return error(3100, "The name &quot;\(listName)&quot; of the list element is already in use.") }
            if kind == "CustomerAdd" { customers.insert(listName) } else if kind == "CustomerMsgAdd" { messages.insert(listName) } else { items.insert(listName) }
            if let account = text("SalesOrPurchase/AccountRef/FullName") ?? text("AccountRef/FullName") { itemAccounts[listName] = account }
            let ret = kind.replacingOccurrences(of: "Add", with: "Ret")
            let listID = newID("L")
            if kind == "CustomerAdd" { customerListIDs[listID] = listName } else if kind != "CustomerMsgAdd" { itemListIDs[listName] = listID }
            return ok("<\(ret)><ListID>\(listID)</ListID><EditSequence>1</EditSequence><Name>\(Self.escaped(listName))</Name></\(ret)>")
        case "CustomerMod":
            let listID = text("ListID") ?? ""
            guard let old = customerListIDs[listID] else { return error(3120, "Object &quot;\(listID)&quot; specified in the request cannot be found.") }
            let listName = text("Name") ?? old
            if listName != old {
                guard !customers.contains(listName) else { return error(3100, "The name &quot;\(listName)&quot; of the list element is already in use.") }
                customers.remove(old)
                customers.insert(listName)
                customerListIDs[listID] = listName
                books.rename(old, to: listName)
                for (txnID, invoice) in invoices where invoice.customer == old { invoices[txnID]?.customer = listName }
            }
            modifiedCustomers.insert(listID)
            return ok("<CustomerRet><ListID>\(listID)</ListID><EditSequence>2</EditSequence><Name>\(Self.escaped(listName))</Name></CustomerRet>")
        case "InvoiceAdd", "InvoiceMod":
            let customer = text("CustomerRef/FullName") ?? ""
            guard customers.contains(customer) else { return error(3140, "There is an invalid reference to QuickBooks Customer &quot;\(customer)&quot; in the Invoice.") }
            let lineElement = kind == "InvoiceAdd" ? "InvoiceLineAdd" : "InvoiceLineMod"
            if let item = missingItem(lineElement) { return error(3140, "There is an invalid reference to QuickBooks Item &quot;\(item)&quot; in the Invoice line.") }
            let taxItem = text("ItemSalesTaxRef/FullName")
            if let taxItem, salesTaxRates[taxItem] == nil {
                return error(3140, "There is an invalid reference to QuickBooks Item Sales Tax &quot;\(taxItem)&quot; in the Invoice.")
            }
            let postings = invoicePostings(body, lines: lineElement, customer: customer, taxItem: taxItem)
            let total = postings.first { $0.account == StandInBooks.receivable }?.cents ?? 0
            let salesTax = -postings.filter { $0.account == StandInBooks.salesTax }.reduce(0) { $0 + $1.cents }
            if kind == "InvoiceAdd" {
                let txnID = newID("T")
                do { try books.post(txnID, postings) } catch let refusal { return error(3000, "\(refusal)") }
                let refNumber = text("RefNumber") ?? ""
                invoices[txnID] = Invoice(refNumber: refNumber, customer: customer, total: total, salesTax: salesTax,
                                          memo: text("Memo") ?? "")
                addedRefNumbers.append(refNumber)
                if let macro = body.attribute(forName: "defMacro")?.stringValue { macros[macro] = txnID }
                return ok("<InvoiceRet><TxnID>\(txnID)</TxnID><EditSequence>1</EditSequence></InvoiceRet>")
            }
            let txnID = text("TxnID") ?? ""
            guard var invoice = invoices[txnID] else { return error(3120, "Object &quot;\(txnID)&quot; specified in the request cannot be found.") }
            guard text("EditSequence") == String(invoice.editSequence) else { return error(3200, "The provided edit sequence &quot;\(text("EditSequence") ?? "")&quot; is out-of-date.") }
            do { try books.post(txnID, postings) } catch let refusal { return error(3000, "\(refusal)") }
            invoice.total = total
            invoice.salesTax = salesTax
            invoice.customer = customer
            invoice.memo = text("Memo") ?? invoice.memo
            invoice.editSequence += 1
            invoices[txnID] = invoice
            return ok("<InvoiceRet><TxnID>\(txnID)</TxnID><EditSequence>\(invoice.editSequence)</EditSequence></InvoiceRet>")
        case "TxnVoid":
            let txnID = text("TxnID") ?? ""
            guard var invoice = invoices[txnID] else { return error(3120, "Object &quot;\(txnID)&quot; specified in the request cannot be found.") }
            invoice.voided = true
            invoice.total = 0
            books.void(txnID)
            invoice.editSequence += 1
            invoices[txnID] = invoice
            return ok("<TxnVoidType>Invoice</TxnVoidType><TxnID>\(txnID)</TxnID>")
        case "ReceivePaymentAdd":
            let applied = (try? body.nodes(forXPath: "AppliedToTxnAdd/TxnID"))?.first as? XMLElement
            let txnID: String
            if let macro = applied?.attribute(forName: "useMacro")?.stringValue {
                guard let known = macros[macro] else { return error(9100, "A macro-related error has occurred.") }
                txnID = known
            } else {
                txnID = applied?.stringValue ?? ""
            }
            let customer = text("CustomerRef/FullName") ?? ""
            guard customers.contains(customer) else { return error(3140, "There is an invalid reference to QuickBooks Customer &quot;\(customer)&quot; in the Receive Payment.") }
            guard var invoice = invoices[txnID] else { return error(3120, "Object &quot;\(txnID)&quot; specified in the request cannot be found.") }
            guard invoice.customer == customer else { return error(3180, "There was an error when saving a Receive Payment: the invoice is another customer's.") }
            let amount = cents(text("AppliedToTxnAdd/PaymentAmount"))
            guard invoice.paid + amount <= invoice.total else { return error(3210, "You cannot pay more than the amount due.") }
            let account = text("DepositToAccountRef/FullName") ?? StandInBooks.undeposited
            let paymentID = newID("P")
            do {
                try books.post(paymentID, [.init(account: account, name: customer, cents: amount),
                                           .init(account: StandInBooks.receivable, name: customer, cents: -amount)])
            } catch let refusal { return error(3000, "\(refusal)") }
            invoice.paid += amount
            invoices[txnID] = invoice
            payments[paymentID] = (txnID, amount, text("Memo") ?? "")
            if account == StandInBooks.undeposited { undeposited[paymentID] = (text("Memo") ?? "", customer, amount) }
            if let macro = body.attribute(forName: "defMacro")?.stringValue { macros[macro] = paymentID }
            return ok("<ReceivePaymentRet><TxnID>\(paymentID)</TxnID><EditSequence>1</EditSequence></ReceivePaymentRet>")
        case "CreditMemoAdd":
            let customer = text("CustomerRef/FullName") ?? ""
            guard customers.contains(customer) else { return error(3140, "There is an invalid reference to QuickBooks Customer &quot;\(customer)&quot; in the Credit Memo.") }
            if let item = missingItem("CreditMemoLineAdd") { return error(3140, "There is an invalid reference to QuickBooks Item &quot;\(item)&quot; in the Credit Memo line.") }
            let lines = lineAmounts(body, "CreditMemoLineAdd")
            let txnID = newID("C")
            do {
                try books.post(txnID, lines.map { .init(account: $0.account, name: nil, cents: $0.amount) }
                               + [.init(account: StandInBooks.receivable, name: customer, cents: -lines.reduce(0) { $0 + $1.amount })])
            } catch let refusal { return error(3000, "\(refusal)") }
            creditMemos[txnID] = (customer, lines.reduce(0) { $0 + $1.amount })
            creditMemoMemos[txnID] = text("Memo") ?? ""
            if let macro = body.attribute(forName: "defMacro")?.stringValue { macros[macro] = txnID }
            return ok("<CreditMemoRet><TxnID>\(txnID)</TxnID><EditSequence>1</EditSequence></CreditMemoRet>")
        case "DepositAdd":
            let bank = text("DepositToAccountRef/FullName") ?? ""
            var postings: [StandInBooks.Posting] = []
            var taken: [String] = []
            for line in body.elements(forName: "DepositLineAdd") {
                if let payment = line.elements(forName: "PaymentTxnID").first {
                    let paymentID: String
                    if let macro = payment.attribute(forName: "useMacro")?.stringValue {
                        guard let known = macros[macro] else { return error(9100, "A macro-related error has occurred.") }
                        paymentID = known
                    } else {
                        paymentID = payment.stringValue ?? ""
                    }
                    guard let held = undeposited[paymentID], !taken.contains(paymentID) else {
                        return error(3120, "Object &quot;\(paymentID)&quot; specified in the request cannot be found in Undeposited Funds.")
                    }
                    taken.append(paymentID)
                    postings.append(.init(account: StandInBooks.undeposited, name: held.customer, cents: -held.amount))
                } else {
                    func lineText(_ path: String) -> String? { (try? line.nodes(forXPath: path))?.first?.stringValue }
                    if let entity = lineText("EntityRef/FullName"), !customers.contains(entity) {
                        return error(3140, "There is an invalid reference to QuickBooks Customer &quot;\(entity)&quot; in the Deposit line.")
                    }
                    postings.append(.init(account: lineText("AccountRef/FullName") ?? "", name: lineText("EntityRef/FullName"),
                                          cents: -cents(lineText("Amount"))))
                }
            }
            let total = -postings.reduce(0) { $0 + $1.cents }
            let txnID = newID("D")
            do { try books.post(txnID, postings + [.init(account: bank, name: nil, cents: total)]) } catch let refusal { return error(3000, "\(refusal)") }
            for paymentID in taken { undeposited[paymentID] = nil }
            deposits[text("Memo") ?? txnID, default: 0] += total
            depositIDs[text("Memo") ?? txnID, default: []].append(txnID)
            return ok("<DepositRet><TxnID>\(txnID)</TxnID><EditSequence>1</EditSequence></DepositRet>")
        case "InvoiceQuery", "CustomerQuery", "ItemQuery", "ReceivePaymentQuery", "CreditMemoQuery", "DepositQuery":
            return query(kind, request, requestID: requestID)
        default:
            return error(1030, "unsupported request \(name)")
        }
    }

    /// Each line's account (its OverrideItemAccountRef, else its item's) and amount in cents.
    private func lineAmounts(_ body: XMLElement, _ element: String) -> [(account: String, amount: Int64, taxable: Bool, item: String)] {
        body.elements(forName: element).map { line in
            func lineText(_ path: String) -> String? { (try? line.nodes(forXPath: path))?.first?.stringValue }
            let item = lineText("ItemRef/FullName") ?? ""
            let account = lineText("OverrideItemAccountRef/FullName") ?? itemAccounts[item] ?? "Income"
            return (account, Money(parsing: lineText("Amount") ?? "0")?.cents ?? 0, lineText("SalesTaxCodeRef/FullName") == "Tax", item)
        }
    }

    /// An invoice's postings: each line credits its account (a sales tax item's line, Sales Tax Payable), the
    /// tax QuickBooks computes credits Sales Tax Payable, and the customer's receivable takes the total.
    private func invoicePostings(_ body: XMLElement, lines element: String, customer: String, taxItem: String?) -> [StandInBooks.Posting] {
        let lines = lineAmounts(body, element)
        var postings = lines.map { line in
            StandInBooks.Posting(account: salesTaxRates[line.item] == nil ? line.account : StandInBooks.salesTax, name: nil, cents: -line.amount)
        }
        if let taxItem, let rate = salesTaxRates[taxItem].flatMap({ ExactDecimal(parsing: $0, maxPlaces: 5) }) {
            let taxable = Money(cents: lines.filter { $0.taxable && salesTaxRates[$0.item] == nil }.reduce(0) { $0 + $1.amount })
            postings.append(.init(account: StandInBooks.salesTax, name: nil, cents: -QBSalesTax.tax(on: taxable, atPercent: rate).cents))
        }
        postings.append(.init(account: StandInBooks.receivable, name: customer, cents: -postings.reduce(0) { $0 + $1.cents }))
        return postings
    }

    /// A query's answer: the records found, status 1 for none by a filter, 500 for a FullName not found.
    private func query(_ kind: String, _ request: XMLElement, requestID: String) -> String {
        func text(_ path: String) -> String? { (try? request.nodes(forXPath: path))?.first?.stringValue }
        var found: [String] = []
        switch kind {
        case "InvoiceQuery":
            let ref = text("RefNumber"), wanted = text("TxnID")
            if let wanted, invoices[wanted] == nil {
                return "<\(kind)Rs requestID=\"\(requestID)\" statusCode=\"500\" statusSeverity=\"Warn\" statusMessage=\"The query request has not been fully completed. There was a required element (&quot;\(wanted)&quot;) that could not be found in QuickBooks.\"/>"
            }
            for (txnID, invoice) in invoices.sorted(by: { $0.key < $1.key }) where (ref == nil || invoice.refNumber == ref) && (wanted == nil || txnID == wanted) {
                found.append("<InvoiceRet><TxnID>\(txnID)</TxnID><EditSequence>\(invoice.editSequence)</EditSequence><RefNumber>\(invoice.refNumber)</RefNumber></InvoiceRet>")
            }
        case "CustomerQuery", "ItemQuery":
            let byListID = text("ListID").flatMap { id in customerListIDs[id].map { (id, $0) } }
            let name = byListID?.1 ?? text("FullName") ?? text("ListID") ?? ""
            let listID = kind == "CustomerQuery" ? byListID?.0 ?? customerListIDs.first { $0.value == name }?.key : itemListIDs[name]
            guard let listID else {
                return "<\(kind)Rs requestID=\"\(requestID)\" statusCode=\"500\" statusSeverity=\"Warn\" statusMessage=\"The query request has not been fully completed. There was a required element (&quot;\(name)&quot;) that could not be found in QuickBooks.\"/>"
            }
            let ret = kind == "CustomerQuery" ? "CustomerRet" : "ItemServiceRet"
            let editSequence = modifiedCustomers.contains(listID) ? 2 : 1
            found.append("<\(ret)><ListID>\(listID)</ListID><EditSequence>\(editSequence)</EditSequence><FullName>\(name)</FullName></\(ret)>")
        case "ReceivePaymentQuery":
            for (txnID, payment) in payments.sorted(by: { $0.key < $1.key }) {
                found.append("<ReceivePaymentRet><TxnID>\(txnID)</TxnID><EditSequence>1</EditSequence><Memo>\(payment.memo)</Memo></ReceivePaymentRet>")
            }
        case "CreditMemoQuery":
            for (txnID, memo) in creditMemoMemos.sorted(by: { $0.key < $1.key }) {
                found.append("<CreditMemoRet><TxnID>\(txnID)</TxnID><EditSequence>1</EditSequence><Memo>\(memo)</Memo></CreditMemoRet>")
            }
        default:
            for (memo, ids) in depositIDs.sorted(by: { $0.key < $1.key }) {
                for txnID in ids { found.append("<DepositRet><TxnID>\(txnID)</TxnID><EditSequence>1</EditSequence><Memo>\(memo)</Memo></DepositRet>") }
            }
        }
        guard !found.isEmpty else {
            return "<\(kind)Rs requestID=\"\(requestID)\" statusCode=\"1\" statusSeverity=\"Info\" statusMessage=\"A query request did not find a matching object in QuickBooks\"/>"
        }
        return "<\(kind)Rs requestID=\"\(requestID)\" statusCode=\"0\" statusSeverity=\"Info\" statusMessage=\"Status OK\">\(found.joined())</\(kind)Rs>"
    }

    /// The invoice with a RefNumber, if QuickBooks holds exactly one.
    func invoice(refNumber: String) -> Invoice? {
        let matches = invoices.values.filter { $0.refNumber == refNumber }
        return matches.count == 1 ? matches[0] : nil
    }
}
