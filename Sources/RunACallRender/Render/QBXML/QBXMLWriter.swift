import Foundation
import RunACallDecide
import RunACallRead
import RunACallSupport

/// Writes qbXML 13.0 request documents for the QuickBooks Desktop SDK / Web
/// Connector: list adds first, then InvoiceAdd requests, each with a unique
/// requestID naming its source record, elements in the schema's order.
public final class QBXMLWriter: FormatWriter {
    public let format = OutputFormat.qbxml
    let edition: Edition
    /// Non-US: the SalesTaxCodeRef of a line Run a Call does not tax (`tax.non_taxable_code`); nil writes none.
    let nonTaxableCode: String?
    private let version: String
    private let parts: PartSeries
    private var customerUpdateRequestIDs: [String: String] = [:]
    private var itemRequestIDs: [String: String] = [:]
    /// The list requestIDs given so far, by their 64-bit hash (8 bytes each, however many customers).
    private var usedRequestIDs = Set<UInt64>()
    /// The one writer every request is rendered with, emptied by each `finish`: used in the sink only, and by `finish` once it is settled.
    let xml = XMLFragmentWriter()
    /// Where the requests are made and appended; the requestIDs and parts are given on the run's thread.
    let sink: RenderSink

    static let requestIDLimit = 50
    /// The schema's limits, from the one table (the mapper has already cut invoices' text to them).
    static let memoLimit = FieldLimits.table[.memo]?[.qbxml] ?? 4095
    static let customerMessageLimit = FieldLimits.table[.customerMessage]?[.qbxml] ?? 101
    static let referenceLimit = FieldLimits.table[.terms]?[.qbxml] ?? 31
    static let companyNameLimit = FieldLimits.table[.companyName]?[.qbxml] ?? 41
    static let phoneLimit = FieldLimits.table[.phone]?[.qbxml] ?? 21
    static let emailLimit = FieldLimits.table[.email]?[.qbxml] ?? 1023

    init(edition: Edition, nonTaxableCode: String?, version: String, splitEvery: Int, staging: URL, sink: RenderSink) throws {
        self.edition = edition
        self.sink = sink
        self.nonTaxableCode = nonTaxableCode
        self.version = version
        parts = PartSeries(folder: staging, prefix: "qbxml") { part, _ in splitEvery > 0 && part.transactions >= splitEvery }
        customers = try PartFile(url: staging.appendingPathComponent("qbxml-customers.part"))
    }

    /// The CustomerAddRq of each customer created, streamed; they go first in the first file.
    private let customers: PartFile

    public func add(_ customer: QBCustomer) throws -> OutputTarget {
        let id = requestID("req-cust", customer.sourceID ?? customer.name)
        try sink.run { [self] in
            customerRequest(customer, requestID: id, identity: nil)
            try customers.append(xml.finish())
        }
        return target(part: 1, anchor: id)
    }

    private func target(part: Int, anchor: String) -> OutputTarget {
        OutputTarget(format: .qbxml, base: "requests", fileExtension: "xml", part: part, anchor: anchor)
    }

    /// Where the CustomerMod of a customer an earlier batch created goes.
    public func target(forCustomerUpdate customer: QBCustomer) -> OutputTarget {
        let source = customer.sourceID ?? customer.name
        let id = customerUpdateRequestIDs[source] ?? requestID("req-custmod", source)
        customerUpdateRequestIDs[source] = id
        return target(part: 1, anchor: id)
    }

    public func target(forItem item: QBItem) -> OutputTarget {
        let id = itemRequestIDs[item.name] ?? requestID("req-item", item.sourceID ?? item.name)
        itemRequestIDs[item.name] = id
        return target(part: 1, anchor: id)
    }

    /// A unique requestID naming a list entry's source: `req-cust-c001`; an id with other
    /// characters, too long, or already used gets a short hash instead.
    private func requestID(_ prefix: String, _ source: String) -> String {
        var candidate = "\(prefix)-\(source)"
        if !Self.isPlain(source) || candidate.count > 40 || usedRequestIDs.contains(StableHash.value(candidate)) {
            let safe = Self.alphanumerics(of: source, upTo: 24)
            var salt = 0
            repeat {
                candidate = "\(prefix)-\(safe)-\(StableHash.hex(source + (salt == 0 ? "" : "#\(salt)")))"
                salt += 1
            } while usedRequestIDs.contains(StableHash.value(candidate))
        }
        usedRequestIDs.insert(StableHash.value(candidate))
        return candidate
    }

