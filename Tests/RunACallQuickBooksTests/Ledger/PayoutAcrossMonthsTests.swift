import Foundation
import Testing
@testable import RunACallQuickBooks
@testable import RunACallSupport
@testable import RunACallRead
@testable import RunACallDecide
@testable import RunACallRender

/// The samples split at a month boundary, against one ledger: October holds the
/// invoices and payments but no payouts file, November the same records again
/// and both Stripe payouts. Every payment is received once and deposited once.
@Suite struct PayoutAcrossMonthsTests {
    /// The sample export as JSON or CSV.
    enum Kind: String, CaseIterable { case json = "export", csv = "export-csv" }

    struct Month {
        let out: URL
        let report: ReportFile
        let result: ConversionResult

        func row(_ id: String) -> [String: String] { report.rows.first { $0["source_id"] == id } ?? [:] }
        /// The IIF's transactions; none when the run wrote no IIF (a run with nothing new writes no QuickBooks file).
        func iif() throws -> [IIFTransaction] {
            let url = out.appendingPathComponent("iif/quickbooks.iif")
            guard FileManager.default.fileExists(atPath: url.path) else { return [] }
            return try IIFReader(url: url).transactions().transactions
        }
        /// The qbXML requests; empty when the run wrote no qbXML file.
        func requests() throws -> String {
            guard FileManager.default.fileExists(atPath: out.appendingPathComponent("qbxml/requests.xml").path) else { return "" }
            return try InvoiceRulesTests.text(out, "qbxml/requests.xml")
        }
    }

    /// The payouts and their nets, from `samples/export/payouts.json`.
    static func payoutNets() throws -> [String: Money] {
        Dictionary(uniqueKeysWithValues: try PaymentSampleTests.exportJSON("payouts.json").map { ("\($0["id"]!)", PaymentSampleTests.money($0["net"])) })
    }

    /// The sample export of `kind` without the entities `leaving` out, in a folder of its own.
    static func export(_ kind: Kind, leaving: Set<String> = []) throws -> URL {
        let source = TestPaths.samples.appendingPathComponent(kind.rawValue)
        let folder = try TestPaths.temporaryFolder("export")
        for file in try FileManager.default.contentsOfDirectory(atPath: source.path)
        where !leaving.contains((file as NSString).deletingPathExtension) {
            try FileManager.default.copyItem(at: source.appendingPathComponent(file), to: folder.appendingPathComponent(file))
        }
        return folder
    }

    static func convert(_ export: URL, ledger: URL, formats: [OutputFormat]) throws -> Month {
        var configuration = try ConfigurationLoader.load(contentsOf: Conversion.sampleConfig)
        configuration.output.formats = formats
        let out = try TestPaths.temporaryFolder("out")
        let result = try Converter.run(ConversionOptions(exportPaths: [export], configuration: configuration, outputDirectory: out,
                                                         ledger: ledger, startedAt: Conversion.fixedStart))
        return Month(out: out, report: try ReportFile(out), result: result)
    }

