import Foundation
import RunACallDecide
import RunACallRead
import RunACallSupport

/// Writes QuickBooks Desktop IIF: lists (accounts, items, customers) first,
/// then INVOICE transactions as TRNS/SPL/ENDTRNS with Intuit's sign rules
/// (debits positive, credits negative), each balancing to zero.
final class IIFWriter: FormatWriter {
    let format = OutputFormat.iif
    let edition: Edition
    /// Non-US: the TAXCODE of a line Run a Call does not tax (`tax.non_taxable_code`); nil leaves it empty.
    let nonTaxableCode: String?
    /// US: the tax agency AUTOSTAX lines name (`tax.agency`); nil leaves NAME empty.
    let taxAgency: String?
    private let parts: PartSeries
    /// The CUST rows of the customers created, header first, streamed.
    private let customers: PartFile
    /// Where the rows are made and appended.
    let sink: RenderSink

    static let transactionColumns = [
        "TRNSID", "TRNSTYPE", "DATE", "ACCNT", "NAME", "AMOUNT", "DOCNUM", "MEMO", "CLEAR", "TOPRINT",
        "NAMEISTAXABLE", "ADDR1", "ADDR2", "ADDR3", "ADDR4", "ADDR5", "DUEDATE", "TERMS", "PAID", "INVMEMO",
        "SADDR1", "SADDR2", "SADDR3", "SADDR4", "SADDR5", "TOSEND", "PAYMETH",
    ]
    static let splitColumns = [
        "SPLID", "TRNSTYPE", "DATE", "ACCNT", "NAME", "AMOUNT", "DOCNUM", "MEMO", "CLEAR", "QNTY", "PRICE",
        "INVITEM", "TAXABLE", "EXTRA",
    ]
    static let accountColumns = ["NAME", "ACCNTTYPE", "EXTRA"]
    static let itemColumns = ["NAME", "INVITEMTYPE", "DESC", "ACCNT", "PRICE", "TAXABLE", "TAXVEND"]
    static let vendorColumns = ["NAME", "ADDR1"]
    static let customerColumns = [
        "NAME", "BADDR1", "BADDR2", "BADDR3", "BADDR4", "BADDR5", "SADDR1", "SADDR2", "SADDR3", "SADDR4", "SADDR5",
        "PHONE1", "EMAIL", "COMPANYNAME",
    ]

    init(edition: Edition, nonTaxableCode: String?, taxAgency: String?, splitEvery: Int, staging: URL, sink: RenderSink) throws {
        self.edition = edition
        self.sink = sink
        self.nonTaxableCode = nonTaxableCode
        self.taxAgency = taxAgency
        parts = PartSeries(folder: staging, prefix: "iif") { part, _ in splitEvery > 0 && part.transactions >= splitEvery }
        customers = try PartFile(url: staging.appendingPathComponent("iif-customers.part"))
    }

    func add(_ customer: QBCustomer) throws -> OutputTarget {
        try sink.run { [self] in
            if customers.transactions == 0 { try customers.append(header("CUST", Self.customerColumns)) }
            try customers.append(IIFEncoding.row(["CUST", IIFEncoding.cell(customer.name)] + Self.freeLines(customer.billAddress)
                + Self.freeLines(customer.shipAddress) + [IIFEncoding.cell(customer.phone), IIFEncoding.cell(customer.email), IIFEncoding.cell(customer.company)]))
        }
        return fileTarget(part: 1)
    }

    private var splitColumns: [String] { edition == .us ? Self.splitColumns : Self.splitColumns + ["TAXCODE"] }

    func target(forItem item: QBItem) -> OutputTarget { fileTarget(part: 1) }

    private func fileTarget(part: Int) -> OutputTarget {
        OutputTarget(format: .iif, base: "quickbooks", fileExtension: "iif", part: part)
    }

    /// Places one whole transaction in the current part; `rows` makes it in the sink, appended once it is known to balance.
    /// `weight`: what it holds while it waits (`RenderSink.run`).
    func append(weight: Int = 1, _ rows: @escaping () -> IIFRows) throws -> [OutputTarget] {
        let number = parts.place()
        try sink.run(weight: weight) { [parts] in
            let bytes = rows().bytes
            try IIFBalance.check(bytes)
            try parts.append(bytes, toPart: number)
        }
        return [fileTarget(part: number)]
    }

    /// The five free lines of an address, empty when there is none.
    private static func freeLines(_ address: Address?) -> [String] {
        address.map { DesktopAddress($0, clean: IIFEncoding.cell).freeLines } ?? blankLines
    }

    private static let blankLines = Array(repeating: "", count: 5)

    func add(_ invoice: QBInvoice) throws -> [OutputTarget] {
        try append { [self] in rows(of: invoice) }
    }

    private func rows(of invoice: QBInvoice) -> IIFRows {
        var rows = IIFRows()
        let date = invoice.txnDate.usSlashed
        let reference = invoice.refNumber ?? ""
        rows.cells(["TRNS", "", "INVOICE", date, QBInvoice.receivableAccount, IIFEncoding.cell(invoice.customer)])
        rows.cell(invoice.total)
        rows.cells([reference, IIFEncoding.cell(invoice.memo), "N", "N", invoice.lines.contains { $0.taxable } ? "Y" : "N"])
        rows.cells(Self.freeLines(invoice.billAddress))
        rows.cells([invoice.dueDate?.usSlashed ?? "", IIFEncoding.cell(invoice.terms), "N", IIFEncoding.cell(invoice.customerMessage)])
        rows.cells(Self.freeLines(invoice.shipAddress))
        rows.row(["N", ""])
        for line in invoice.lines {
            rows.cells(["SPL", "", "INVOICE", date, IIFEncoding.cell(line.account), ""])
            rows.cell(-line.amount)
            rows.cells(["", IIFEncoding.cell(line.description), "N"])
            switch line.kind {
            case .sale:
                rows.cells([line.quantity.map { (-$0).description } ?? "", line.rate?.formatted(minimumPlaces: 2) ?? ""])
            case .discount:
                rows.cell("")
                if invoice.isVoid { rows.cell("") } else { rows.cell(line.amount) }
            }
            rows.cells([IIFEncoding.cell(line.item), line.taxable ? "Y" : "N", ""])
            if edition != .us { rows.cell(IIFEncoding.cell(line.taxCode ?? nonTaxableCode)) }
            rows.endRow()
        }
        taxRows(invoice, date: date, reference: reference, into: &rows)
        rows.row(["ENDTRNS"])
        return rows
    }

