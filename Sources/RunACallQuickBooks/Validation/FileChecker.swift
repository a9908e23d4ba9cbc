import Foundation

/// Checks QuickBooks files the way `rac2qb validate` promises: qbXML against
/// the XSD, IIF structure and balance, QBO CSV headers and limits.
public enum FileChecker {
    /// TRNSTYPE values Intuit documents (plus those the kit's samples use).
    static let transactionTypes: Set<String> = [
        "BEGINBALCHECK", "BILL", "BILL REFUND", "CASH REFUND", "CASH SALE", "CCARD REFUND", "CHECK", "CREDIT CARD",
        "CREDIT MEMO", "DEPOSIT", "ESTIMATES", "ESTIMATE", "GENERAL JOURNAL", "INVOICE", "PAYMENT", "PURCHORD",
        "TRANSFER", "ITEMRECEIPT", "STMT CHG",
    ]

    /// The problems of one file, as `file:line: message`; empty when it passes.
    /// A file that cannot be read, is empty, or is qbXML with no schema to
    /// check it against never passes.
    public static func check(_ url: URL, schema: QBXMLSchemaValidator?) -> [String] {
        let name = url.lastPathComponent
        do {
            let size = try FileManager.default.attributesOfItem(atPath: url.path)[.size] as? NSNumber
            guard size?.intValue ?? 0 > 0 else { return ["\(name): the file is empty; allowed: a QuickBooks file (IIF, QuickBooks Online CSV, qbXML)"] }
            guard FileManager.default.isReadableFile(atPath: url.path) else { return ["\(name): cannot be read (permission denied)"] }
            switch url.pathExtension.lowercased() {
            case "iif": return try checkIIF(url)
            case "csv": return try checkQBOCSV(url)
            case "xml", "qbxml":
                guard let schema else {
                    return ["\(name): not validated: no qbXML schema given (--schema DIR or RAC2QB_QBXML_SCHEMA); qbXML is called valid only against Intuit's schema"]
                }
                return schema.validate(file: url)
            default: return ["\(name): unknown file type (allowed: .iif, .csv, .xml)"]
            }
        } catch let error as FatalError {
            return [error.description]
        } catch {
            return ["\(name): cannot be read (\(error.localizedDescription))"]
        }
    }

    /// The QuickBooks files under an output folder, sorted: `.iif`, `.xml`/`.qbxml`,
    /// and the QuickBooks Online import CSVs (invoices, customers, products, deposits).
    public static func quickBooksFiles(under folder: URL) -> [URL] {
        let keys: [URLResourceKey] = [.isRegularFileKey]
        guard let walker = FileManager.default.enumerator(at: folder, includingPropertiesForKeys: keys, options: [.skipsHiddenFiles]) else { return [] }
        var found: [URL] = []
        for case let url as URL in walker where (try? url.resourceValues(forKeys: Set(keys)))?.isRegularFile == true {
            let name = url.lastPathComponent.lowercased()
            switch url.pathExtension.lowercased() {
            case "iif", "xml", "qbxml": found.append(url)
            case "csv" where qboPrefixes.contains(where: name.hasPrefix): found.append(url)
            default: break
            }
        }
        return found.sorted { $0.path < $1.path }
    }

    /// The names QuickBooks Online import files start with.
    static let qboPrefixes = ["invoices", "customers", "products", "deposits"]

    /// IIF: headers, cell counts, TRNS/SPL/ENDTRNS, transaction types, dates, amounts, balance to zero.
    public static func checkIIF(_ url: URL) throws -> [String] {
        let name = url.lastPathComponent
        let reader = try IIFReader(url: url)
        var problems = reader.problems
        if reader.records.isEmpty { problems.append("1: the file holds no IIF rows; allowed: IIF header rows and records") }
        for record in reader.records where record.extraCells > 0 && ["TRNS", "SPL"].contains(record.keyword) {
            problems.append("\(record.line): \(record.keyword) row has \(record.extraCells) cell(s) beyond its header's columns")
        }
        let (transactions, structure) = reader.transactions()
        problems += structure
        for transaction in transactions {
            var sum = Money.zero
            for record in [transaction.header] + transaction.splits {
                let type = record["TRNSTYPE"] ?? ""
                if !transactionTypes.contains(type) { problems.append("\(record.line): TRNSTYPE \"\(type)\" is not an IIF transaction type") }
                if let date = record["DATE"], !isSlashedDate(date) { problems.append("\(record.line): DATE \"\(date)\" is not M/D/YYYY") }
                guard let text = record["AMOUNT"], let amount = Money(parsing: text.replacingOccurrences(of: ",", with: "")) else {
                    problems.append("\(record.line): AMOUNT \"\(record["AMOUNT"] ?? "")\" is not an amount")
                    continue
                }
                sum = sum + amount
            }
            if sum != .zero { problems.append("\(transaction.endLine): the transaction of line \(transaction.header.line) does not balance (sum \(sum))") }
        }
        return problems.map { "\(name):\($0)" }
    }

    /// The import checklist's row `position` (1-based): its order, a count of records, a total that is empty or an amount.
    static func checklistProblems(_ order: String?, records: String?, total: String?, row position: Int) -> [String] {
        var problems: [String] = []
        if order != String(position) { problems.append("order \"\(order ?? "")\" is not \(position)") }
        if Int(records ?? "").map({ $0 >= 0 }) != true { problems.append("records \"\(records ?? "")\" is not a count") }
        if let total, !total.isEmpty, Money(parsing: total) == nil { problems.append("total \"\(total)\" is not an amount") }
        return problems
    }

