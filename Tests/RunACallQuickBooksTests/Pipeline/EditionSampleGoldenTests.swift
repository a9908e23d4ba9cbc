import Foundation
import Testing
@testable import RunACallQuickBooks
@testable import RunACallSupport
@testable import RunACallRead
@testable import RunACallDecide

/// The UK and Australian samples (samples/export-uk with samples/rac2qb-uk.yml, samples/export-au with
/// samples/rac2qb-au.yml) converted end to end and compared byte for byte with samples/expected-uk and
/// samples/expected-au: QuickBooks Online for those countries reads dates day first and wants a tax code
/// on every line. Set RAC2QB_UPDATE_GOLDEN=1 to rewrite the expected files on purpose.
@Suite struct EditionSampleGoldenTests {
    /// The files QuickBooks Online imports (the worksheets for people are checked by content).
    static let files = ["qbo-csv/customers.csv", "qbo-csv/products.csv", "qbo-csv/invoices.csv", "qbo-csv/deposits.csv"]

    static func convert(_ country: String) throws -> (URL, ConversionResult) {
        let out = try TestPaths.temporaryFolder("edition-\(country)")
        let result = try Conversion.run(TestPaths.samples.appendingPathComponent("export-\(country)"),
                                        configURL: TestPaths.samples.appendingPathComponent("rac2qb-\(country).yml"), out: out)
        return (out, result)
    }

    static func matchGolden(_ country: String) throws -> URL {
        let (out, result) = try convert(country)
        let expected = TestPaths.samples.appendingPathComponent("expected-\(country)")
        if ProcessInfo.processInfo.environment["RAC2QB_UPDATE_GOLDEN"] == "1" {
            for file in files {
                let target = expected.appendingPathComponent(file)
                try FileManager.default.createDirectory(at: target.deletingLastPathComponent(), withIntermediateDirectories: true)
                try? FileManager.default.removeItem(at: target)
                try FileManager.default.copyItem(at: out.appendingPathComponent(file), to: target)
            }
        }
        for file in files {
            let written = try Data(contentsOf: out.appendingPathComponent(file))
            let golden = try Data(contentsOf: expected.appendingPathComponent(file))
            #expect(written == golden, "\(file) differs from samples/expected-\(country)/\(file)")
        }
        #expect(result.exitStatus == 0, "every record of the \(country) sample is written or skipped by a rule")
        #expect(result.summary.reconciles)
        return out
    }

    /// The rows of invoices.csv as header → cell.
    static func invoiceRows(_ out: URL) throws -> [[String: String]] {
        let table = try CSVTable(url: out.appendingPathComponent("qbo-csv/invoices.csv"))
        let columns = ["*InvoiceDate", "*DueDate", "Item(Product/Service)", "*ItemTaxCode"]
        var rows: [[String: String]] = []
        while let (row, _) = try table.nextRow() {
            rows.append(Dictionary(uniqueKeysWithValues: columns.map { ($0, table.cell($0, in: row) ?? "") }))
        }
        return rows
    }

    @Test func ukSampleMatchesGoldenFiles() throws {
        let out = try Self.matchGolden("uk")
        let rows = try Self.invoiceRows(out)
        #expect(rows.allSatisfy { !($0["*ItemTaxCode"] ?? "").isEmpty }, "every line carries a VAT code")
        let pump = rows.first { $0["Item(Product/Service)"] == "Heat pump installation" }
        #expect(pump?["*ItemTaxCode"] == "0.0% Z", "a line Run a Call does not tax carries the zero-rated code")
        #expect(pump?["*InvoiceDate"] == "13/10/2026" && pump?["*DueDate"] == "27/10/2026", "dates are day first")
        let deposits = try String(decoding: Data(contentsOf: out.appendingPathComponent("qbo-csv/deposits.csv")), as: UTF8.self)
        #expect(deposits.contains("24/10/2026"))
        let discounts = try String(decoding: Data(contentsOf: out.appendingPathComponent("qbo-csv/discounts-to-enter.csv")), as: UTF8.self)
        #expect(discounts.contains("13/10/2026") && !discounts.contains("10/13/2026"))
    }

    @Test func auSampleMatchesGoldenFiles() throws {
        let out = try Self.matchGolden("au")
        let rows = try Self.invoiceRows(out)
        #expect(rows.allSatisfy { !($0["*ItemTaxCode"] ?? "").isEmpty }, "every line carries a GST code")
        #expect(rows.first { $0["Item(Product/Service)"] == "Solar hot water install" }?["*ItemTaxCode"] == "GST free")
        #expect(rows.first?["*InvoiceDate"] == "05/10/2026")
    }

