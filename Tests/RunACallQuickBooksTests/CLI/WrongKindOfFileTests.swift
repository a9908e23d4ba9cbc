import Foundation
import Testing
@testable import RunACallQuickBooks
@testable import RunACallRead

/// A file given to the wrong command is named for what it is, told by its content (not its
/// name), with the command that takes it; the run stops with exit 2 and writes nothing.
@Suite struct WrongKindOfFileTests {
    private static let expected = "samples/expected"

    private func refused(_ arguments: [String], saying phrases: [String]) throws {
        let out = try TestPaths.temporaryFolder()
        let run = try CommandLineTests.run(arguments.map { $0 == "$OUT" ? out.appendingPathComponent("out").path : $0 })
        #expect(run.status == 2, "\(arguments): \(run.output)\(run.error)")
        for phrase in phrases { #expect(run.error.contains(phrase), "\(arguments): \(run.error)") }
        #expect(!FileManager.default.fileExists(atPath: out.appendingPathComponent("out").path), "nothing written")
    }

    @Test func aQuickBooksFileGivenToConvertIsNamed() throws {
        try refused(["convert", "\(Self.expected)/iif/quickbooks.iif", "--defaults", "--no-ledger", "--out", "$OUT"],
                    saying: ["quickbooks.iif: this is a QuickBooks IIF file, not a Run a Call export", "rac2qb validate"])
        try refused(["check", "\(Self.expected)/qbxml/requests.xml", "--defaults", "--no-ledger"],
                    saying: ["requests.xml: this is a qbXML request file", "Web Connector or the SDK", "rac2qb ingest"])
        try refused(["check", "\(Self.expected)/qbo-csv", "--defaults", "--no-ledger"],
                    saying: ["qbo-csv/invoices.csv: this is a QuickBooks Online import file (the invoices CSV"])
        try refused(["check", Self.expected, "--defaults", "--no-ledger"],
                    saying: ["this is a rac2qb output folder (iif/, qbo-csv/, qbxml/, report/)", "rac2qb validate"])
    }

    @Test func aResponseFileGivenToConvertIsNamed() throws {
        let folder = try TestPaths.temporaryFolder()
        let response = folder.appendingPathComponent("invoices.xml")
        try Data("<?xml version=\"1.0\"?>\n<?qbxml version=\"13.0\"?>\n<QBXML><QBXMLMsgsRs></QBXMLMsgsRs></QBXML>\n".utf8).write(to: response)
        try refused(["check", response.path, "--defaults", "--no-ledger"], saying: ["this is a qbXML response file", "rac2qb ingest"])
    }

    @Test func anExportGivenToFromQuickBooksIsNamed() throws {
        try refused(["from-quickbooks", "samples/export-csv/customers.csv", "--defaults", "--no-ledger", "--out", "$OUT"],
                    saying: ["customers.csv: this is a Run a Call export file, not QuickBooks customer and item lists", "--export"])
        try refused(["from-quickbooks", "samples/export/customers.json", "--defaults", "--no-ledger", "--out", "$OUT"],
                    saying: ["customers.json: this is a Run a Call export file"])
    }

    @Test func aRequestFileGivenToFromQuickBooksOrIngestIsNamed() throws {
        try refused(["from-quickbooks", "\(Self.expected)/qbxml/requests.xml", "--defaults", "--no-ledger", "--out", "$OUT"],
                    saying: ["requests.xml: this is a qbXML request file", "not QuickBooks customer and item lists"])
        try refused(["ingest", "\(Self.expected)/qbxml/requests.xml", "--ledger", "/nonexistent/ledger.sqlite"],
                    saying: ["requests.xml: this is a qbXML request file", "not the qbXML response files QuickBooks returned"])
    }

    @Test func anExportGivenToValidateIsNamed() throws {
        try refused(["validate", "samples/export"], saying: ["samples/export: this is a Run a Call export folder", "rac2qb check samples/export"])
        try refused(["validate", "samples/export-csv/invoices.csv"], saying: ["invoices.csv: this is a Run a Call export file", "rac2qb check"])
    }

    @Test func theFilesEachCommandTakesAreStillTaken() {
        let samples = TestPaths.samples
        #expect(InputKind.sniff(samples.appendingPathComponent("expected/qbxml/requests.xml")) == .qbxmlRequest)
        #expect(InputKind.sniff(samples.appendingPathComponent("quickbooks-lists/customers.xml")) == .qbxmlResponse)
        #expect(InputKind.sniff(samples.appendingPathComponent("books/customers.iif")) == .iif)
        #expect(InputKind.sniff(samples.appendingPathComponent("expected/qbo-csv/deposits.csv")) == .qboCSV("deposits"))
        #expect(InputKind.sniff(samples.appendingPathComponent("export-csv/payouts.csv")) == .runACallExport)
        #expect(InputKind.sniff(samples.appendingPathComponent("quickbooks-lists/customers.csv")) == .other, "QuickBooks Online's own list: from-quickbooks reads it")
        for list in ["customers.csv", "customers.xml", "items.xml", "products.csv"] {
            #expect(InputKind.refusal(of: samples.appendingPathComponent("quickbooks-lists/\(list)"), shownAs: list, command: .fromQuickBooks) == nil, "\(list)")
        }
    }
}
