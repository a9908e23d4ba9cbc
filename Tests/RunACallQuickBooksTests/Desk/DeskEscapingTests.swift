import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing
@testable import RunACallDesk
@testable import RunACallQuickBooks
@testable import RunACallRender

/// Script text in every text field of an export never reaches a desk page unescaped (desk.md: every value on a page escaped).
@Suite struct DeskEscapingTests {
    static let script = "<script>alert('x')</script>"

    /// The sample export with every string of every record (ids and fields the contract types as text) holding script text.
    static func hostileExport() throws -> URL {
        let folder = try TestPaths.temporaryFolder()
        let keep: Set<String> = ["status", "invoice_date", "due_date", "sent_at", "paid_at", "voided_at", "updated_at", "currency",
                                 "quantity", "unit_price", "amount", "subtotal", "tax_total", "total", "amount_paid", "balance_due",
                                 "rate_percent", "taxable_amount", "kind", "method", "received_at", "stripe_fee", "arrival_date",
                                 "gross", "fees", "net", "type", "created_at", "invoice_id", "payout_id", "id", "customer_id"]
        func poison(_ value: Any, key: String?) -> Any {
            switch value {
            case let object as [String: Any]:
                return Dictionary(uniqueKeysWithValues: object.map { ($0.key, poison($0.value, key: $0.key)) })
            case let array as [Any]:
                return array.map { poison($0, key: key) }
            case let text as String where !keep.contains(key ?? ""):
                return text + " " + script
            default:
                return value
            }
        }
        for name in ["invoices.json", "payments.json", "payouts.json", "customers.json", "items.json"] {
            let data = try Data(contentsOf: TestPaths.samples.appendingPathComponent("export/\(name)"))
            let object = try JSONSerialization.jsonObject(with: data)
            try JSONSerialization.data(withJSONObject: poison(object, key: nil)).write(to: folder.appendingPathComponent(name))
        }
        return folder
    }

    @Test func scriptTextInEveryFieldIsNeverUnescapedOnAnyPage() async throws {
        let export = try Self.hostileExport()
        let config = try DeskExportsTests.sampleConfig()
        try await RunningDesk.with(configFile: config) { desk, client in
            let names = ["invoices.json", "payments.json", "payouts.json", "customers.json", "items.json"]
            let form = try desk.form(names.map { ($0, export.appendingPathComponent($0)) })
            let upload = try await client.post("/api/exports", headers: form.headers, body: form.body)
            let id = try #require(try DeskExportsTests.object(upload)["id"] as? String, "\(upload.text)")
            let check = try DeskExportsTests.object(try await client.post("/api/exports/\(id)/check", headers: desk.changing, body: ByteBuffer()))
            _ = try await DeskExportsTests.finished(try #require(check["job"] as? String), desk: desk, client: client)
            let convert = try DeskExportsTests.object(try await client.post("/api/exports/\(id)/convert", headers: desk.changing, body: ByteBuffer()))
            _ = try await DeskExportsTests.finished(try #require(convert["job"] as? String), desk: desk, client: client)

            let rows = try DeskExportsTests.object(try await client.get("/api/exports/\(id)/rows?per_page=500", headers: desk.signedIn))
            #expect((rows["rows"] as? [[String: String]])?.contains { ($0["entity"] ?? "").contains(Self.script) || ($0["customer"] ?? "").contains(Self.script) } == true,
                    "the script text did reach the data (the test would prove nothing otherwise)")
            let pages = ["/", "/exports/\(id)", "/exports/\(id)/invoices/1044", "/batches", "/settings", "/from-quickbooks",
                         "/runs/\(id)/check-1/report/index.html", "/api/batches/1/files/report/index.html"]
            for page in pages {
                let answer = try await client.get(page, headers: desk.signedIn)
                #expect(answer.status == .ok, "\(page)")
                #expect(!answer.text.contains("<script>alert"), "\(page) holds the script text unescaped")
            }
            let preview = try await client.get("/exports/\(id)/invoices/1044", headers: desk.signedIn)
            #expect(preview.text.contains("&lt;script&gt;alert("), "the preview shows the text, escaped")
        }
    }
}
