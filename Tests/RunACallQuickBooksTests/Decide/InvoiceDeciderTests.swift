import Foundation
import Testing
@testable import RunACallQuickBooks
@testable import RunACallSupport
@testable import RunACallRead
@testable import RunACallDecide

/// The invoice decider on small values, one test per rule: no file, no ledger, no writer.
@Suite struct InvoiceDeciderTests {
    /// A decider over a fresh list registry for `config` (the default formats unless given).
    static func decider(_ config: String = "version: 1\n", paymentsInExport: Bool = true) throws -> InvoiceDecider {
        let configuration = try ConfigurationLoader.parse(config)
        let limits = NameLimits(formats: configuration.output.formats)
        let customers = CustomerDirectory(limits: limits, create: true)
        let items = ItemCatalog(configuration: configuration, limits: limits)
        let mapper = InvoiceMapper(configuration: configuration, limits: limits, customers: customers, items: items, books: BooksRules())
        return InvoiceDecider(configuration: configuration, mapper: mapper, writesQBXML: configuration.output.formats.contains(.qbxml),
                              paymentsInExport: paymentsInExport, invoiceFiles: "invoices.json")
    }

    /// An invoice read from one JSON object (`InvoiceRulesTests.invoice` fields, with `extra` members).
    static func invoice(id: String = "1", status: String = "sent", total: String = "100.00", extra: String = "") throws -> Invoice {
        let text = InvoiceRulesTests.invoice(id: id, status: status, extra: extra, total: total)
        let parser = JSONParser(reader: ByteReader(bytes: Array(text.utf8)))
        let record = RawRecord(location: .index(0, in: "invoices.json"), content: .success(RecordNode(try parser.parseValue())),
                               fromCSV: false, rowLines: [], id: id)
        return try RecordDecoder.invoice(record)
    }

    static let row = ReportRow(timestamp: "", entityType: .invoice, sourceID: "1", entity: "Invoice #1", status: .failed,
                               message: "", fix: "", source: "invoices.json record #0", targets: [], isSourceRow: true)

    /// What batch `batch` recorded of `invoice`, QuickBooks' TxnID and edit sequence when its response was ingested.
    static func exported(_ invoice: Invoice, batch: Int64 = 3, status: String = "sent", txnID: String? = nil,
                         editSequence: String? = nil) -> LedgerEntry {
        let fields = SyncedFields(invoice)
        return LedgerEntry(entity: .invoice, sourceID: invoice.id, hash: fields.hash, fields: fields.text, customer: "Ann Lee",
                           docNumber: invoice.id, total: invoice.total, status: status, targets: "", batch: batch,
                           txnID: txnID, editSequence: editSequence)
    }

    static func decide(_ invoice: Invoice, duplicated: Bool = false, history: InvoiceHistory = .none,
                       config: String = "version: 1\n") throws -> InvoiceDecision {
        try decider(config).decide(invoice, row: row, duplicated: duplicated, history: history)
    }

    // MARK: The seed's rules for a new invoice

    @Test func aSentInvoiceIsAddedInEveryFormat() throws {
        let decision = try Self.decide(try Self.invoice())
        #expect(decision.row.status == .success)
        guard case .add(let posting)? = decision.rendering else { Issue.record("not added"); return }
        #expect(posting.total == Money(parsing: "100.00") && posting.customer == "Ann Lee" && posting.refNumber == "1")
        guard case .added? = decision.memory else { Issue.record("not remembered"); return }
        guard case .written(let customer, _, let total)? = decision.facts else { Issue.record("no facts"); return }
        #expect(customer == "Ann Lee" && total == posting.total)
        #expect(decision.row.context == "Ann Lee · 2026-10-01 · 100.00")
    }

    @Test func aDraftIsSkippedAndItsPaymentsCanNeverBeWritten() throws {
        let decision = try Self.decide(try Self.invoice(status: "draft"))
        #expect(decision.row.status == .skipped && decision.row.message == "Draft: never sent")
        #expect(decision.rendering == nil && decision.memory == nil)
        guard case .notWritable("Draft: never sent")? = decision.facts else { Issue.record("\(String(describing: decision.facts))"); return }
    }

    @Test func onPaymentAnUnpaidInvoiceWaitsWithItsPayments() throws {
        let decision = try Self.decide(try Self.invoice(status: "sent"), config: "invoices:\n  when: on_payment\n")
        #expect(decision.row.status == .skipped && decision.row.message == "Not paid yet (on payment mode)")
        guard case .skipped? = decision.facts else { Issue.record("\(String(describing: decision.facts))"); return }
    }

