import Foundation
import Testing
@testable import RunACallQuickBooks
@testable import RunACallSupport
@testable import RunACallRead
@testable import RunACallDecide

/// Both directions with one ledger: `convert` creates customers in QuickBooks
/// (qbXML, answered and ingested), QuickBooks changes some of them, a stand-in
/// QuickBooks customer list comes back through `from-quickbooks`, and the next
/// `convert` pushes nothing QuickBooks changed back to it.
@Suite struct FromQuickBooksRoundTripTests {
    struct Person {
        let id: String
        let name: String
        let email: String
        var address: String = ""

        var json: String {
            "{\"id\": \"\(id)\", \"name\": \"\(name)\", \"email\": \"\(email)\"" + (address.isEmpty ? "" : ", \"billing_address\": \(address)") + "}"
        }
    }

    static let people = [
        Person(id: "c1", name: "Ann Lee", email: "ann@example.com",
               address: #"{"line1": "1 Main St", "city": "Denver", "state": "CO", "postal_code": "80202"}"#),
        Person(id: "c2", name: "Jane Smith", email: "jane@a.example"),
        Person(id: "c3", name: "Jane Smith", email: "jane@b.example"),
        Person(id: "c4", name: "Bob Stone", email: "bob@example.com"),
        Person(id: "c5", name: "田中 太郎", email: "taro@example.jp"),
        Person(id: "c6", name: "Carol King", email: "carol@example.com"),
    ]

    static func export(_ people: [Person]) throws -> URL {
        try Conversion.export(["invoices.json": "[]", "customers.json": "[" + people.map(\.json).joined(separator: ",\n") + "]"])
    }

    /// A CustomerRet as QuickBooks answers a CustomerQuery.
    static func customerRet(listID: String, name: String, email: String, active: Bool = true, edit: Int = 1, address: String = "") -> String {
        let parent = name.contains(":") ? "<ParentRef><FullName>\(name.split(separator: ":")[0])</FullName></ParentRef><Sublevel>1</Sublevel>" : "<Sublevel>0</Sublevel>"
        return """
        <CustomerRet><ListID>\(listID)</ListID><TimeCreated>2026-11-02T09:00:00-06:00</TimeCreated><TimeModified>2026-11-20T09:00:00-06:00</TimeModified>
        <EditSequence>\(edit)</EditSequence><Name>\(name.split(separator: ":").last ?? "")</Name><FullName>\(name)</FullName><IsActive>\(active)</IsActive>\(parent)\(address)<Email>\(email)</Email></CustomerRet>
        """
    }

    static func customerList(_ rets: [String]) throws -> URL {
        let url = try TestPaths.temporaryFolder("quickbooks-list").appendingPathComponent("customers.xml")
        try Data("""
        <?xml version="1.0" encoding="utf-8"?>
        <?qbxml version="13.0"?>
        <QBXML><QBXMLMsgsRs><CustomerQueryRs requestID="1" statusCode="0" statusSeverity="Info" statusMessage="Status OK">
        \(rets.joined(separator: "\n"))
        </CustomerQueryRs></QBXMLMsgsRs></QBXML>
        """.utf8).write(to: url)
        return url
    }

    @Test func quickBooksChangesComeBackOnceAndAreNeverPushedBack() throws {
        let ledger = try TestPaths.temporaryFolder().appendingPathComponent("ledger.sqlite")
        var configuration = try ConfigurationLoader.parse(FromQuickBooksRun.bothOn)
        configuration.output.formats = [.qbxml]

        // 1. convert: the six customers are created in QuickBooks, which answers; the answers are ingested.
        let out1 = try TestPaths.temporaryFolder().appendingPathComponent("out")
        let created = try Converter.run(ConversionOptions(exportPaths: [try Self.export(Self.people)], configuration: configuration,
                                                          outputDirectory: out1, ledger: ledger))
        #expect(created.summary.counts["customer"] == ["Success": 6])
        let quickBooks = FakeQuickBooks()
        let answers = out1.appendingPathComponent("answers.xml")
        try Data(try quickBooks.process(requests: out1.appendingPathComponent("qbxml/requests.xml")).utf8).write(to: answers)
        #expect(try ResponseIngest.ingest([answers], ledger: ledger, batch: nil).exitStatus == 0)
        var inQuickBooks: [String: (name: String, listID: String)] = [:]
        try Ledger(url: ledger).latestExports(of: .customer) { inQuickBooks[$0.sourceID] = ($0.customer ?? "", $0.listID ?? "") }
        #expect(inQuickBooks["c3"]?.name == "Jane Smith (2)", "rac2qb renamed it: a same-named customer with another email")
        #expect(inQuickBooks["c5"]?.name == "tian zhong tai lang", "transliterated for QuickBooks Desktop")
        func id(_ customer: String) -> String { inQuickBooks[customer]?.listID ?? "" }

        // 2. QuickBooks: Ann re-addressed, Bob renamed, Carol's email changed (and Run a Call changes it too), a new
        //    customer, a new inactive one and a job; the rest as rac2qb created them.
        let list = try Self.customerList([
            Self.customerRet(listID: id("c1"), name: "Ann Lee", email: "ann@example.com", edit: 2,
                             address: "<BillAddress><Addr1>9 Elm St</Addr1><City>Denver</City><State>CO</State><PostalCode>80203</PostalCode></BillAddress>"),
            Self.customerRet(listID: id("c2"), name: "Jane Smith", email: "jane@a.example"),
            Self.customerRet(listID: id("c3"), name: "Jane Smith (2)", email: "jane@b.example"),
            Self.customerRet(listID: id("c4"), name: "Robert Stone", email: "bob@example.com", edit: 2),
            Self.customerRet(listID: id("c5"), name: "tian zhong tai lang", email: "taro@example.jp"),
            Self.customerRet(listID: id("c6"), name: "Carol King", email: "carol@qb.example", edit: 2),
            Self.customerRet(listID: "QB-NEW-1", name: "Dan Brown", email: "dan@example.com"),
            Self.customerRet(listID: "QB-NEW-2", name: "Eve Old", email: "eve@example.com", active: false),
            Self.customerRet(listID: "QB-NEW-3", name: "Ann Lee:Kitchen", email: ""),
        ])
        if let schema = TestPaths.schema { #expect(schema.validate(file: list) == [], "the stand-in list is a valid CustomerQueryRs") }
        var runACall = Self.people
        runACall[5] = Person(id: "c6", name: "Carol King", email: "carol@rac.example")
        let back = try FromQuickBooksRun.run([list], configuration: configuration, export: [try Self.export(runACall)], ledger: ledger)

        // Only the new active customer is sent; the changed ones are updates with old and new values; the conflict fails.
        #expect(try back.csv("run-a-call/customers.csv").dropFirst().map { Array($0[0...2]) } == [["", "Dan Brown", "dan@example.com"]])
        #expect(try back.csv("run-a-call/customer-updates.csv") == [
            ["id", "quickbooks_name", "field", "old_value", "new_value"],
            ["c1", "Ann Lee", "billing_line1", "1 Main St", "9 Elm St"],
            ["c1", "Ann Lee", "billing_postal_code", "80202", "80203"],
            ["c4", "Robert Stone", "name", "Bob Stone", "Robert Stone"],
        ])
        #expect(back.counts("customer") == ["Success": 3, "Skipped": 5, "Failed": 1])
        let conflict = try #require(back.row("Customer Carol King"))
        #expect(conflict["status"] == "Failed")
        #expect(conflict["message"] == "Conflict: customer \"Carol King\" changed in both QuickBooks and Run a Call since batch 1: email: QuickBooks \"carol@qb.example\", Run a Call \"carol@rac.example\" (both were \"carol@example.com\")")
        #expect(conflict["fix"]?.hasPrefix("Decide which value is right") == true)
        #expect(back.row("Customer Jane Smith (2)")?["message"] == "Run a Call has it as customer c3: unchanged in QuickBooks since batch 1",
                "a customer rac2qb renamed is recognised under its QuickBooks name")
        #expect(back.row("Customer tian zhong tai lang")?["message"] == "Run a Call has it as customer c5: unchanged in QuickBooks since batch 1")
        #expect(back.row("Customer Eve Old")?["message"] == "Inactive in QuickBooks: never sent")
        #expect(back.row("Customer Ann Lee:Kitchen")?["status"] == "Skipped")
        #expect(back.row("Customer Ann Lee")?["message"] == "Updated: customer \"Ann Lee\" changed in QuickBooks since batch 1: billing address: 1 Main St |  | Denver | CO | 80202 |  → 9 Elm St |  | Denver | CO | 80203 | ")
        #expect(back.result.batch == 2)