    static func isSlashedDate(_ text: String) -> Bool {
        let parts = text.split(separator: "/").compactMap { Int($0) }
        guard parts.count == 3 else { return false }
        let year = parts[2] < 100 ? 2000 + parts[2] : parts[2]
        return CalendarDate(year: year, month: parts[0], day: parts[1]) != nil
    }

    /// QBO CSV: known header, UTF-8 without BOM (the worksheets for people with one), import limits, names QuickBooks Online accepts,
    /// no negative invoice amount, no cell on two lines; the discount worksheet: its header and amounts;
    /// the import checklist: its header, its rows in order, counts and totals.
    public static func checkQBOCSV(_ url: URL) throws -> [String] {
        let name = url.lastPathComponent
        let data = try Data(contentsOf: url)
        var problems: [String] = []
        let isWorksheet = name.hasPrefix("discounts-to-enter") || name.hasPrefix("import-checklist")
        let marked = data.starts(with: [0xEF, 0xBB, 0xBF])
        if marked, !isWorksheet { problems.append("1: the file starts with a byte order mark (QuickBooks Online imports UTF-8 without one)") }
        if !marked, isWorksheet { problems.append("1: the worksheet has no UTF-8 byte order mark (Excel on Windows would misread its accented letters)") }
        let table = try CSVTable(url: url)
        let expected: [String]
        if name.hasPrefix("invoices") { expected = QBOCSVColumns.invoices }
        else if name.hasPrefix("customers") { expected = QBOCSVColumns.customers }
        else if name.hasPrefix("products") { expected = QBOCSVColumns.products }
        else if name.hasPrefix("deposits") { expected = QBOCSVColumns.deposits }
        else if name.hasPrefix("discounts-to-enter") { expected = DiscountWorksheet.columns }
        else if name.hasPrefix("import-checklist") { expected = ImportChecklist.columns }
        else {
            return ["\(name): not a QuickBooks Online file this tool knows (invoices, customers, products, deposits, discounts-to-enter, import-checklist)"]
        }
        if table.columns != expected { problems.append("1: header is \(table.columns.joined(separator: ",")), expected \(expected.joined(separator: ","))") }
        var rows = 0
        var invoices = Set<String>()
        while let (row, problem) = try table.nextRow() {
            rows += 1
            if let problem { problems.append("\(row.line): \(problem.message)"); continue }
            if let column = table.columns.first(where: { table.cell($0, in: row).map(QuickBooksText.hasLineBreak) ?? false }) {
                problems.append("\(row.line): \(column) holds a line break (QuickBooks Online imports one line per cell)")
            }
            if name.hasPrefix("discounts-to-enter") {
                for column in ["amount", "total_after_import", "total_after_discount"]
                where table.cell(column, in: row).flatMap(Money.init(parsing:)) == nil {
                    problems.append("\(row.line): \(column) is not an amount")
                }
                continue
            }
            if name.hasPrefix("import-checklist") {
                problems += checklistProblems(table.cell("order", in: row), records: table.cell("records", in: row),
                                              total: table.cell("total", in: row), row: rows).map { "\(row.line): \($0)" }
                continue
            }
            if name.hasPrefix("deposits") {
                if table.cell("Amount", in: row).flatMap(Money.init(parsing:)) == nil { problems.append("\(row.line): Amount is not an amount") }
                if let date = table.cell("Date", in: row), !isSlashedDate(date) { problems.append("\(row.line): Date \"\(date)\" is not MM/DD/YYYY") }
                continue
            }
            let nameColumn = name.hasPrefix("invoices") ? "*Customer" : "Name"
            if let value = table.cell(nameColumn, in: row) {
                if value.count > QBOCSVWriter.nameLimit { problems.append("\(row.line): \(nameColumn) is longer than 100 characters") }
                if value.unicodeScalars.contains(where: { $0 == ":" || $0 == "\"" || $0 == "\t" || $0 == "\n" || $0 == "\r" }) {
                    problems.append("\(row.line): \(nameColumn) holds a character QuickBooks Online refuses in names (: \" tab line break)")
                }
            }
            if name.hasPrefix("invoices") {
                if let number = table.cell("*InvoiceNo", in: row) {
                    invoices.insert(number)
                    if number.count > 21 { problems.append("\(row.line): *InvoiceNo is longer than 21 characters") }
                }
                switch table.cell("*ItemAmount", in: row).flatMap(Money.init(parsing:)) {
                case nil: problems.append("\(row.line): *ItemAmount is not an amount")
                case let amount? where amount < .zero:
                    problems.append("\(row.line): *ItemAmount is negative (QuickBooks Online imports no negative amount)")
                default: break
                }
            }
        }
        if name.hasPrefix("deposits"), rows > QBOCSVWriter.maxRowsPerFile {
            problems.append("1: \(rows) rows; a bank upload takes about 1,000 at most")
        }
        if name.hasPrefix("invoices") {
            if invoices.count > QBOCSVWriter.maxInvoicesPerFile { problems.append("1: \(invoices.count) invoices; QuickBooks Online imports at most 100 a file") }
            if rows > QBOCSVWriter.maxRowsPerFile { problems.append("1: \(rows) rows; QuickBooks Online imports at most 1,000 a file") }
        }
        return problems.map { "\(name):\($0)" }
    }
}
