import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
@testable import RunACallQuickBooks
@testable import RunACallSupport
@testable import RunACallRead

/// Reads the QuickBooks files back and totals each invoice, independently of the writers.
enum WrittenTotals {
    /// IIF: doc number (or position) → (TRNS amount, Σ SPL amounts).
    static func iif(_ folder: URL) throws -> [(doc: String, total: Money, splits: Money)] {
        var result: [(String, Money, Money)] = []
        for file in try files(folder, ext: "iif") {
            let (transactions, problems) = try IIFReader(url: file).transactions()
            precondition(problems.isEmpty, "\(problems)")
            for transaction in transactions where transaction.header["TRNSTYPE"] == "INVOICE" {
                let total = Money(parsing: transaction.header["AMOUNT"] ?? "")!
                let splits = transaction.splits.reduce(Money.zero) { $0 + Money(parsing: $1["AMOUNT"] ?? "")! }
                result.append((transaction.header["DOCNUM"] ?? "", total, splits))
            }
        }
        return result
    }

    /// QBO CSV: invoice number → Σ ItemAmount + Σ ItemTaxAmount (discounts are not there: see `qboDiscountsByHand`).
    static func qboCSV(_ folder: URL) throws -> [String: Money] {
        var totals: [String: Money] = [:]
        for file in try files(folder, ext: "csv") where file.lastPathComponent.hasPrefix("invoices") {
            let table = try CSVTable(url: file)
            while let (row, problem) = try table.nextRow() {
                precondition(problem == nil)
                let number = table.cell("*InvoiceNo", in: row) ?? ""
                let amount = Money(parsing: table.cell("*ItemAmount", in: row) ?? "")!
                let tax = table.cell("ItemTaxAmount", in: row).flatMap(Money.init(parsing:)) ?? .zero
                totals[number, default: .zero] = totals[number, default: .zero] + amount + tax
            }
        }
        return totals
    }

    /// QBO CSV: Σ amount of `discounts-to-enter.csv`, the discounts entered by hand after the import (zero without the file).
    static func qboDiscountsByHand(_ folder: URL) throws -> Money {
        let url = folder.appendingPathComponent("discounts-to-enter.csv")
        guard FileManager.default.fileExists(atPath: url.path) else { return .zero }
        let table = try CSVTable(url: url)
        var total = Money.zero
        while let (row, problem) = try table.nextRow() {
            precondition(problem == nil)
            total = total + Money(parsing: table.cell("amount", in: row) ?? "")!
        }
        return total
    }

    /// qbXML: InvoiceAdd requestID → Σ line Amount + Σ line TaxAmount.
    static func qbxml(_ folder: URL) throws -> [String: Money] {
        var totals: [String: Money] = [:]
        for file in try files(folder, ext: "xml") {
            let collector = InvoiceAmountCollector()
            let parser = XMLParser(contentsOf: file)!
            parser.delegate = collector
            precondition(parser.parse(), "qbXML must parse: \(parser.parserError.map { "\($0)" } ?? "")")
            totals.merge(collector.totals) { $0 + $1 }
        }
        return totals
    }

    private static func files(_ folder: URL, ext: String) throws -> [URL] {
        try FileManager.default.contentsOfDirectory(at: folder, includingPropertiesForKeys: nil)
            .filter { $0.pathExtension == ext }.sorted { $0.lastPathComponent < $1.lastPathComponent }
    }
}

private final class InvoiceAmountCollector: NSObject, XMLParserDelegate {
    var totals: [String: Money] = [:]
    private var request: String?
    private var text = ""

    func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?,
                attributes: [String: String] = [:]) {
        if name == "InvoiceAddRq" { request = attributes["requestID"]; totals[request ?? ""] = .zero }
        text = ""
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) { text += string }

    func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
        guard let request else { return }
        if name == "Amount" || name == "TaxAmount" { totals[request] = totals[request, default: .zero] + Money(parsing: text)! }
        if name == "InvoiceAddRq" { self.request = nil }
    }
}