        // 3. The same lists again send nothing (the conflict stays until one side gives way).
        let again = try FromQuickBooksRun.run([list], configuration: configuration, export: [try Self.export(runACall)], ledger: ledger)
        #expect(again.result.files == ["report/sync-report.csv", "report/sync-report.json", "report/index.html"])
        #expect(again.result.nothingNew && again.result.batch == nil)
        #expect(again.row("Customer Dan Brown")?["message"] == "Already sent in batch 2")
        #expect(again.row("Customer Ann Lee")?["message"] == "Run a Call has it as customer c1: unchanged in QuickBooks since batch 2")
        #expect(again.row("Customer Robert Stone")?["message"] == "Run a Call has it as customer c4: unchanged in QuickBooks since batch 2")
        #expect(again.row("Customer Carol King")?["status"] == "Failed")

        // 4. Run a Call imports the files (Dan gets id c7); the next convert sends QuickBooks nothing it changed:
        //    only Run a Call's own edit (Carol's email) goes to QuickBooks.
        var imported = runACall
        imported[0].address = #"{"line1": "9 Elm St", "city": "Denver", "state": "CO", "postal_code": "80203"}"#
        imported[3] = Person(id: "c4", name: "Robert Stone", email: "bob@example.com")
        imported.append(Person(id: "c7", name: "Dan Brown", email: "dan@example.com"))
        let out3 = try TestPaths.temporaryFolder().appendingPathComponent("out")
        let next = try Converter.run(ConversionOptions(exportPaths: [try Self.export(imported)], configuration: configuration,
                                                       outputDirectory: out3, ledger: ledger))
        let report = try ReportFile(out3)
        let requests = try String(contentsOf: out3.appendingPathComponent("qbxml/requests.xml"), encoding: .utf8)
        #expect(ResponseIngestTests.requestIDs(requests) == ["req-custmod-c6"], "no CustomerAdd for Dan, no CustomerMod for Ann or Robert")
        #expect(report.rows.first { $0["source_id"] == "c7" }?["message"] == "Already exported in an earlier batch as \"Dan Brown\"")
        #expect(report.rows.first { $0["source_id"] == "c1" }?["status"] == "Skipped")
        #expect(report.rows.first { $0["source_id"] == "c4" }?["status"] == "Skipped")
        #expect(next.summary.counts["customer"] == ["Success": 1, "Skipped": 6])
    }
}