    @Test func invoiceSyncOffSkipsEveryInvoice() throws {
        let decision = try Self.decide(try Self.invoice(), config: "invoices:\n  sync: false\n")
        #expect(decision.row.message == "Invoice sync is off (invoices.sync: false)" && decision.rendering == nil)
    }

    @Test func invoiceSyncOffWritesNoVoidOfAnInvoiceAnEarlierBatchExported() throws {
        let history = InvoiceHistory(previous: Self.exported(try Self.invoice(), txnID: "T-1"))
        let decision = try Self.decide(try Self.invoice(status: "void"), history: history, config: "invoices:\n  sync: false\n")
        #expect(decision.row.status == .skipped && decision.rendering == nil && decision.memory == nil && decision.row.warning == "")
        #expect(decision.row.message == "Invoice sync is off (invoices.sync: false): voided in Run a Call after batch 3, not voided in QuickBooks")
        guard case .notWritable("void")? = decision.facts else { Issue.record("\(String(describing: decision.facts))"); return }
    }

    @Test func invoiceSyncOffWritesNoEditOfAnInvoiceAnEarlierBatchExported() throws {
        let history = InvoiceHistory(previous: Self.exported(try Self.invoice(), txnID: "T-1", editSequence: "E-1"))
        for formats in ["[iif, qbo-csv, qbxml]", "[iif]"] {
            let decision = try Self.decide(try Self.editedInvoice(), history: history,
                                           config: "output:\n  formats: \(formats)\ninvoices:\n  sync: false\n")
            #expect(decision.row.status == .skipped && decision.rendering == nil && decision.memory == nil && decision.mapping == nil,
                    "\(formats): nothing written, nothing assumed done")
            #expect(decision.row.message.hasPrefix("Invoice sync is off (invoices.sync: false): edited in Run a Call after batch 3, not changed in QuickBooks: "))
            if case .exported(_, _, Money(parsing: "100.00"))? = decision.facts {} else {
                Issue.record("\(formats): QuickBooks still holds the earlier total, not \(String(describing: decision.facts))")
            }
        }
        let paidAfter = try Self.editedInvoice(status: "paid")
        let blocked = try Self.decide(paidAfter, history: history, config: "invoices:\n  sync: false\n")
        #expect(blocked.row.status == .skipped && blocked.row.error == nil, "an edit it would refuse is not synced either")
    }

    @Test func invoiceSyncOffLeavesAnUnchangedExportAlone() throws {
        let invoice = try Self.invoice()
        let decision = try Self.decide(invoice, history: InvoiceHistory(previous: Self.exported(invoice)), config: "invoices:\n  sync: false\n")
        #expect(decision.row.status == .skipped && decision.rendering == nil && decision.memory == nil)
        #expect(decision.row.message == "Invoice sync is off (invoices.sync: false): exported in batch 3")
        guard case .exported("Ann Lee", _, _)? = decision.facts else { Issue.record("no facts"); return }
    }

    @Test func aClosedPeriodFailsWithItsCode() throws {
        let decision = try Self.decide(try Self.invoice(), config: "company:\n  closing_date: 2026-10-01\n")
        #expect(decision.row.status == .failed && decision.row.error == .closedPeriod && decision.rendering == nil)
        guard case .failed(.closedPeriod)? = decision.facts else { Issue.record("\(String(describing: decision.facts))"); return }
    }

    @Test func anotherCurrencyFails() throws {
        let decision = try Self.decide(try Self.invoice(extra: #", "currency": "CAD""#))
        #expect(decision.row.error == .currencyNotSupported && decision.rendering == nil)
    }

    @Test func aDuplicatedIDFailsEveryCopyAndIsNeverMapped() throws {
        let decision = try Self.decide(try Self.invoice(), duplicated: true)
        #expect(decision.row.error == .duplicateInvoiceID && decision.mapping == nil && decision.rendering == nil)
        guard case .notWritable("duplicate invoice ID")? = decision.facts else { Issue.record("no facts"); return }
    }

    @Test func anUnreadableRecordFailsAndItsPaymentsCannotBeWritten() throws {
        let decision = try Self.decider().unreadable(Self.row, .undecodable(CocoaError(.coderReadCorrupt)), id: "1", readable: nil)
        #expect(decision.row.status == .failed && decision.invoice == nil)
        guard case .notWritable("it could not be read")? = decision.facts else { Issue.record("no facts"); return }
    }

    @Test func withoutPaymentsNoFactsAreKept() throws {
        let decision = try Self.decider(paymentsInExport: false).decide(try Self.invoice(), row: Self.row, duplicated: false, history: .none)
        #expect(decision.facts == nil && decision.rendering != nil)
    }

    @Test func theBalanceQuickBooksHoldsIsTheTotalLessWhatEarlierBatchesApplied() throws {
        let invoice = try Self.invoice(status: "partially_paid", extra: #", "amount_paid": "30.00", "balance_due": "70.00""#)
        let decision = try Self.decide(invoice, history: InvoiceHistory(paidEarlier: Money(parsing: "30.00")!))
        #expect(decision.balance == InvoiceBalance(customer: "Ann Lee", due: Money(parsing: "70.00")!, held: Money(parsing: "70.00")!))
    }

    @Test func aNewVoidIsWrittenAtZeroAndItsPaymentsCanNeverBeWritten() throws {
        let decision = try Self.decide(try Self.invoice(status: "void", extra: #", "balance_due": "0.00""#))
        #expect(decision.row.status == .success && decision.row.message == "Void: written with a zero balance")
        guard case .add(let posting)? = decision.rendering else { Issue.record("not added"); return }
        #expect(posting.isVoid && posting.total == .zero)
        guard case .notWritable("void")? = decision.facts else { Issue.record("\(String(describing: decision.facts))"); return }
        #expect(decision.balance == nil, "a void holds no receivable")
    }

    @Test func aWrittenInvoiceWithoutABalanceDueAddsNoBalanceToCheck() throws {
        let decision = try Self.decide(try Self.invoice())
        #expect(decision.rendering != nil && decision.balance == nil)
    }

    @Test func anUnreadableRecordWhoseStatusAndTotalReadCountsThemAndOneWithoutAnIDKeepsNoFacts() throws {
        let decider = try Self.decider()
        let readable = decider.unreadable(Self.row, .undecodable(CocoaError(.coderReadCorrupt)), id: "1",
                                          readable: (status: .sent, total: Money(parsing: "100.00")!))
        #expect(readable.row.status == .failed && readable.amount == Money(parsing: "100.00") && readable.readableStatus == .sent)
        let anonymous = decider.unreadable(Self.row, .undecodable(CocoaError(.coderReadCorrupt)), id: nil, readable: nil)
        #expect(anonymous.facts == nil && anonymous.amount == nil && anonymous.readableStatus == nil)
    }

    @Test func theRowsTimeIsWhenItsSyncEventHappened() throws {
        let paid = try Self.invoice(status: "paid", extra: #", "paid_at": "2026-10-04T08:00:00Z""#)
        #expect(try Self.decider("invoices:\n  when: on_payment\n").timestamp(of: paid) == "2026-10-04T08:00:00Z")
        #expect(try Self.decider().timestamp(of: paid) == "2026-10-01T10:00:00Z", "on send: when it was sent")
        let voided = try Self.invoice(status: "void", extra: #", "voided_at": "2026-10-06T09:30:00Z""#)
        #expect(try Self.decider().timestamp(of: voided) == "2026-10-06T09:30:00Z")
    }

    @Test func aMappedInvoicesWarningsReachItsRow() throws {
        let decision = try Self.decide(try Self.invoice(total: "90.00", extra: #", "discount": {"amount": "10.00"}"#))
        #expect(decision.row.status == .success)
        #expect(decision.row.warning == "QBO CSV: discount 10.00 to enter by hand (qbo-csv/discounts-to-enter.csv)")
    }

    // MARK: An invoice an earlier batch exported

    @Test func unchangedSinceAnEarlierBatchIsNotWrittenAgain() throws {
        let invoice = try Self.invoice()
        let decision = try Self.decide(invoice, history: InvoiceHistory(previous: Self.exported(invoice)))
        #expect(decision.row.status == .skipped && decision.row.message == "Already exported in batch 3")
        #expect(decision.earlierBatch && decision.rendering == nil && decision.memory == nil)
        guard case .exported("Ann Lee", _, _)? = decision.facts else { Issue.record("no facts"); return }
    }

    @Test func voidedAfterExportWithATxnIDIsATxnVoid() throws {
        let sent = try Self.invoice()
        let decision = try Self.decide(try Self.invoice(status: "void"), history: InvoiceHistory(previous: Self.exported(sent, txnID: "T-1")))
        guard case .void("1", "T-1")? = decision.rendering else { Issue.record("no void"); return }
        guard case .changed(.void, _, _, let total)? = decision.memory else { Issue.record("not remembered"); return }
        #expect(total == .zero && decision.row.status == .success)
        #expect(decision.row.warning == "iif, qbo-csv: void invoice #1 in QuickBooks (it keeps its number with a 0.00 balance)")
    }

    @Test func voidedAfterExportWithoutATxnIDIsLeftToTheUser() throws {
        let decision = try Self.decide(try Self.invoice(status: "void"), history: InvoiceHistory(previous: Self.exported(try Self.invoice())))
        #expect(decision.rendering == nil && decision.row.status == .skipped)
        #expect(decision.row.message.hasPrefix("Voided in Run a Call after batch 3: void invoice #1 in QuickBooks"))
        #expect(decision.row.message.hasSuffix("ingest batch 3's QuickBooks responses with rac2qb ingest to have qbXML do it)"))
    }

    @Test func editedBeforePaymentWithItsEditSequenceIsAnInvoiceMod() throws {
        let before = try Self.invoice()
        let after = try Self.invoice(total: "120.00", extra: #", "lines": [{"item": "Labor", "quantity": "1", "unit_price": "120.00", "amount": "120.00"}]"#)
        let decision = try Self.decide(after, history: InvoiceHistory(previous: Self.exported(before, txnID: "T-1", editSequence: "E-1")))
        guard case .update(let posting, "T-1", "E-1")? = decision.rendering else { Issue.record("no update"); return }
        #expect(posting.total == Money(parsing: "120.00") && decision.row.isUpdate)
        guard case .changed(.update, _, _, Money(parsing: "120.00"))? = decision.memory else { Issue.record("not remembered"); return }
    }

    @Test func anUpdateKeepsTheNumberQuickBooksHolds() throws {
        let before = try Self.invoice()
        let after = try Self.invoice(total: "120.00", extra: #", "lines": [{"item": "Labor", "quantity": "1", "unit_price": "120.00", "amount": "120.00"}]"#)
        var previous = Self.exported(before, txnID: "T-1", editSequence: "E-1")
        previous.docNumber = "'=1"
        let decision = try Self.decide(after, history: InvoiceHistory(previous: previous))
        guard case .update(let posting, "T-1", "E-1")? = decision.rendering else { Issue.record("no update"); return }
        #expect(posting.refNumber == "'=1")
    }

    @Test func editedAfterPaymentFails() throws {
        let before = try Self.invoice()
        let after = try Self.invoice(status: "paid", total: "120.00", extra: #", "updated_at": "2026-10-09T10:00:00Z", "paid_at": "2026-10-05T10:00:00Z", "lines": [{"item": "Labor", "quantity": "1", "unit_price": "120.00", "amount": "120.00"}]"#)
        let decision = try Self.decide(after, history: InvoiceHistory(previous: Self.exported(before, txnID: "T-1", editSequence: "E-1")))
        #expect(decision.row.error == .editedAfterPayment && decision.rendering == nil && decision.memory == nil)
    }

    @Test func editedAndPaidWithoutTimesToOrderThemFails() throws {
        let before = try Self.invoice()
        let after = try Self.invoice(status: "paid", total: "120.00", extra: #", "lines": [{"item": "Labor", "quantity": "1", "unit_price": "120.00", "amount": "120.00"}]"#)
        let decision = try Self.decide(after, history: InvoiceHistory(previous: Self.exported(before)))
        #expect(decision.row.error == .editedAndPaid)
    }

    @Test func editedWithoutQBXMLIsNotedForTheUserAndAssumedDone() throws {
        let before = try Self.invoice()
        let after = try Self.invoice(total: "120.00", extra: #", "lines": [{"item": "Labor", "quantity": "1", "unit_price": "120.00", "amount": "120.00"}]"#)
        let decision = try Self.decide(after, history: InvoiceHistory(previous: Self.exported(before)), config: "output:\n  formats: [iif]\n")
        #expect(decision.row.message.hasPrefix("Needs update: invoice #1 was edited in Run a Call after batch 3; change it in QuickBooks: "))
        guard case .changed(.noted, _, _, Money(parsing: "120.00"))? = decision.memory else { Issue.record("not noted"); return }
        guard case .exported(_, _, Money(parsing: "120.00"))? = decision.facts else { Issue.record("no facts"); return }
    }

    @Test func onlyAChangedExportNeitherVoidIsAnEditThatAsksForPaymentTimes() throws {
        let decider = try Self.decider()
        let before = try Self.invoice()
        let after = try Self.invoice(total: "120.00", extra: #", "lines": [{"item": "Labor", "quantity": "1", "unit_price": "120.00", "amount": "120.00"}]"#)
        func isEdit(_ invoice: Invoice, _ previous: LedgerEntry) -> Bool {
            decider.isEdit(invoice, previous: previous, fields: decider.syncedFields(of: invoice, previous: previous, customerExports: []))
        }
        #expect(isEdit(after, Self.exported(before)))
        #expect(!isEdit(before, Self.exported(before)))
        #expect(!isEdit(try Self.invoice(status: "void"), Self.exported(before)))
        #expect(!isEdit(after, Self.exported(before, status: "void")))
    }

    @Test func anExportThatWasVoidIsNotWrittenAgainAndItsPaymentsCannotBe() throws {
        let void = try Self.invoice(status: "void")
        let decision = try Self.decide(void, history: InvoiceHistory(previous: Self.exported(void, status: "void", txnID: "T-1")))
        #expect(decision.row.status == .skipped && decision.row.message == "Already exported in batch 3" && decision.rendering == nil)
        guard case .notWritable("void")? = decision.facts else { Issue.record("\(String(describing: decision.facts))"); return }
    }

    @Test func anExportedInvoicesPaymentsGetItsTxnIDAndItsBalanceIsTheLedgersTotal() throws {
        let invoice = try Self.invoice(status: "partially_paid", extra: #", "amount_paid": "40.00", "balance_due": "60.00""#)
        let history = InvoiceHistory(previous: Self.exported(invoice, txnID: "T-1"), paidEarlier: Money(parsing: "40.00")!)
        let decision = try Self.decide(invoice, history: history)
        #expect(decision.txnID == "T-1")
        #expect(decision.balance == InvoiceBalance(customer: "Ann Lee", due: Money(parsing: "60.00")!, held: Money(parsing: "60.00")!))
    }

    @Test func voidedAfterExportWithoutQBXMLIsLeftToTheUserWithoutAWordOfIngest() throws {
        let decision = try Self.decide(try Self.invoice(status: "void"), history: InvoiceHistory(previous: Self.exported(try Self.invoice())),
                                       config: "output:\n  formats: [iif, qbo-csv]\n")
        #expect(decision.row.status == .skipped && decision.rendering == nil && decision.memory == nil)
        #expect(decision.row.message == "Voided in Run a Call after batch 3: void invoice #1 in QuickBooks (it keeps its number with a 0.00 balance)")
        guard case .notWritable("void")? = decision.facts else { Issue.record("\(String(describing: decision.facts))"); return }
    }

    @Test func voidedAfterExportInQBXMLAloneLeavesNothingByHand() throws {
        let decision = try Self.decide(try Self.invoice(status: "void"), history: InvoiceHistory(previous: Self.exported(try Self.invoice(), txnID: "T-1")),
                                       config: "output:\n  formats: [qbxml]\n")
        guard case .void("1", "T-1")? = decision.rendering else { Issue.record("no void"); return }
        #expect(decision.row.warning == "")
    }

    static func editedInvoice(status: String = "sent") throws -> Invoice {
        try InvoiceMapperTests.invoice(status: status, lines: #"[{"item": "Labor", "quantity": "1", "unit_price": "120.00", "amount": "120.00"}]"#,
                                       total: "120.00")
    }

    @Test func editedWithQBXMLBeforeItsTxnIDIsKnownIsToldToIngest() throws {
        let decision = try Self.decide(try Self.editedInvoice(), history: InvoiceHistory(previous: Self.exported(try Self.invoice())))
        #expect(decision.row.status == .skipped && decision.rendering == nil && decision.memory == nil)
        #expect(decision.row.message.hasPrefix("Needs update: invoice #1 was edited in Run a Call after batch 3; change it in QuickBooks: "))
        #expect(decision.row.message.hasSuffix(" (QuickBooks' TxnID is not known: ingest batch 3's QuickBooks responses with rac2qb ingest to have qbXML do it)"))
        guard case .exported(_, _, Money(parsing: "100.00"))? = decision.facts else { Issue.record("\(String(describing: decision.facts))"); return }
    }

    @Test func editedWithATxnIDButNoEditSequenceWaitsForItsResponse() throws {
        let decision = try Self.decide(try Self.editedInvoice(), history: InvoiceHistory(previous: Self.exported(try Self.invoice(), txnID: "T-1")))
        #expect(decision.rendering == nil && decision.memory == nil)
        #expect(decision.row.message.hasSuffix(" (its change of batch 3 has no QuickBooks response yet: ingest it with rac2qb ingest to have qbXML do it)"))
    }

    @Test func anEditTheRulesCannotWriteFailsAsNotUpdated() throws {
        let decision = try Self.decide(try Self.editedInvoice(), history: InvoiceHistory(previous: Self.exported(try Self.invoice(), txnID: "T-1", editSequence: "E-1")),
                                       config: "company:\n  closing_date: 2026-10-01\n")
        #expect(decision.row.status == .failed && decision.row.error == .notUpdated && decision.rendering == nil && decision.memory == nil)
        #expect(decision.row.message.hasPrefix("Not updated: invoice #1 was edited in Run a Call after batch 3, and the edit cannot be written: Closed period: "))
    }

    @Test func anEditTheRulesNowSkipIsLeftToTheUserWithTheReason() throws {
        let decision = try Self.decide(try Self.editedInvoice(), history: InvoiceHistory(previous: Self.exported(try Self.invoice(), txnID: "T-1", editSequence: "E-1")),
                                       config: "invoices:\n  when: on_payment\n")
        #expect(decision.row.status == .skipped && decision.rendering == nil)
        #expect(decision.row.message.hasPrefix("Needs update: invoice #1 was edited in Run a Call after batch 3 (Not paid yet (on payment mode)); change it in QuickBooks: "))
    }

    // MARK: The order of an edit and the first payment

    @Test func editOrderComparesTheEditWithTheEarliestPayment() throws {
        let edited = try Self.invoice(status: "paid", extra: #", "updated_at": "2026-10-04T10:00:00Z""#)
        let early = try #require(Timestamp(iso: "2026-10-03T09:00:00Z"))
        let late = try #require(Timestamp(iso: "2026-10-06T09:00:00Z"))
        #expect(EditOrder.of(edited, paymentTimes: [late]) == .beforePayment)
        #expect(EditOrder.of(edited, paymentTimes: [late, early]) == .afterPayment(edited: "2026-10-04T10:00:00Z", paid: "2026-10-03T09:00:00Z"))
        #expect(EditOrder.of(try Self.invoice(), paymentTimes: []) == .beforePayment)
        #expect(EditOrder.of(try Self.invoice(status: "paid"), paymentTimes: []) == .unknown("it gives no paid_at and holds none of its payments"))
    }

    @Test func editOrderIsUnknownWithoutAnEditTimeOrWhenTheEditIsAtThePayment() throws {
        let paid = try Self.invoice(status: "paid", extra: #", "paid_at": "2026-10-05T10:00:00Z""#)
        #expect(EditOrder.of(paid, paymentTimes: []) == .unknown("no updated_at; first paid 2026-10-05T10:00:00Z"))
        let same = try Self.invoice(status: "paid", extra: #", "paid_at": "2026-10-05T10:00:00Z", "updated_at": "2026-10-05T10:00:00Z""#)
        #expect(EditOrder.of(same, paymentTimes: []) == .unknown("updated_at 2026-10-05T10:00:00Z is the time of its first payment"))
    }

    @Test func editOrderCountsAnAmountPaidAndTheInvoicesOwnPaidAt() throws {
        let partly = try Self.invoice(status: "sent", extra: #", "amount_paid": "10.00""#)
        #expect(EditOrder.of(partly, paymentTimes: []) == .unknown("it gives no paid_at and holds none of its payments"))
        let paidFirst = try Self.invoice(status: "paid", extra: #", "paid_at": "2026-10-02T10:00:00Z", "updated_at": "2026-10-04T10:00:00Z""#)
        let late = try #require(Timestamp(iso: "2026-10-06T09:00:00Z"))
        #expect(EditOrder.of(paidFirst, paymentTimes: [late]) == .afterPayment(edited: "2026-10-04T10:00:00Z", paid: "2026-10-02T10:00:00Z"))
    }
}
