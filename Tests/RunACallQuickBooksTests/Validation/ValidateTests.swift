import Foundation
import Testing
@testable import RunACallQuickBooks
@testable import RunACallSupport
@testable import RunACallRead

/// `validate` never passes a file it could not read, checks IIF and QBO CSV
/// without a schema, never calls qbXML valid without one, and takes output folders.
@Suite struct ValidateTests {
    private static let header = "!TRNS\tTRNSTYPE\tDATE\tACCNT\tNAME\tAMOUNT\r\n!SPL\tTRNSTYPE\tDATE\tACCNT\tNAME\tAMOUNT\r\n!ENDTRNS\r\n"

    /// One invoice transaction whose split is `split` (100.00 balances it), with `name` as its customer's bytes.
    private static func iif(split: String, name: [UInt8] = Array("Ann Lee".utf8)) -> [UInt8] {
        Array((header + "TRNS\tINVOICE\t10/1/2026\tAccounts Receivable\t").utf8) + name + Array("\t100.00\r\n".utf8)
            + Array("SPL\tINVOICE\t10/1/2026\tServices\t\t\(split)\r\nENDTRNS\r\n".utf8)
    }

    private func write(_ name: String, _ bytes: [UInt8], in folder: URL? = nil) throws -> URL {
        let url = try (folder ?? TestPaths.temporaryFolder()).appendingPathComponent(name)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(bytes).write(to: url)
        return url
    }

    /// Runs the binary without `RAC2QB_QBXML_SCHEMA`, so that no schema is known unless given.
    private func validate(_ arguments: [String]) throws -> (status: Int32, output: String) {
        let process = Process()
        process.executableURL = try #require(CommandLineTests.binary)
        process.arguments = ["validate"] + arguments
        process.environment = ProcessInfo.processInfo.environment.filter { $0.key != "RAC2QB_QBXML_SCHEMA" }
        let output = Pipe()
        process.standardOutput = output
        process.standardError = output
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: data, as: UTF8.self))
    }

    @Test(arguments: [0x81, 0x8D, 0x8F, 0x90, 0x9D] as [UInt8])
    func aByteUndefinedInWindows1252FailsAndTheBalanceIsStillChecked(byte: UInt8) throws {
        let file = try write("quickbooks.iif", Self.iif(split: "-90.00", name: Array("Ann".utf8) + [byte] + Array("Lee".utf8)))
        let problems = FileChecker.check(file, schema: nil)
        let hex = String(byte, radix: 16, uppercase: true)
        #expect(problems.contains("quickbooks.iif:4: byte 0x\(hex) is not a Windows-1252 character; allowed: Windows-1252 text"), "\(problems)")
        #expect(problems.contains { $0.hasPrefix("quickbooks.iif:6: the transaction of line 4 does not balance (sum 10.00)") }, "\(problems)")
    }

    @Test func aBalancedIIFWithAnUndefinedByteStillFails() throws {
        let file = try write("quickbooks.iif", Self.iif(split: "-100.00", name: [0x41, 0x81]))
        #expect(FileChecker.check(file, schema: nil) == ["quickbooks.iif:4: byte 0x81 is not a Windows-1252 character; allowed: Windows-1252 text"])
        #expect(FileChecker.check(try write("quickbooks.iif", Self.iif(split: "-100.00")), schema: nil) == [], "the same file without it passes")
    }

    @Test(arguments: ["quickbooks.iif", "invoices.csv", "requests.xml"])
    func anEmptyFileFails(name: String) throws {
        let file = try write(name, [])
        #expect(FileChecker.check(file, schema: TestPaths.schema) == ["\(name): the file is empty; allowed: a QuickBooks file (IIF, QuickBooks Online CSV, qbXML)"])
    }

    @Test func aUTF16CSVIsNamedAndFails() throws {
        let text = QBOCSVColumns.invoices.joined(separator: ",") + "\n"
        let file = try write("invoices.csv", [0xFF, 0xFE] + text.utf16.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] })
        #expect(FileChecker.check(file, schema: nil) == ["invoices.csv: the file is UTF-16; save it as UTF-8"])
    }

    @Test func qbXMLIsNeverValidWithoutASchemaWhileIIFIsStillChecked() throws {
        let folder = try TestPaths.temporaryFolder()
        let xml = try write("qbxml/requests.xml", Array("<?xml version=\"1.0\"?>\n<?qbxml version=\"13.0\"?>\n<QBXML/>\n".utf8), in: folder)
        let iif = try write("iif/quickbooks.iif", Self.iif(split: "-90.00"), in: folder)
        #expect(FileChecker.check(xml, schema: nil).first?.contains("requests.xml: not validated: no qbXML schema given") == true)
        let result = try validate([iif.path, xml.path])
        #expect(result.status == 1)
        #expect(result.output.contains("quickbooks.iif:6: the transaction of line 4 does not balance"), "\(result.output)")
        #expect(result.output.contains("requests.xml: not validated"))
    }

    @Test func anOutputFolderHasEveryQuickBooksFileChecked() throws {
        let out = try TestPaths.temporaryFolder()
        _ = try Conversion.run(TestPaths.samples.appendingPathComponent("export"), configURL: Conversion.sampleConfig, out: out,
                               formats: [.iif, .qboCSV])
        let passed = try validate([out.path])
        #expect(passed.status == 0, "\(passed.output)")
        for file in ["iif/quickbooks.iif", "qbo-csv/customers.csv", "qbo-csv/deposits.csv", "qbo-csv/invoices.csv", "qbo-csv/products.csv"] {
            #expect(passed.output.contains("\(out.appendingPathComponent(file).path): valid"), "\(file)")
        }
        #expect(!passed.output.contains("sync-report.csv"), "the report is not a QuickBooks file")
        try Data(Self.iif(split: "-90.00")).write(to: out.appendingPathComponent("iif/quickbooks.iif"))
        let failed = try validate([out.path])
        #expect(failed.status == 1)
        #expect(failed.output.contains("does not balance"))
        let empty = try TestPaths.temporaryFolder()
        #expect(try validate([empty.path]).status == 1, "a folder with nothing to check does not pass")
    }
}
