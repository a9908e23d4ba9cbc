import Foundation
import RunACallDecide
import RunACallRead
import RunACallSupport

/// Writes QuickBooks Online import CSV: customers.csv, products.csv and
/// invoices.csv (one row per line, at most 100 invoices and 1,000 rows a file),
/// UTF-8 without BOM, every cell guarded from spreadsheet formulas, no cell on two lines.
/// The invoice importer takes no negative amounts: discount lines are left out
/// and listed in `discounts-to-enter.csv`, to enter in QuickBooks Online after the import.
public final class QBOCSVWriter: FormatWriter {
    public let format = OutputFormat.qboCSV
    private let edition: Edition
    /// Non-US: the `*ItemTaxCode` of a line Run a Call does not tax (every line needs one).
    private let nonTaxableCode: String?
    private let parts: PartSeries
    /// The payouts' bank-upload rows, streamed.
    let deposits: PartFile
    /// The rows of customers.csv, streamed.
    private let customers: PartFile
    /// The discounts to enter by hand, streamed.
    let discounts: DiscountWorksheet
    /// Each file's records and total, for `import-checklist.csv`.
    let checklist = ImportChecklist()
    /// Where the invoice, customer and deposit rows are made and appended (the discounts are listed on the run's thread).
    let sink: RenderSink

    public static let maxInvoicesPerFile = 100
    public static let maxRowsPerFile = 1_000
    public static let nameLimit = 100

    /// The first row of every invoices file: each part starts with it, and an empty run's one file holds it alone.
    static let invoiceHeader = Array(CSVText.row(QBOCSVColumns.invoices).utf8)

    init(edition: Edition, nonTaxableCode: String?, splitEvery: Int, staging: URL, sink: RenderSink) throws {
        self.edition = edition
        self.sink = sink
        self.nonTaxableCode = nonTaxableCode
        deposits = try PartFile(url: staging.appendingPathComponent("qbo-deposits.part"))
        customers = try PartFile(url: staging.appendingPathComponent("qbo-customers.part"))
        discounts = try DiscountWorksheet(staging: staging)
        let invoicesPerFile = splitEvery > 0 ? min(splitEvery, Self.maxInvoicesPerFile) : Self.maxInvoicesPerFile
        parts = PartSeries(folder: staging, prefix: "qbo-invoices", header: Self.invoiceHeader) { part, rows in
            part.transactions >= invoicesPerFile || (part.rows > 0 && part.rows + rows > Self.maxRowsPerFile)
        }
    }

    public func target(forItem item: QBItem) -> OutputTarget {
        OutputTarget(format: .qboCSV, base: "products", fileExtension: "csv")
    }

    /// A date as QuickBooks Online for the edition reads it: `31/10/2026` in the UK and Australia, `10/31/2026` elsewhere.
    func date(_ day: CalendarDate) -> String { edition.writesDayFirst ? day.dayFirstPadded : day.usPadded }

    /// A text cell: on one line (a line break becomes a space), empty for nil.
    func text(_ value: String?) -> String {
        value.map(QuickBooksText.oneLine) ?? ""
    }

    public func add(_ invoice: QBInvoice) throws -> [OutputTarget] {
        let lines = invoice.lines.filter { $0.kind != .discount }
        let number = parts.place(rows: lines.count)
        try sink.run { [self, parts] in
            try parts.append(rows(of: invoice, lines: lines), toPart: number)
        }
        var targets = [OutputTarget(format: .qboCSV, base: "invoices", fileExtension: "csv", part: number)]
        let byHand = FormatProfile.qboCSV.linesByHand(of: invoice)
        checklist.addInvoice(part: number, total: byHand.reduce(invoice.total) { $0 - $1.amount })
        if !byHand.isEmpty {
            try discounts.add(invoice, discounts: byHand, date: date(invoice.txnDate))
            targets.append(DiscountWorksheet.target)
        }
        return targets
    }