    /// QuickBooks' answer to every request of a file, all done: a TxnID (or ListID) `QB-<requestID>` each.
    static func answerAll(_ month: Month) throws -> URL {
        let text = try month.requests()
        let pattern = try NSRegularExpression(pattern: #"<(\w+)Rq requestID="([^"]+)""#)
        let answers = pattern.matches(in: text, range: NSRange(text.startIndex..., in: text)).map { match -> String in
            let kind = String(text[Range(match.range(at: 1), in: text)!])
            let requestID = String(text[Range(match.range(at: 2), in: text)!])
            let isList = kind.hasPrefix("Customer") || kind.hasPrefix("Item")
            let ret = kind.replacingOccurrences(of: "Add", with: "Ret")
            // QuickBooks' identities are at most 36 characters.
            let id = String("QB-\(requestID)".prefix(36))
            let identity = isList ? "<ListID>\(id)</ListID>" : "<TxnID>\(id)</TxnID>"
            return "<\(kind)Rs requestID=\"\(requestID)\" statusCode=\"0\" statusSeverity=\"Info\" statusMessage=\"Status OK\">"
                + "<\(ret)>\(identity)<EditSequence>1</EditSequence></\(ret)></\(kind)Rs>"
        }
        return try ResponseIngestTests.responses(answers.joined(separator: "\n"))
    }

    static let waiting = ["pay-001", "pay-004", "pay-007", "pay-008", "pay-009", "pay-012", "ref-001"]

    /// October: every payment whose invoice is written, and the refund, written; those naming a payout wait for it.
    static func checkOctober(_ october: Month) throws {
        let rows = october.report.rows("payment") + october.report.rows("refund")
        #expect(rows.filter { $0["status"] == "Success" }.count == 13, "12 payments and the refund")
        #expect(rows.filter { $0["status"] == "Failed" }.map { $0["source_id"] } == ["pay-005"], "the closed-period invoice's payment")
        #expect(rows.filter { $0["warning"]?.contains("(not in this export)") == true }.map { $0["source_id"]! } == waiting)
        #expect(october.row("pay-001")["message"]?.hasSuffix("; waits there for Stripe payout po_1A2b3C") == true)
        #expect(october.row("pay-001")["warning"]?.contains("Waits in Undeposited Funds for Stripe payout po_1A2b3C (not in this export)") == true)
        #expect(october.result.summary.paymentsWaitingForPayout == Money(parsing: "733.41"), "169.80 + 19.99 + 207.00 + 221.63 + 19.99 + 95.00")
        #expect(october.result.summary.refundsWaitingForPayout == Money(parsing: "20.00"))
        #expect(october.result.summary.depositsWritten == .zero)
    }

    /// November, once it can be written: both deposits at their payouts' nets, no payment again.
    static func checkNovember(_ november: Month, formats: [OutputFormat]) throws {
        let nets = try payoutNets()
        for (id, net) in nets {
            #expect(november.row(id)["status"] == "Success", "\(id): \(november.row(id)["message"] ?? "")")
            #expect(november.row(id)["message"]?.hasPrefix("Deposit of \(net) into Business Checking") == true)
        }
        #expect(november.row("po_1A2b3C")["message"]?.contains("(4 lines, 3 of them written by earlier batches)") == true)
        #expect(november.row("po_9Z8y7X")["message"]?.contains("(5 lines, 4 of them written by earlier batches)") == true)
        let again = (november.report.rows("payment") + november.report.rows("refund")).filter { $0["status"] == "Success" }
        #expect(again.isEmpty, "no payment or refund is written again")
        #expect(november.row("pay-001")["message"] == "Already exported in batch 1; the deposit of Stripe payout po_1A2b3C takes it out of Undeposited Funds now")
        #expect(november.result.summary.depositsWritten == Money(parsing: "690.34"))
        #expect(november.result.summary.depositedFromEarlierBatches == Money(parsing: "713.41"), "733.41 of payments − 20.00 refunded")
        #expect(november.result.summary.paymentsWaitingForPayout == .zero && november.result.summary.refundsWaitingForPayout == .zero)
        #expect(november.result.summary.depositsReconcile)
        if formats.contains(.iif) {
            let transactions = try november.iif()
            #expect(!transactions.contains { ["PAYMENT", "CREDIT MEMO", "INVOICE"].contains($0.header["TRNSTYPE"]) })
            let deposits = transactions.filter { $0.header["TRNSTYPE"] == "DEPOSIT" }
            #expect(Dictionary(uniqueKeysWithValues: deposits.map { ($0.header["MEMO"]!, Money(parsing: $0.header["AMOUNT"]!)!) })
                    == Dictionary(uniqueKeysWithValues: nets.map { ("Stripe payout \($0.key)", $0.value) }))
            #expect(try FileChecker.checkIIF(november.out.appendingPathComponent("iif/quickbooks.iif")) == [], "every transaction balances")
        }
    }