    /// An existing UK config that does not know the new key still converts: the default code fills the untaxed lines.
    @Test func ukConfigWithoutTheNewKeyUsesTheDefault() throws {
        var text = try String(decoding: Data(contentsOf: TestPaths.samples.appendingPathComponent("rac2qb-au.yml")), as: UTF8.self)
        text = text.replacingOccurrences(of: "  non_taxable_code: GST free", with: "")
        let out = try TestPaths.temporaryFolder()
        let result = try Conversion.run(TestPaths.samples.appendingPathComponent("export-au"), configText: text, out: out)
        #expect(result.exitStatus == 0)
        #expect(try Self.invoiceRows(out).first { $0["Item(Product/Service)"] == "Solar hot water install" }?["*ItemTaxCode"] == "GST free")
    }

    /// US and Canada keep the month first.
    @Test func usDatesStayMonthFirst() {
        let day = CalendarDate(year: 2026, month: 10, day: 13)!
        #expect(day.usPadded == "10/13/2026" && day.dayFirstPadded == "13/10/2026")
        #expect(!Edition.us.writesDayFirst && !Edition.ca.writesDayFirst && Edition.uk.writesDayFirst && Edition.au.writesDayFirst)
    }
}

/// QuickBooks Desktop (IIF, qbXML) in a non-US edition: `tax.non_taxable_code`, when set, goes on every untaxed line;
/// not set, the line carries no code (QuickBooks Desktop takes the item's own), as before the key existed.
@Suite struct DesktopNonTaxableCodeTests {
    static func config(_ nonTaxable: String?) -> String {
        """
        version: 1
        company:
          edition: uk
          home_currency: GBP
        output:
          formats: [iif, qbxml]
        tax:
          rates:
            VAT 20%: S
            VAT 5%: R
        \(nonTaxable.map { "  non_taxable_code: \($0)" } ?? "")
        """
    }

    static func convert(_ nonTaxable: String?) throws -> (iif: String, qbxml: String, result: ConversionResult) {
        let out = try TestPaths.temporaryFolder()
        let result = try Conversion.run(TestPaths.samples.appendingPathComponent("export-uk"), configText: config(nonTaxable), out: out)
        let iif = try String(decoding: Data(contentsOf: out.appendingPathComponent("iif/quickbooks.iif")), as: UTF8.self)
        let qbxml = try String(decoding: Data(contentsOf: out.appendingPathComponent("qbxml/requests.xml")), as: UTF8.self)
        return (iif, qbxml, result)
    }

    /// The `InvoiceLineAdd` of the qbXML requests that holds `text`.
    static func line(of qbxml: String, holding text: String) -> String {
        qbxml.components(separatedBy: "<InvoiceLineAdd>").dropFirst()
            .map { $0.components(separatedBy: "</InvoiceLineAdd>")[0] }.first { $0.contains(text) } ?? ""
    }

    @Test func setCodeGoesOnEveryUntaxedLine() throws {
        let (iif, qbxml, result) = try Self.convert("Z")
        #expect(result.exitStatus == 0)
        let pump = iif.split(separator: "\r\n").first { $0.contains("Heat pump installation") && $0.hasPrefix("SPL") }
        #expect(pump?.hasSuffix("\tZ") == true, "\(pump ?? "no line")")
        let pumpLine = Self.line(of: qbxml, holding: "Heat pump installation")
        #expect(pumpLine.contains("<FullName>Z</FullName>"), "\(pumpLine)")
    }

    @Test func unsetCodeLeavesDesktopLinesAsBefore() throws {
        let (iif, qbxml, result) = try Self.convert(nil)
        #expect(result.exitStatus == 0)
        let pump = iif.split(separator: "\r\n").first { $0.contains("Heat pump installation") && $0.hasPrefix("SPL") }
        #expect(pump?.hasSuffix("\tN\t\t") == true, "no TAXCODE: \(pump ?? "no line")")
        let pumpLine = Self.line(of: qbxml, holding: "Heat pump installation")
        #expect(!pumpLine.contains("SalesTaxCodeRef"), "\(pumpLine)")
    }

    @Test func codeLongerThanQBXMLTakesStopsTheRun() throws {
        do {
            _ = try Self.convert("0.0% Z")
            Issue.record("a code qbXML cannot hold must stop the run")
        } catch let error as FatalError {
            #expect(error.kind == .usage && error.description.contains("tax.non_taxable_code") && error.description.contains("3 characters"))
        }
    }
}
