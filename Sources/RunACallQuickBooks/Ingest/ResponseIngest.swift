import Foundation

/// `rac2qb ingest`: reads the qbXML responses QuickBooks returned for the
/// requests of earlier batches, matches each to the record it was written for
/// by its requestID, and keeps QuickBooks' answer in the ledger: the TxnID /
/// ListID / EditSequence of what it made, or its refusal, so that the next
/// convert writes a refused record again (once its cause is fixed).
public enum ResponseIngest {
    /// What became of one response worth telling: a refusal, a response no request of the ledger matches, or a note.
    public struct Row: Sendable, Equatable {
        public enum Outcome: String, Sendable { case refused, unmatched, note }
        public let outcome: Outcome
        public let requestID: String
        /// The record it answers, when matched: entity, source id and the batch that wrote it.
        public let entity: String?
        public let sourceID: String?
        public let batch: Int64?
        public let message: String
        public let fix: String
        /// `responses.xml:12`.
        public let source: String
    }

    public struct Result: Sendable {
        /// Requests QuickBooks did, per entity.
        public internal(set) var done: [String: Int] = [:]
        public internal(set) var rows: [Row] = []

        /// 0 when QuickBooks did every request and every response matched; 1 otherwise.
        public var exitStatus: Int32 { rows.contains { $0.outcome != .note } ? 1 : 0 }
    }

    /// Ingests response files into the ledger, all in one transaction.
    /// `batch` limits matching to one batch; by default a requestID matches the latest batch that wrote it.
    public static func ingest(_ files: [URL], ledger url: URL, batch: Int64?) throws -> Result {
        let ledger = try Ledger(url: url, lockingFor: "rac2qb ingest")
        var result = Result()
        try ledger.transaction {
            for file in files {
                try QBXMLResponseReader.read(file) { response in
                    try apply(response, source: "\(file.lastPathComponent):\(response.line)", ledger: ledger, batch: batch, to: &result)
                }
            }
        }
        return result
    }

    private static func apply(_ response: QBResponse, source: String, ledger: Ledger, batch: Int64?, to result: inout Result) throws {
        let status = "QuickBooks status \(response.statusCode): \(response.message)"
        if response.requestID.hasSuffix(QBXMLWriter.messageRequestSuffix) {
            // The customer message an invoice uses; "already in use" means it is there.
            guard response.isError, response.statusCode != 3100 else { return }
            result.rows.append(Row(outcome: .note, requestID: response.requestID, entity: nil, sourceID: nil, batch: nil,
                                   message: "Customer message not added: \(status)",
                                   fix: "Add the message to QuickBooks' customer message list, or the invoice that uses it is refused too (3140).",
                                   source: source))
            return
        }
        guard let entry = try ledger.export(requestID: response.requestID, batch: batch) else {
            result.rows.append(Row(outcome: .unmatched, requestID: response.requestID, entity: nil, sourceID: nil, batch: nil,
                                   message: "No request of this ledger has requestID \"\(response.requestID)\"\(batch.map { " in batch \($0)" } ?? "") (\(status))",
                                   fix: "Ingest the responses into the ledger whose batch wrote the requests (--ledger), or name the batch with --batch; an undone batch is forgotten.",
                                   source: source))
            return
        }
        if response.isError {
            try ledger.answer(entry, .failed, message: status, txnID: nil, listID: nil, editSequence: nil)
            result.rows.append(Row(outcome: .refused, requestID: response.requestID, entity: entry.entity.rawValue,
                                   sourceID: entry.sourceID, batch: entry.batch,
                                   message: "\(entry.action.refusal) in QuickBooks: \(status)",
                                   fix: QuickBooksStatusFixes.fix(for: response.statusCode), source: source))
        } else {
            try ledger.answer(entry, .ok, message: response.severity == "Warn" ? status : nil,
                              txnID: response.txnID, listID: response.listID, editSequence: response.editSequence)
            result.done[entry.entity.rawValue, default: 0] += 1
        }
    }
}

extension LedgerAction {
    /// The words for QuickBooks refusing this action.
    var refusal: String {
        switch self {
        case .add: "Not added"
        case .update: "Not updated"
        case .void: "Not voided"
        case .noted: "Refused"
        }
    }
}
