import Foundation
import Testing
@testable import RunACallQuickBooks
@testable import RunACallSupport
@testable import RunACallDecide

/// The export table's indexes hold only the rows their lookups find (partial indexes), an earlier version's
/// ledger gets them when opened, and every lookup still goes through its index and finds its rows.
@Suite struct LedgerIndexTests {
    /// The four indexes the eighth migration made partial, and the condition each keeps rows by.
    static let partial = [
        "export_invoice": "WHERE invoice_id IS NOT NULL",
        "export_payout": "WHERE payout_id IS NOT NULL",
        "export_list_id": "WHERE list_id IS NOT NULL",
        "export_quickbooks_name": "WHERE entity IN ('customer', 'item')",
    ]

    static func indexSQL(_ database: SQLiteDatabase) throws -> [String: String] {
        var found: [String: String] = [:]
        try database.query("SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = 'export' AND sql IS NOT NULL") {
            found[$0.text(0) ?? ""] = $0.text(1)
        }
        return found
    }

    /// SQLite's plan for a query, one detail a step.
    static func plan(_ database: SQLiteDatabase, _ sql: String) throws -> [String] {
        var steps: [String] = []
        try database.query("EXPLAIN QUERY PLAN \(sql)") { steps.append($0.text(3) ?? "") }
        return steps
    }

    @Test func anEarlierVersionsLedgerGetsThePartialIndexesAndKeepsItsRows() throws {
        let url = try TestPaths.temporaryFolder().appendingPathComponent("ledger.sqlite")
        do {
            let earlier = try SQLiteDatabase(url: url)
            for migration in Ledger.migrations.prefix(7) { try earlier.execute(migration) }
            try earlier.execute("""
                PRAGMA user_version = 7; PRAGMA application_id = \(Ledger.applicationID);
                INSERT INTO batch(id, started_at, output, state) VALUES (1, 't', '/out', 'committed');
                INSERT INTO export(batch, entity, source_id, hash, fields, customer, targets)
                    VALUES (1, 'customer', 'cust-1', 'h', 'name: Ann Lee', 'Ann Lee', 'iif/quickbooks.iif');
                """)
            #expect(try Self.indexSQL(earlier)["export_quickbooks_name"]?.contains("WHERE") == false)
        }
        let ledger = try Ledger(url: url)
        let indexes = try Self.indexSQL(ledger.database)
        for (name, condition) in Self.partial {
            #expect(indexes[name]?.hasSuffix(condition) == true, "\(name): \(indexes[name] ?? "missing")")
        }
        #expect(indexes["export_request"]?.contains("WHERE") == false, "every qbXML record has a request id: kept whole")
        #expect(try ledger.database.integer("PRAGMA user_version") == Int64(Ledger.migrations.count))
        #expect(try ledger.latestExport(of: .customer, quickBooksName: "ANN LEE")?.sourceID == "cust-1")
    }

    @Test func everyLookupGoesThroughItsIndexAndFindsItsRows() throws {
        let url = try TestPaths.temporaryFolder().appendingPathComponent("ledger.sqlite")
        let ledger = try Ledger(url: url)
        _ = try ledger.begin(startedAt: "t", output: "/out")
        try ledger.record(LedgerEntry(entity: .customer, sourceID: "cust-1", hash: "h", fields: "name: Ann Lee", customer: "Ann Lee",
                                      targets: "qbxml/requests.xml", listID: "80000001-1"))
        try ledger.record(LedgerEntry(entity: .item, sourceID: "Service", hash: "h", fields: "kind: service", customer: "Service",
                                      targets: "qbxml/requests.xml"))
        try ledger.record(LedgerEntry(entity: .invoice, sourceID: "INV1", hash: "h", fields: "total: 100.00", customer: "Ann Lee",
                                      total: Money(parsing: "100.00"), targets: "qbxml/requests.xml"))
        for (id, amount, payout) in [("pay-1", "30.00", nil), ("pay-2", "20.00", "po_1")] {
            try ledger.record(LedgerEntry(entity: .payment, sourceID: id, hash: "h", fields: "amount: \(amount)", customer: "Ann Lee",
                                          total: Money(parsing: amount), targets: "qbxml/requests.xml", invoiceID: "INV1"),
                              payoutID: payout)
        }
        try ledger.seal(files: [])
        try ledger.markCommitted()

        #expect(try ledger.latestExport(of: .customer, quickBooksName: "ann lee")?.sourceID == "cust-1")
        #expect(try ledger.latestExport(of: .item, quickBooksName: "SERVICE")?.sourceID == "Service")
        #expect(try ledger.latestExport(of: .invoice, quickBooksName: "Ann Lee") == nil, "invoices are not looked up by name")
        #expect(try ledger.latestExport(of: .customer, listID: "80000001-1")?.sourceID == "cust-1")
        #expect(try ledger.applied(toInvoice: "INV1") == Money(parsing: "50.00"))
        var waiting: [String] = []
        try ledger.waiting(forPayout: "po_1") { waiting.append($0.sourceID) }
        #expect(waiting == ["pay-2"])
        #expect(try ledger.waitingForPayouts(includingOpenBatch: false).payments == Money(parsing: "20.00"))

        let lookups = [
            (Ledger.latestExportQuery(where: Ledger.quickBooksNameCondition), "export_quickbooks_name"),
            (Ledger.latestExportQuery(where: Ledger.listIDCondition), "export_list_id"),
            (Ledger.appliedQuery, "export_invoice"),
            (Ledger.waitingQuery, "export_payout"),
        ]
        for (sql, index) in lookups {
            let steps = try Self.plan(ledger.database, sql)
            #expect(steps.contains { $0.hasPrefix("SEARCH e USING INDEX \(index) ") }, "\(index): \(steps)")
        }
    }
}