    @Test(arguments: Kind.allCases) func iifDepositsTheEarlierMonthsPayments(kind: Kind) throws {
        let ledger = try TestPaths.temporaryFolder().appendingPathComponent("ledger.sqlite")
        let october = try Self.convert(try Self.export(kind, leaving: ["payouts"]), ledger: ledger, formats: [.iif, .qboCSV])
        try Self.checkOctober(october)
        #expect(try FileChecker.checkIIF(october.out.appendingPathComponent("iif/quickbooks.iif")) == [])
        let export = try Self.export(kind)
        let november = try Self.convert(export, ledger: ledger, formats: [.iif, .qboCSV])
        try Self.checkNovember(november, formats: [.iif, .qboCSV])
        let deposits = try InvoiceRulesTests.text(november.out, "qbo-csv/deposits.csv")
        #expect(deposits.contains("Stripe payout po_1A2b3C,384.39") && deposits.contains("Stripe payout po_9Z8y7X,305.95"))

        let december = try Self.convert(export, ledger: ledger, formats: [.iif, .qboCSV])
        #expect(december.row("po_1A2b3C")["message"] == "Already exported in batch 2", "a payout seen again is never deposited twice")
        #expect(try december.iif().isEmpty)
        #expect(december.result.nothingNew, "nothing new: no QuickBooks file, no batch")
    }