    /// The name of a transaction, the same wherever it is needed (its requestID
    /// `req-inv-1042`, its macro `TxnID:inv-1042`): the source id when it is short
    /// and plain, else a plain prefix and a 64-bit hash of it. Source ids are unique per kind.
    static func transactionName(_ kind: String, _ source: String) -> String {
        if isPlain(source) && source.count <= 40 { return "\(kind)-\(source)" }
        let hash = String(StableHash.value(source), radix: 16)
        return "\(kind)-\(alphanumerics(of: source, upTo: 16))-\(String(repeating: "0", count: 16 - hash.count))\(hash)"
    }

    /// The requestID of the request whose transaction defines `macro`: the writer names both after the
    /// transaction (`TxnID:inv-A` is defined by `req-inv-A`); nil for a macro of another form.
    public static func definer(ofMacro macro: String) -> String? {
        macro.hasPrefix("TxnID:") ? "req-\(macro.dropFirst("TxnID:".count))" : nil
    }

    /// Whether an id can stand in a requestID as it is: ASCII letters, digits, `.`, `_`, `-`.
    private static func isPlain(_ source: String) -> Bool {
        source.unicodeScalars.allSatisfy { isAlphanumeric($0) || "._-".unicodeScalars.contains($0) }
    }

    /// The first `limit` ASCII letters and digits of an id.
    private static func alphanumerics(of source: String, upTo limit: Int) -> String {
        String(source.unicodeScalars.filter(isAlphanumeric).prefix(limit).map(Character.init))
    }

    private static func isAlphanumeric(_ scalar: Unicode.Scalar) -> Bool {
        scalar.isASCII && (scalar.properties.isAlphabetic || ("0"..."9").contains(scalar))
    }

    /// A customer message's words with one space between them (most already have).
    private static func singleSpaced(_ text: String) -> String {
        if case .printable = ASCIIText.kind(of: text), text.utf8.first != 0x20,
           text.utf8.last != 0x20, !zip(text.utf8, text.utf8.dropFirst()).contains(where: { $0 == 0x20 && $1 == 0x20 }) {
            return text
        }
        return text.split(whereSeparator: { $0.isWhitespace }).joined(separator: " ")
    }

    private func text(_ value: String?, limit: Int = memoLimit) -> String? {
        value.map { QuickBooksText.prefix(QBXMLText.clean($0), limit) }
    }

    /// The suffix of the requestID of the CustomerMsgAdd written just before an invoice that uses a customer message.
    public static let messageRequestSuffix = "-msg"

    public func add(_ invoice: QBInvoice) throws -> [OutputTarget] {
        let name = Self.transactionName("inv", invoice.sourceID)
        return try invoiceRequest(invoice, requestID: "req-\(name)", element: "InvoiceAdd", macro: "TxnID:\(name)",
                                  identity: nil)
    }

    /// An InvoiceModRq that makes the QuickBooks invoice `txnID` what `invoice` says: every field
    /// written again and every line replaced (QuickBooks deletes the lines a mod does not list).
    public func update(_ invoice: QBInvoice, txnID: String, editSequence: String) throws -> [OutputTarget] {
        try invoiceRequest(invoice, requestID: "req-\(Self.transactionName("upd", invoice.sourceID))", element: "InvoiceMod",
                           macro: nil, identity: (txnID, editSequence))
    }

    /// A TxnVoidRq for the QuickBooks invoice `txnID`: it keeps its number with a 0.00 balance.
    public func void(invoiceID: String, txnID: String) throws -> [OutputTarget] {
        let requestID = "req-\(Self.transactionName("void", invoiceID))"
        return try append(anchor: requestID) { xml in
            xml.start("TxnVoidRq", ["requestID": requestID])
            xml.element("TxnVoidType", "Invoice")
            xml.element("TxnID", txnID)
            xml.end()
        }
    }

    /// InvoiceAdd and InvoiceMod share their elements' order; a mod starts with the
    /// invoice's TxnID and EditSequence and adds every line anew (`TxnLineID` -1).
    private func invoiceRequest(_ invoice: QBInvoice, requestID id: String, element: String, macro: String?,
                                identity: (txnID: String, editSequence: String)?) throws -> [OutputTarget] {
        try append(anchor: id) { [self] _ in writeInvoiceRequest(invoice, requestID: id, element: element, macro: macro, identity: identity) }
    }