    /// The AUTOSTAX line's agency, item and rate: the invoice's sales tax item, or the 0% item when it charges none.
    func autoTax(item: String?, ratePercent: ExactDecimal?) -> (agency: String, item: String, rate: String) {
        let rate = item == nil ? ExactDecimal.zero : ratePercent
        return (IIFEncoding.cell(taxAgency), IIFEncoding.cell(item ?? QBSalesTaxItem.untaxedName),
                rate.map { "\($0.formatted(minimumPlaces: 2))%" } ?? "")
    }

    /// US: the AUTOSTAX line, always last, even at 0.00, naming the agency and a sales tax item.
    /// Other editions: one line per tax code.
    private func taxRows(_ invoice: QBInvoice, date: String, reference: String, into rows: inout IIFRows) {
        if let tax = invoice.salesTax {
            let auto = autoTax(item: tax.item, ratePercent: tax.ratePercent)
            rows.cells(["SPL", "", "INVOICE", date, QBInvoice.salesTaxAccount, auto.agency])
            rows.cell(-tax.amount)
            rows.cells([reference, "", "N", "", auto.rate, auto.item, "N", "AUTOSTAX"])
            if edition != .us { rows.cell("") }
            rows.endRow()
            return
        }
        var byCode: [(code: String, amount: Money)] = []
        for line in invoice.lines {
            guard let code = line.taxCode, let amount = line.taxAmount else { continue }
            if let index = byCode.firstIndex(where: { $0.code == code }) { byCode[index].amount = byCode[index].amount + amount }
            else { byCode.append((code, amount)) }
        }
        for (code, amount) in byCode {
            rows.cells(["SPL", "", "INVOICE", date, QBInvoice.salesTaxAccount, ""])
            rows.cell(-amount)
            rows.row([reference, IIFEncoding.cell("Tax \(code)"), "N", "", "", "", "N", "", IIFEncoding.cell(code)])
        }
    }

    func finish(lists: RunLists, into folder: URL) throws -> (files: [String], parts: [String: Int]) {
        try sink.settle()
        let count = parts.count
        var files: [String] = []
        for number in 1...count {
            let relative = fileTarget(part: number).path(parts: count)
            let url = folder.appendingPathComponent(relative)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try FileManager.default.createFile(at: url)
            let output = try FileHandle(forWritingTo: url)
            defer { try? output.close() }
            if number == 1 {
                try output.write(contentsOf: listRows(lists))
                try customers.copy(to: output)
            }
            try output.write(contentsOf: header("TRNS", Self.transactionColumns) + header("SPL", splitColumns) + header("ENDTRNS", []))
            if parts.parts.indices.contains(number - 1) { try parts.parts[number - 1].copy(to: output) }
            files.append(relative)
        }
        return (files, [fileTarget(part: 1).fileKey: count])
    }

    private func header(_ keyword: String, _ columns: [String]) -> Data {
        IIFEncoding.row(["!" + keyword] + columns)
    }

    private func listRows(_ lists: RunLists) -> Data {
        var data = Data()
        if !lists.accounts.isEmpty {
            data.append(header("ACCNT", Self.accountColumns))
            for account in lists.accounts {
                let (type, extra): (String, String) = switch account.type {
                case .income: ("INC", "")
                case .accountsReceivable: ("AR", "")
                case .salesTaxPayable: ("OCLIAB", "SALESTAX")
                case .bank: ("BANK", "")
                case .undepositedFunds: ("OCASSET", "UNDEPOSIT")
                case .expense: ("EXP", "")
                }
                data.append(IIFEncoding.row(["ACCNT", IIFEncoding.cell(account.name), type, extra]))
            }
        }
        if let agency = lists.taxAgency {
            data.append(header("VEND", Self.vendorColumns))
            data.append(IIFEncoding.row(["VEND", IIFEncoding.cell(agency), IIFEncoding.cell(agency)]))
        }
        if !lists.items.isEmpty || !lists.salesTaxItems.isEmpty {
            data.append(header("INVITEM", Self.itemColumns))
            for item in lists.items {
                let type = switch item.kind { case .service: "SERV"; case .nonInventory: "PART"; case .discount: "DISC" }
                data.append(IIFEncoding.row(["INVITEM", IIFEncoding.cell(item.name), type, IIFEncoding.cell(item.description),
                                             IIFEncoding.cell(item.account), item.price?.formatted(minimumPlaces: 2) ?? "",
                                             item.taxable ? "Y" : "N", ""]))
            }
            for item in lists.salesTaxItems {
                data.append(IIFEncoding.row(["INVITEM", IIFEncoding.cell(item.name), "COMPTAX", "", QBInvoice.salesTaxAccount,
                                             item.ratePercent.map { "\($0.formatted(minimumPlaces: 2))%" } ?? "", "N",
                                             IIFEncoding.cell(item.agency)]))
            }
        }
        return data
    }
}