    @Test(arguments: Kind.allCases) func qbxmlDepositsNeedTheIngestedPaymentsFirst(kind: Kind) throws {
        let formats: [OutputFormat] = [.iif, .qbxml]
        let ledger = try TestPaths.temporaryFolder().appendingPathComponent("ledger.sqlite")
        let october = try Self.convert(try Self.export(kind, leaving: ["payouts"]), ledger: ledger, formats: formats)
        try Self.checkOctober(october)
        #expect(try QBXMLSchemaTests.schema().validate(file: october.out.appendingPathComponent("qbxml/requests.xml")) == [])
        let export = try Self.export(kind)

        let early = try Self.convert(export, ledger: ledger, formats: formats)
        #expect(early.row("po_1A2b3C")["status"] == "Failed")
        #expect(early.row("po_1A2b3C")["message"] == "Payout not written yet: qbXML takes payment pay-001 of batch 1 out of Undeposited Funds through its QuickBooks TxnID, which rac2qb does not know")
        #expect(early.row("po_1A2b3C")["fix"] == "Ingest the QuickBooks responses of batch 1 first (rac2qb ingest RESPONSES.xml), then re-run: the run after the ingest writes the deposit.")
        #expect(early.result.summary.depositsWritten == .zero && early.result.summary.paymentsWaitingForPayout == Money(parsing: "733.41"))
        #expect(!(try early.requests()).contains("DepositAdd"))

        let ingested = try ResponseIngest.ingest([try Self.answerAll(october)], ledger: ledger, batch: 1)
        #expect(ingested.rows.isEmpty, "\(ingested.rows.map(\.message))")
        let november = try Self.convert(export, ledger: ledger, formats: formats)
        try Self.checkNovember(november, formats: formats)
        let requests = try november.requests()
        #expect(!requests.contains("ReceivePaymentAdd") && !requests.contains("CreditMemoAdd"))
        #expect(requests.contains("<PaymentTxnID>QB-req-pay-pay-001</PaymentTxnID>"), "the payment's TxnID from the ingested responses")
        #expect(!requests.contains("useMacro=\"TxnID:pay-"))
        #expect(try QBXMLSchemaTests.schema().validate(file: november.out.appendingPathComponent("qbxml/requests.xml")) == [])
        #expect(try Self.depositTotals(requests: requests, payments: try october.requests()) == (try Self.payoutNets()),
                "Σ payments by TxnID − refund and fee lines = each payout's net")
    }

    /// Each DepositAdd's total, read back: the amounts of the payments its PaymentTxnIDs name (from the
    /// requests that wrote them, answered `QB-<requestID>`), plus its other lines' amounts.
    static func depositTotals(requests: String, payments: String) throws -> [String: Money] {
        let paymentPattern = try NSRegularExpression(pattern: #"<ReceivePaymentAddRq requestID="([^"]+)">[\s\S]*?<TotalAmount>([^<]+)</TotalAmount>"#)
        var amounts: [String: Money] = [:]
        for match in paymentPattern.matches(in: payments, range: NSRange(payments.startIndex..., in: payments)) {
            amounts["QB-" + String(payments[Range(match.range(at: 1), in: payments)!])] = Money(parsing: String(payments[Range(match.range(at: 2), in: payments)!]))
        }
        var totals: [String: Money] = [:]
        for deposit in requests.components(separatedBy: "<DepositAdd ").dropFirst() {
            let body = deposit.components(separatedBy: "</DepositAdd>")[0]
            let id = String(body.components(separatedBy: "<Memo>Stripe payout ")[1].prefix { $0 != "<" })
            var total = Money.zero
            for line in body.components(separatedBy: "<DepositLineAdd>").dropFirst() {
                if let txnID = line.components(separatedBy: "<PaymentTxnID>").dropFirst().first?.prefix(while: { $0 != "<" }) {
                    total = total + (try #require(amounts[String(txnID)], "payment \(txnID) was written by October"))
                } else if let amount = line.components(separatedBy: "<Amount>").dropFirst().first?.prefix(while: { $0 != "<" }) {
                    total = total + (try #require(Money(parsing: String(amount))))
                }
            }
            totals[id] = total
        }
        return totals
    }

    // MARK: Small exports

    static func small(_ payments: [String], payouts: String?, ledger: URL, formats: [OutputFormat] = [.iif]) throws -> Month {
        var files = ["invoices.json": PaymentRulesTests.invoices, "payments.json": "[" + payments.joined(separator: ",") + "]"]
        if let payouts { files["payouts.json"] = payouts }
        let folder = try Conversion.export(files)
        var configuration = Configuration()
        configuration.output.formats = formats
        let out = folder.appendingPathComponent("out")
        let result = try Converter.run(ConversionOptions(exportPaths: [folder], configuration: configuration, outputDirectory: out, ledger: ledger))
        return Month(out: out, report: try ReportFile(out), result: result)
    }

    static func payout(gross: String, net: String) -> String {
        #"[{"id": "po_1", "arrival_date": "2026-10-05", "gross": "\#(gross)", "fees": "3.20", "net": "\#(net)"}]"#
    }

    @Test func aPayoutPartlyEarlierAndPartlyNowDepositsBoth() throws {
        let ledger = try TestPaths.temporaryFolder().appendingPathComponent("ledger.sqlite")
        let first = PaymentRulesTests.payment("p1", amount: "60.00")
        let october = try Self.small([first], payouts: nil, ledger: ledger, formats: [.iif, .qbxml])
        #expect(october.row("p1")["status"] == "Success")
        let answers = try ResponseIngestTests.responses(ResponseIngestTests.added("req-inv-1", txnID: "TX-1", editSequence: "1") + """
            <ReceivePaymentAddRs requestID="req-pay-p1" statusCode="0" statusSeverity="Info" statusMessage="Status OK">
              <ReceivePaymentRet><TxnID>TX-P1</TxnID><EditSequence>1</EditSequence></ReceivePaymentRet>
            </ReceivePaymentAddRs>
            """)
        #expect(try ResponseIngest.ingest([answers], ledger: ledger, batch: 1).done == ["invoice": 1, "payment": 1])

        let november = try Self.small([first, PaymentRulesTests.payment("p2", amount: "40.00")],
                                      payouts: Self.payout(gross: "100.00", net: "96.80"), ledger: ledger, formats: [.iif, .qbxml])
        #expect(november.row("p1")["message"]?.hasPrefix("Already exported in batch 1") == true)
        #expect(november.row("p2")["status"] == "Success")
        #expect(november.row("po_1")["message"] == "Deposit of 96.80 into Business Checking (3 lines, 1 of them written by earlier batches)")
        let requests = try november.requests()
        #expect(requests.contains("<PaymentTxnID useMacro=\"TxnID:pay-p2\"></PaymentTxnID>"), "the payment of this file by its macro")
        #expect(requests.contains("<PaymentTxnID>TX-P1</PaymentTxnID>"), "October's payment by its TxnID")
        #expect(try QBXMLSchemaTests.schema().validate(file: november.out.appendingPathComponent("qbxml/requests.xml")) == [])
        let deposit = try #require(try november.iif().first { $0.header["TRNSTYPE"] == "DEPOSIT" })
        #expect(deposit.splits.map { $0["MEMO"] } == ["Payment p2", "Payment p1", "Stripe fees"])
        #expect(try FileChecker.checkIIF(november.out.appendingPathComponent("iif/quickbooks.iif")) == [])
    }

    @Test func aPayoutOfPaymentsTheExportNoLongerHoldsIsTalliedFromTheLedger() throws {
        let ledger = try TestPaths.temporaryFolder().appendingPathComponent("ledger.sqlite")
        _ = try Self.convert(try Self.export(.json, leaving: ["payouts"]), ledger: ledger, formats: [.iif])
        let november = try Self.convert(try Self.export(.json, leaving: ["payments"]), ledger: ledger, formats: [.iif])
        #expect(november.row("po_1A2b3C")["message"] == "Deposit of 384.39 into Business Checking (4 lines, 3 of them written by earlier batches)")
        #expect(november.row("po_9Z8y7X")["message"] == "Deposit of 305.95 into Business Checking (5 lines, 4 of them written by earlier batches)")
        #expect(try FileChecker.checkIIF(november.out.appendingPathComponent("iif/quickbooks.iif")) == [])
    }

    @Test func aPayoutThatDoesNotAddUpEvenWithTheLedgerFailsWithBothFigures() throws {
        let ledger = try TestPaths.temporaryFolder().appendingPathComponent("ledger.sqlite")
        let first = PaymentRulesTests.payment("p1", amount: "60.00")
        _ = try Self.small([first], payouts: nil, ledger: ledger)
        let november = try Self.small([first, PaymentRulesTests.payment("p2", amount: "40.00")],
                                      payouts: Self.payout(gross: "120.00", net: "116.80"), ledger: ledger)
        #expect(november.row("po_1")["message"] == "Payout does not add up: its payments 100.00 − refunds 0.00 = 100.00 (of which payments 60.00 − refunds 0.00 exported by earlier batches) but gross is 120.00")
        #expect(november.row("p2")["status"] == "Failed")
        #expect(!(try november.iif()).contains { $0.header["TRNSTYPE"] == "DEPOSIT" })
    }

    @Test func aPaymentIsDepositedOnceEvenWhenItNamesItsPayoutOnlyLater() throws {
        let ledger = try TestPaths.temporaryFolder().appendingPathComponent("ledger.sqlite")
        let october = try Self.small([PaymentRulesTests.payment("p1", payout: nil)], payouts: nil, ledger: ledger)
        #expect(october.row("p1")["status"] == "Success")
        let november = try Self.small([PaymentRulesTests.payment("p1", payout: "po_1")], payouts: Self.payout(gross: "100.00", net: "96.80"),
                                      ledger: ledger)
        #expect(november.row("p1")["message"] == "Already exported in batch 1; the deposit of Stripe payout po_1 takes it out of Undeposited Funds now")
        #expect(november.row("po_1")["message"] == "Deposit of 96.80 into Business Checking (2 lines, 1 of them written by earlier batches)")
        let payouts = #"[{"id": "po_2", "arrival_date": "2026-10-06", "gross": "100.00", "fees": "3.20", "net": "96.80"}]"#
        let december = try Self.small([PaymentRulesTests.payment("p1", payout: "po_2")], payouts: payouts, ledger: ledger)
        #expect(december.row("po_2")["status"] == "Failed")
        #expect(december.row("po_2")["message"] == "Payout not written: its payment p1 was deposited already, by payout po_1 in batch 2")
        #expect(!(try december.iif()).contains { $0.header["TRNSTYPE"] == "DEPOSIT" })
    }

    @Test func aRefundInALaterPayoutThanItsPaymentIsPaidOutByThatPayout() throws {
        let ledger = try TestPaths.temporaryFolder().appendingPathComponent("ledger.sqlite")
        let payment = PaymentRulesTests.payment("p1")
        let refund = PaymentRulesTests.payment("r1", amount: "30.00", kind: "refund", payout: "po_2", fee: "0")
        let october = try Self.small([payment, refund], payouts: Self.payout(gross: "100.00", net: "96.80"), ledger: ledger)
        #expect(october.row("po_1")["status"] == "Success")
        #expect(october.row("r1")["message"] == "Credit memo of 30.00 for Ann Lee (invoice #1); paid out of payout po_2's deposit, which it waits for")
        #expect(october.result.summary.refundsWaitingForPayout == Money(parsing: "30.00"))

        let payouts = #"""
            [{"id": "po_1", "arrival_date": "2026-10-05", "gross": "100.00", "fees": "3.20", "net": "96.80"},
             {"id": "po_2", "arrival_date": "2026-11-04", "gross": "20.00", "fees": "1.00", "net": "19.00"}]
            """#
        let november = try Self.small([payment, refund, PaymentRulesTests.payment("p2", invoice: "2", amount: "50.00", payout: "po_2")],
                                      payouts: payouts, ledger: ledger)
        #expect(november.row("po_1")["message"] == "Already exported in batch 1")
        #expect(november.row("r1")["message"] == "Already exported in batch 1; the deposit of Stripe payout po_2 pays it out now")
        #expect(november.row("po_2")["message"] == "Deposit of 19.00 into Business Checking (3 lines, 1 of them written by earlier batches)")
        let deposit = try #require(try november.iif().first { $0.header["TRNSTYPE"] == "DEPOSIT" })
        #expect(deposit.splits.map { $0["MEMO"] } == ["Payment p2", "Refund r1", "Stripe fees"])
        #expect(november.result.summary.refundsWaitingForPayout == .zero)
        #expect(november.result.summary.depositedFromEarlierBatches == Money(parsing: "-30.00"))
        #expect(try FileChecker.checkIIF(november.out.appendingPathComponent("iif/quickbooks.iif")) == [])
    }

    @Test func anUnbalancedTransactionIsNeverWritten() throws {
        let fee = IIFEncoding.row(["TRNS", "", "DEPOSIT", "10/14/2026", "Business Checking", "", "384.39"])
            + IIFEncoding.row(["SPL", "", "DEPOSIT", "10/14/2026", "Merchant fees", "", "12.40"]) + IIFEncoding.row(["ENDTRNS"])
        #expect(throws: FatalError.self) { try IIFBalance.check(fee) }
        let balanced = IIFEncoding.row(["TRNS", "", "DEPOSIT", "10/14/2026", "Business Checking", "", "384.39"])
            + IIFEncoding.row(["SPL", "", "DEPOSIT", "10/14/2026", "Undeposited Funds", "Ann Lee", "-396.79"])
            + IIFEncoding.row(["SPL", "", "DEPOSIT", "10/14/2026", "Merchant fees", "", "12.40"]) + IIFEncoding.row(["ENDTRNS"])
        try IIFBalance.check(balanced)
        let onlyTheFee = QBDeposit(sourceID: "po_1", date: CalendarDate(year: 2026, month: 10, day: 14)!, account: "Business Checking",
                                   fromAccount: "Undeposited Funds", lines: [.fee(account: "Merchant fees", amount: Money(parsing: "12.40")!)],
                                   net: Money(parsing: "384.39")!)
        #expect(!onlyTheFee.balances, "the deposit main wrote when every payment was already exported")
    }
}
