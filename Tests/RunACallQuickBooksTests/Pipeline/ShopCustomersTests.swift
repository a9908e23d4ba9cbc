import ExportGenerator
import Foundation
import Testing
@testable import RunACallQuickBooks

/// A generated export drawn from as many customers as a shop's history has
/// (one per four invoices, what `rac2qb-gen` and the benchmark make): its
/// invoices name about that many customers, each past the tests' first 200
/// under a name of its own, and convert as the oracle says.
@Suite struct ShopCustomersTests {
    @Test func aShopsExportNamesItsCustomersAndConverts() throws {
        let folder = try TestPaths.temporaryFolder("shop-customers")
        let customerCount = ExportGenerator.shopCustomerCount(invoiceCount: 1_600)
        #expect(customerCount == 400)
        let oracle = try ExportGenerator(invoiceCount: 1_600, customerCount: customerCount, seed: 7).writeWithPayments(format: .jsonl, to: folder)

        var names: [String: String] = [:]
        for line in try String(contentsOf: folder.appendingPathComponent("invoices.jsonl"), encoding: .utf8).split(separator: "\n") {
            let record = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
            let customer = try #require(record["customer"] as? [String: Any])
            let id = try #require(customer["id"] as? String)
            names[id] = customer["name"] as? String
        }
        #expect((350...400).contains(names.count), "1,600 draws of 400 customers name nearly all of them")
        let beyondTests = names.filter { Int($0.key.dropFirst("cust-".count))! >= 200 }.values.map { $0.prefix(41) }
        #expect(Set(beyondTests).count == beyondTests.count, "past the first 200, names differ within 41 characters")

        _ = try Conversion.run(folder, configText: ExportGenerator.configuration(), out: folder.appendingPathComponent("out"))
        let report = try ReportFile(folder.appendingPathComponent("out"))
        #expect(report.invoices.map { $0["status"] ?? "" } == oracle.invoices.map(\.outcome.rawValue))
    }
}