    private func writeInvoiceRequest(_ invoice: QBInvoice, requestID id: String, element: String, macro: String?,
                                     identity: (txnID: String, editSequence: String)?) {
        let message = text(invoice.customerMessage.map(Self.singleSpaced), limit: Self.customerMessageLimit)
        if let message, !message.isEmpty {
            xml.start("CustomerMsgAddRq", ["requestID": "\(id)\(Self.messageRequestSuffix)"])
            xml.start("CustomerMsgAdd")
            xml.element("Name", message)
            xml.end()
            xml.end()
        }
        xml.start("\(element)Rq", ["requestID": id])
        if let macro { xml.start(element, ["defMacro": macro]) } else { xml.start(element) }
        if let identity {
            xml.element("TxnID", identity.txnID)
            xml.element("EditSequence", identity.editSequence)
        }
        xml.reference("CustomerRef", invoice.customer)
        xml.element("TxnDate", invoice.txnDate.description)
        xml.element("RefNumber", invoice.refNumber)
        let clearing = identity != nil
        address("BillAddress", invoice.billAddress, clearing: clearing)
        address("ShipAddress", invoice.shipAddress, clearing: clearing)
        xml.reference("TermsRef", text(invoice.terms, limit: Self.referenceLimit), clearing: clearing)
        xml.element("DueDate", invoice.dueDate?.description, clearing: clearing)
        if edition == .us { xml.reference("ItemSalesTaxRef", text(invoice.salesTax?.item, limit: Self.referenceLimit)) }
        xml.element("Memo", text(invoice.memo), clearing: clearing)
        xml.reference("CustomerMsgRef", message, clearing: clearing)
        let taxLine = edition == .us ? invoice.salesTax.flatMap { $0.asTaxLine ? $0 : nil } : nil
        let lineElement = identity == nil ? "InvoiceLineAdd" : "InvoiceLineMod"
        for line in invoice.lines {
            xml.start(lineElement)
            if identity != nil { xml.element("TxnLineID", "-1") }
            xml.reference("ItemRef", line.item)
            xml.element("Desc", text(line.description))
            xml.element("Quantity", line.quantity?.description)
            xml.element("Rate", line.rate?.formatted(minimumPlaces: 2))
            xml.element("Amount", line.amount.description)
            if edition != .us { xml.element("TaxAmount", line.taxAmount?.description) }
            let code = edition == .us ? (line.taxable && taxLine == nil ? "Tax" : "Non") : line.taxCode ?? nonTaxableCode
            xml.reference("SalesTaxCodeRef", code)
            if line.account != line.itemAccount { xml.reference("OverrideItemAccountRef", line.account) }
            xml.end()
        }
        if let taxLine { salesTaxLine(taxLine, element: lineElement, adding: identity == nil) }
        xml.end()
        xml.end()
    }

    /// Run a Call's exact tax as a line on the invoice's sales tax item, its `Amount` given so that QuickBooks
    /// computes nothing (Intuit's "taxes as line items"; the item's own rate applies only to `Tax` lines,
    /// which an invoice with this line has none of). No line when the tax is zero.
    private func salesTaxLine(_ tax: QBSalesTax, element: String, adding: Bool) {
        guard let item = tax.item, tax.amount != .zero else { return }
        xml.start(element)
        if !adding { xml.element("TxnLineID", "-1") }
        xml.reference("ItemRef", text(item, limit: Self.referenceLimit))
        xml.element("Desc", tax.chargedRatePercent.map { "Sales tax \($0)%" } ?? "Sales tax")
        xml.element("Amount", tax.amount.description)
        xml.end()
    }

    /// Places one request (or a few that belong together) in the current part; `write` writes it with `xml` in the sink.
    /// `weight`: what it holds while it waits (`RenderSink.run`).
    func append(anchor: String, weight: Int = 1, _ write: @escaping (XMLFragmentWriter) -> Void) throws -> [OutputTarget] {
        let number = parts.place()
        try sink.run(weight: weight) { [self, parts] in
            write(xml)
            try parts.append(xml.finish(), toPart: number)
        }
        return [target(part: number, anchor: anchor)]
    }

    /// An address; with `clearing` (a Mod) every part is written, empty when Run a Call has none, so QuickBooks clears it.
    private func address(_ name: String, _ address: Address?, clearing: Bool = false) {
        guard clearing || !(address?.isEmpty ?? true) else { return }
        let cut = DesktopAddress(address ?? Address()) { QBXMLText.clean(QuickBooksText.listName($0, desktop: true)) }
        xml.start(name)
        xml.element("Addr1", cut.line1, clearing: clearing)
        xml.element("Addr2", cut.line2, clearing: clearing)
        xml.element("City", cut.city, clearing: clearing)
        xml.element("State", cut.state, clearing: clearing)
        xml.element("PostalCode", cut.postalCode, clearing: clearing)
        xml.element("Country", cut.country, clearing: clearing)
        xml.end()
    }

