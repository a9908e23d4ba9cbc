import Foundation
import Testing
@testable import RunACallQuickBooks
@testable import RunACallSupport

/// `ingest` trusts nothing: every answer must match its request's batch, kind
/// and record; an answer that contradicts the ledger changes nothing and is told.
@Suite struct ResponseIngestChecksTests {
    typealias Answers = ResponseIngestTests

    static func refused(_ requestID: String) -> String {
        """
        <InvoiceAddRs requestID="\(requestID)" statusCode="3140" statusSeverity="Error" statusMessage="There is an invalid reference to QuickBooks Item &quot;Labor&quot; in the Invoice line." />
        """
    }

    /// A ledger whose batch 1 wrote invoice A in qbXML (and its customer).
    static func firstBatch() throws -> URL {
        let ledger = try TestPaths.temporaryFolder().appendingPathComponent("ledger.sqlite")
        _ = try MonthlyRunTests.run([MonthlyRunTests.invoice("A")], ledger: ledger, formats: [.qbxml])
        return ledger
    }

    @Test func aStaleRefusalIngestedAgainLeavesTheLaterDoneRequestDone() throws {
        let ledger = try Self.firstBatch()
        let october = try Answers.responses(Self.refused("req-inv-A"))
        #expect(try ResponseIngest.ingest([october], ledger: ledger, batch: nil).rows.map(\.reason) == [.refusedByQuickBooks])
        let again = try MonthlyRunTests.run([MonthlyRunTests.invoice("A")], ledger: ledger, formats: [.qbxml])
        #expect(again.result.batch == 2)
        let done = try Answers.responses(Answers.added("req-inv-A", txnID: "TX-A", editSequence: "ES-A1"))
        #expect(try ResponseIngest.ingest([done], ledger: ledger, batch: nil).exitStatus == 0)

        let stale = try ResponseIngest.ingest([october], ledger: ledger, batch: nil)
        #expect(stale.rows.map(\.reason) == [.staleRefusal])
        #expect(stale.exitStatus == 0)
        #expect(try MonthlyRunTests.run([MonthlyRunTests.invoice("A")], ledger: ledger, formats: [.qbxml]).wroteNothing,
                "the invoice is in QuickBooks once: not written again")
    }

    @Test func aRefusalLikeAnEarlierOneForAnUnansweredRequestNamesTheBatchToChoose() throws {
        let ledger = try Self.firstBatch()
        let october = try Answers.responses(Self.refused("req-inv-A"))
        _ = try ResponseIngest.ingest([october], ledger: ledger, batch: nil)
        _ = try MonthlyRunTests.run([MonthlyRunTests.invoice("A")], ledger: ledger, formats: [.qbxml])
        let ambiguous = try ResponseIngest.ingest([october], ledger: ledger, batch: nil)
        #expect(ambiguous.rows.map(\.reason) == [.ambiguousRefusal])
        #expect(ambiguous.rows.first?.fix.contains("--batch 2") == true)
        #expect(try MonthlyRunTests.run([MonthlyRunTests.invoice("A")], ledger: ledger, formats: [.qbxml]).wroteNothing,
                "batch 2's request is not taken for refused")
        #expect(try ResponseIngest.ingest([october], ledger: ledger, batch: 2).rows.map(\.reason) == [.refusedByQuickBooks])
    }

    @Test func aSecondTxnIDForADoneRecordIsAConflictNamingBoth() throws {
        let ledger = try Self.firstBatch()
        let first = try Answers.responses(Answers.added("req-inv-A", txnID: "TX-A", editSequence: "ES-A1"))
        #expect(try ResponseIngest.ingest([first], ledger: ledger, batch: nil).exitStatus == 0)
        #expect(try ResponseIngest.ingest([first], ledger: ledger, batch: nil).rows.map(\.reason) == [.alreadyIngested])
        let second = try Answers.responses(Answers.added("req-inv-A", txnID: "TX-A2", editSequence: "ES-A9"))
        let result = try ResponseIngest.ingest([second], ledger: ledger, batch: nil)
        #expect(result.exitStatus == 1)
        let row = try #require(result.rows.first)
        #expect(row.outcome == .conflict && row.reason == .secondIdentity)
        #expect(row.recordedID == "TX-A" && row.answeredID == "TX-A2")
        #expect(row.message.contains("TX-A") && row.message.contains("TX-A2") && row.fix.contains("Delete the duplicate"))
        let update = try MonthlyRunTests.run([MonthlyRunTests.invoice("A", amount: "120.00")], ledger: ledger, formats: [.qbxml])
        #expect(try Answers.requests(update).contains("<TxnID>TX-A</TxnID>\n        <EditSequence>ES-A1</EditSequence>"),
                "the ledger keeps the first TxnID")
    }

    @Test func twoAnswersToOneRequestInOneFileAreAConflict() throws {
        let ledger = try Self.firstBatch()
        let file = try Answers.responses("""
        \(Answers.added("req-inv-A", txnID: "TX-A", editSequence: "ES-A1"))
        \(Answers.added("req-inv-A", txnID: "TX-B", editSequence: "ES-B1"))
        """)
        let result = try ResponseIngest.ingest([file], ledger: ledger, batch: nil)
        #expect(result.rows.map(\.reason) == [.secondIdentity])
        #expect(result.exitStatus == 1)
    }

    @Test func anAnswerOfAnotherKindIsNotRecorded() throws {
        let ledger = try Self.firstBatch()
        let wrong = try Answers.responses(QuickBooksAnswers.customerAdded("req-inv-A"))
        let result = try ResponseIngest.ingest([wrong], ledger: ledger, batch: nil)
        #expect(result.rows.map(\.reason) == [.wrongKind])
        #expect(result.done.isEmpty && result.exitStatus == 1)
        #expect(result.rows.first?.message.contains("InvoiceAddRs") == true)
        let right = try Answers.responses(Answers.added("req-inv-A", txnID: "TX-A", editSequence: "ES-A1"))
        #expect(try ResponseIngest.ingest([right], ledger: ledger, batch: nil).done == ["invoice": 1], "nothing was recorded before")
    }

    @Test func doneWithoutATxnIDOrWithOneTooLongIsNotRecorded() throws {
        let ledger = try Self.firstBatch()
        let bare = try Answers.responses("<InvoiceAddRs requestID=\"req-inv-A\" statusCode=\"0\" statusSeverity=\"Info\" statusMessage=\"Status OK\" />")
        let missing = try ResponseIngest.ingest([bare], ledger: ledger, batch: nil)
        #expect(missing.rows.map(\.reason) == [.missingIdentity] && missing.exitStatus == 1)
        let long = try Answers.responses(Answers.added("req-inv-A", txnID: String(repeating: "7", count: 37), editSequence: "ES"))
        let tooLong = try ResponseIngest.ingest([long], ledger: ledger, batch: nil)
        #expect(tooLong.rows.map(\.reason) == [.identityTooLong] && tooLong.exitStatus == 1)
        let edited = try MonthlyRunTests.run([MonthlyRunTests.invoice("A", amount: "120.00")], ledger: ledger, formats: [.qbxml])
        #expect(!((try? Answers.requests(edited)) ?? "").contains("InvoiceMod"), "no TxnID was recorded, so no InvoiceModRq")
    }

    @Test func aBatchThatDoesNotExistIsAUsageError() throws {
        let ledger = try Self.firstBatch()
        let file = try Answers.responses(Answers.added("req-inv-A", txnID: "TX-A", editSequence: "ES-A1"))
        let error = try #require(throws: FatalError.self) { try ResponseIngest.ingest([file], ledger: ledger, batch: 7) }
        #expect(error.kind == .usage && error.description.contains("no batch 7") && error.description.contains("its batches: 1"))
    }
}