    /// An invoice's rows: one a line (`lines`, its discounts left out).
    private func rows(of invoice: QBInvoice, lines: [QBInvoiceLine]) -> [UInt8] {
        var rows = CSVRows(guarding: true)
        let head = [text(invoice.refNumber ?? invoice.sourceID), text(invoice.customer),
                    date(invoice.txnDate), date(invoice.dueDate ?? invoice.txnDate), text(invoice.terms), "",
                    text(invoice.memo)]
        let message = text(invoice.customerMessage)
        for line in lines {
            rows.cells(head)
            rows.cells([text(line.item), text(line.description)])
            rows.cell(line.quantity, minimumPlaces: 0)
            rows.cell(line.rate, minimumPlaces: 2)
            rows.cell(line.amount)
            rows.cell(edition == .us ? (line.taxable ? "TAX" : "NON") : text(line.taxCode ?? nonTaxableCode))
            rows.cell(line.taxAmount)
            rows.cells(["", message])
            rows.endRow()
        }
        return rows.bytes
    }

    public func add(_ customer: QBCustomer) throws -> OutputTarget {
        try sink.run { [self] in
            let address = customer.billAddress
            let street = [address?.line1, address?.line2].compactMap { $0 }.joined(separator: ", ")
            try customers.append(CSVText.row([
                text(customer.name), text(customer.company), text(customer.email), text(customer.phone),
                text(street), text(address?.city), text(address?.state),
                text(address?.postalCode), text(address?.country),
            ]).utf8)
        }
        return OutputTarget(format: .qboCSV, base: "customers", fileExtension: "csv")
    }

    public func finish(lists: RunLists, into folder: URL) throws -> (files: [String], parts: [String: Int]) {
        try sink.settle()
        let directory = folder.appendingPathComponent(format.folder)
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        var products = CSVText.row(QBOCSVColumns.products)
        for item in lists.items {
            products += CSVText.row([
                text(item.name), item.kind == .nonInventory ? "Non-inventory" : "Service",
                text(item.description), item.price?.formatted(minimumPlaces: 2) ?? "",
                text(item.account), item.taxable ? "Yes" : "No",
            ])
        }
        try FileManager.default.createFile(at: directory.appendingPathComponent("customers.csv"), contents: Data(CSVText.row(QBOCSVColumns.customers).utf8))
        let customersFile = try FileHandle(forWritingTo: directory.appendingPathComponent("customers.csv"))
        defer { try? customersFile.close() }
        try customersFile.seekToEnd()
        try customers.copy(to: customersFile)
        try Data(products.utf8).write(to: directory.appendingPathComponent("products.csv"))
        let depositsFile = try finishDeposits(into: directory)
        var files = ["\(format.folder)/customers.csv", "\(format.folder)/products.csv", depositsFile]
        var steps = [ImportChecklist.Entry(file: files[0], what: "import: customers", records: customers.transactions, total: nil),
                     ImportChecklist.Entry(file: files[1], what: "import: products and services", records: lists.items.count, total: nil)]
        let worksheet = try discounts.render(into: folder)
        if let worksheet { files.append(worksheet) }
        let count = parts.count
        for number in 1...count {
            let relative = OutputTarget(format: .qboCSV, base: "invoices", fileExtension: "csv", part: number).path(parts: count)
            let url = folder.appendingPathComponent(relative)
            let part = parts.parts.indices.contains(number - 1) ? parts.parts[number - 1] : nil
            if let part {
                try part.move(to: url)
            } else {
                try FileManager.default.createFile(at: url, contents: Data(Self.invoiceHeader))
            }
            files.append(relative)
            steps.append(ImportChecklist.Entry(file: relative, what: count > 1 ? "import: invoices, part \(number) of \(count)" : "import: invoices",
                                               records: part?.transactions ?? 0, total: checklist.invoiceTotal(part: number)))
        }
        if let worksheet {
            steps.append(ImportChecklist.Entry(file: worksheet, what: "by hand: each discount on its imported invoice",
                                               records: discounts.count, total: discounts.total))
        }
        steps.append(ImportChecklist.Entry(file: depositsFile, what: "bank upload: the payouts, to match in Banking",
                                           records: deposits.transactions, total: checklist.depositTotal))
        let checklistFile = ImportChecklist.target.path(parts: 1)
        try Data(ImportChecklist.render(steps).utf8).write(to: folder.appendingPathComponent(checklistFile))
        files.append(checklistFile)
        return (files, [OutputTarget(format: .qboCSV, base: "invoices", fileExtension: "csv").fileKey: count])
    }
}