    private func listRequests(_ lists: RunLists) -> Data {
        for (customer, listID, editSequence) in lists.customerUpdates {
            customerRequest(customer, requestID: target(forCustomerUpdate: customer).anchor ?? "", identity: (listID, editSequence))
        }
        for item in lists.items {
            let requestID = target(forItem: item).anchor ?? ""
            switch item.kind {
            case .discount:
                xml.start("ItemDiscountAddRq", ["requestID": requestID])
                xml.start("ItemDiscountAdd")
                xml.element("Name", item.name)
                xml.element("ItemDesc", text(item.description))
                if edition == .us { xml.reference("SalesTaxCodeRef", "Non") }
                xml.reference("AccountRef", item.account)
            case .service, .nonInventory:
                let kind = item.kind == .service ? "ItemService" : "ItemNonInventory"
                xml.start("\(kind)AddRq", ["requestID": requestID])
                xml.start("\(kind)Add")
                xml.element("Name", item.name)
                if edition == .us { xml.reference("SalesTaxCodeRef", item.taxable ? "Tax" : "Non") }
                xml.start("SalesOrPurchase")
                xml.element("Desc", text(item.description))
                xml.element("Price", item.price?.formatted(minimumPlaces: 2))
                xml.reference("AccountRef", item.account)
                xml.end()
            }
            xml.end()
            xml.end()
        }
        return xml.finish()
    }

    /// Writes a CustomerAddRq, or with `identity` a CustomerModRq (same elements, after the ListID and EditSequence).
    private func customerRequest(_ customer: QBCustomer, requestID: String, identity: (listID: String, editSequence: String)?) {
        let element = identity == nil ? "CustomerAdd" : "CustomerMod"
        xml.start("\(element)Rq", ["requestID": requestID])
        xml.start(element)
        if let identity {
            xml.element("ListID", identity.listID)
            xml.element("EditSequence", identity.editSequence)
        }
        xml.element("Name", customer.name)
        xml.element("CompanyName", text(customer.company.map { QuickBooksText.listName($0, desktop: true) }, limit: Self.companyNameLimit))
        address("BillAddress", customer.billAddress)
        address("ShipAddress", customer.shipAddress)
        xml.element("Phone", text(customer.phone.map { QuickBooksText.listName($0, desktop: true) }, limit: Self.phoneLimit))
        xml.element("Email", text(customer.email.map { QuickBooksText.listName($0, desktop: true) }, limit: Self.emailLimit))
        xml.end()
        xml.end()
    }

    public func finish(lists: RunLists, into folder: URL) throws -> (files: [String], parts: [String: Int]) {
        try sink.settle()
        let count = parts.count
        var files: [String] = []
        let (opening, closing) = Self.document(version: version)
        for number in 1...count {
            let relative = OutputTarget(format: .qbxml, base: "requests", fileExtension: "xml", part: number).path(parts: count)
            let url = folder.appendingPathComponent(relative)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try FileManager.default.createFile(at: url, contents: Data(opening.utf8))
            let output = try FileHandle(forWritingTo: url)
            defer { try? output.close() }
            try output.seekToEnd()
            if number == 1 {
                try customers.copy(to: output)
                try output.write(contentsOf: listRequests(lists))
            }
            if parts.parts.indices.contains(number - 1) { try parts.parts[number - 1].copy(to: output) }
            try output.write(contentsOf: Data(closing.utf8))
            files.append(relative)
        }
        return (files, [OutputTarget(format: .qbxml, base: "requests", fileExtension: "xml").fileKey: count])
    }
}

extension QBXMLWriter {
    /// The text before and after the requests of a qbXML request document.
    public static func document(version: String) -> (opening: String, closing: String) {
        let opening = """
        <?xml version="1.0" encoding="utf-8"?>
        <?qbxml version="\(version)"?>
        <QBXML>
          <QBXMLMsgsRq onError="continueOnError">

        """
        return (opening, "  </QBXMLMsgsRq>\n</QBXML>\n")
    }
}

/// Text qbXML can carry: Desktop-safe characters, no XML-illegal controls.
public enum QBXMLText {
    public static func clean(_ text: String) -> String {
        if case .printable = ASCIIText.kind(of: text), text.utf8.first != 0x20, text.utf8.last != 0x20 { return text }
        return cleaned.value(for: text, carried)
    }

    /// Recent results of `clean` for text that needs cleaning.
    private static let cleaned = TextMemo()

    private static func carried(_ text: String) -> String {
        var result = String.UnicodeScalarView()
        for scalar in QuickBooksText.desktop(text).unicodeScalars {
            if scalar.value < 0x20 && scalar != "\n" && scalar != "\t" { continue }
            if scalar == "\r" { continue }
            result.append(scalar)
        }
        return String(result).trimmingCharacters(in: .whitespaces)
    }
}
