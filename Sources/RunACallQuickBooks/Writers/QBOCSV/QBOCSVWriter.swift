import Foundation

/// Writes QuickBooks Online import CSV: customers.csv, products.csv and
/// invoices.csv (one row per line, at most 100 invoices and 1,000 rows a file),
/// UTF-8 without BOM, text cells safe from spreadsheet formulas.
final class QBOCSVWriter: FormatWriter {
    let format = OutputFormat.qboCSV
    private let edition: Edition
    private let parts: PartSeries
    /// The payouts' bank-upload rows, streamed.
    let deposits: PartFile

    static let maxInvoicesPerFile = 100
    static let maxRowsPerFile = 1_000
    static let nameLimit = 100

    static let invoiceColumns = [
        "*InvoiceNo", "*Customer", "*InvoiceDate", "*DueDate", "Terms", "Location", "Memo", "Item(Product/Service)",
        "ItemDescription", "ItemQuantity", "ItemRate", "*ItemAmount", "*ItemTaxCode", "ItemTaxAmount", "Service Date",
        "Message displayed on invoice",
    ]
    static let customerColumns = ["Name", "Company", "Email", "Phone", "Street", "City", "State", "ZIP", "Country"]
    static let productColumns = ["Name", "Type", "Sales Description", "Sales Price/Rate", "Income Account", "Taxable"]

    init(edition: Edition, splitEvery: Int, staging: URL) throws {
        self.edition = edition
        deposits = try PartFile(url: staging.appendingPathComponent("qbo-deposits.part"))
        let invoicesPerFile = splitEvery > 0 ? min(splitEvery, Self.maxInvoicesPerFile) : Self.maxInvoicesPerFile
        parts = PartSeries(folder: staging, prefix: "qbo-invoices") { part, rows in
            part.transactions >= invoicesPerFile || (part.rows > 0 && part.rows + rows > Self.maxRowsPerFile)
        }
    }

    func target(forCustomer customer: QBCustomer) -> OutputTarget {
        OutputTarget(format: .qboCSV, base: "customers", fileExtension: "csv")
    }

    func target(forItem item: QBItem) -> OutputTarget {
        OutputTarget(format: .qboCSV, base: "products", fileExtension: "csv")
    }

    func add(_ invoice: QBInvoice) throws -> [OutputTarget] {
        let (number, part) = try parts.current(adding: invoice.lines.count)
        var text = ""
        let head = [CSVText.safeText(invoice.refNumber ?? invoice.sourceID), CSVText.safeText(invoice.customer),
                    invoice.txnDate.usPadded, (invoice.dueDate ?? invoice.txnDate).usPadded, CSVText.safeText(invoice.terms), ""]
        for line in invoice.lines {
            let taxCode = edition == .us ? (line.taxable ? "TAX" : "NON") : CSVText.safeText(line.taxCode)
            text += CSVText.row(head + [
                CSVText.safeText(invoice.memo), CSVText.safeText(line.item), CSVText.safeText(line.description),
                line.quantity?.description ?? "", line.rate?.formatted(minimumPlaces: 2) ?? "", line.amount.description,
                taxCode, line.taxAmount?.description ?? "", "", CSVText.safeText(invoice.customerMessage),
            ])
        }
        try part.append(Data(text.utf8), rows: invoice.lines.count)
        return [OutputTarget(format: .qboCSV, base: "invoices", fileExtension: "csv", part: number)]
    }

    func finish(lists: RunLists, into folder: URL) throws -> (files: [String], parts: [String: Int]) {
        let directory = folder.appendingPathComponent(format.folder)
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        var customers = CSVText.row(Self.customerColumns)
        for customer in lists.customers {
            let address = customer.billAddress
            let street = [address?.line1, address?.line2].compactMap { $0 }.joined(separator: ", ")
            customers += CSVText.row([
                CSVText.safeText(customer.name), CSVText.safeText(customer.company.map { QuickBooksText.prefix($0, 50) }),
                CSVText.safeText(customer.email), CSVText.safeText(customer.phone.map { QuickBooksText.prefix($0, 21) }),
                CSVText.safeText(street), CSVText.safeText(address?.city), CSVText.safeText(address?.state),
                CSVText.safeText(address?.postalCode), CSVText.safeText(address?.country),
            ])
        }
        var products = CSVText.row(Self.productColumns)
        for item in lists.items {
            products += CSVText.row([
                CSVText.safeText(item.name), item.kind == .nonInventory ? "Non-inventory" : "Service",
                CSVText.safeText(item.description), item.price?.formatted(minimumPlaces: 2) ?? "",
                CSVText.safeText(item.account), item.taxable ? "Yes" : "No",
            ])
        }
        try Data(customers.utf8).write(to: directory.appendingPathComponent("customers.csv"))
        try Data(products.utf8).write(to: directory.appendingPathComponent("products.csv"))
        var files = ["\(format.folder)/customers.csv", "\(format.folder)/products.csv", try finishDeposits(into: directory)]
        let count = parts.count
        let header = Data(CSVText.row(Self.invoiceColumns).utf8)
        for number in 1...count {
            let relative = OutputTarget(format: .qboCSV, base: "invoices", fileExtension: "csv", part: number).path(parts: count)
            let url = folder.appendingPathComponent(relative)
            try FileManager.default.createFile(at: url, contents: header)
            let output = try FileHandle(forWritingTo: url)
            defer { try? output.close() }
            try output.seekToEnd()
            if parts.parts.indices.contains(number - 1) { try parts.parts[number - 1].copy(to: output) }
            files.append(relative)
        }
        return (files, [OutputTarget(format: .qboCSV, base: "invoices", fileExtension: "csv").fileKey: count])
    }
}
