import Foundation
import Testing
@testable import RunACallQuickBooks
@testable import RunACallSupport

@Suite(.enabled(if: TestPaths.sharedDataAvailableOrCI, "needs ../shared/reference"))
struct QBXMLSchemaTests {
    static func schema() throws -> QBXMLSchemaValidator { try #require(TestPaths.schema, "the qbXML XSD is required under CI") }

    @Test func intuitSamplesValidate() throws {
        let folder = try #require(TestPaths.schemaDirectory)
        for name in ["sample-valid.xml", "sample-valid-extra.xml"] {
            #expect(try Self.schema().validate(file: folder.appendingPathComponent(name)) == [])
        }
    }

    /// The qbXML writer's small postings (`RendererBytesTests`: adds, a payment, a credit memo, a deposit, a mod and a void).
    @Test func thePostingsOfTheRendererTestValidate() throws {
        let made = try RendererBytesTests.rendered(.qbxml)
        let file = try TestPaths.temporaryFolder().appendingPathComponent("requests.xml")
        try Data(made.drop { $0 != "\n" }.dropFirst().utf8).write(to: file)
        #expect(try Self.schema().validate(file: file) == [])
    }

    @Test(arguments: RendererBytesMoreTests.Scenario.allCases)
    func thePostingsOfTheMoreRendererScenariosValidate(scenario: RendererBytesMoreTests.Scenario) throws {
        let made = try RendererBytesMoreTests.rendered(.qbxml, scenario)
        let file = try TestPaths.temporaryFolder().appendingPathComponent("requests.xml")
        try Data(made.drop { $0 != "\n" }.dropFirst().utf8).write(to: file)
        #expect(try Self.schema().validate(file: file) == [])
    }

    @Test func elementsOutOfOrderAreRejected() throws {
        let url = try TestPaths.temporaryFolder().appendingPathComponent("bad.xml")
        try Data("""
        <?xml version="1.0" encoding="utf-8"?><?qbxml version="13.0"?>
        <QBXML><QBXMLMsgsRq onError="continueOnError"><InvoiceAddRq requestID="1"><InvoiceAdd>
        <TxnDate>2026-10-01</TxnDate><CustomerRef><FullName>A</FullName></CustomerRef>
        </InvoiceAdd></InvoiceAddRq></QBXMLMsgsRq></QBXML>
        """.utf8).write(to: url)
        let errors = try Self.schema().validate(file: url)
        #expect(errors.count == 1)
        #expect(errors.first?.contains("TxnDate") == true)
    }

    @Test func sampleOutputValidatesSplitOrNot() throws {
        for split in [0, 7] {
            let out = try TestPaths.temporaryFolder("split\(split)")
            var text = try String(contentsOf: Conversion.sampleConfig, encoding: .utf8)
            text = text.replacingOccurrences(of: "split_every: 0", with: "split_every: \(split)")
            _ = try Conversion.run(TestPaths.samples.appendingPathComponent("export"), configText: text, out: out)
            let files = try FileManager.default.contentsOfDirectory(at: out.appendingPathComponent("qbxml"), includingPropertiesForKeys: nil)
            #expect(files.count == (split == 0 ? 1 : 3), "21 written invoices, 7 a file; payments and payouts fail when split")
            for file in files { #expect(try Self.schema().validate(file: file) == [], "\(file.lastPathComponent)") }
        }
    }
}
