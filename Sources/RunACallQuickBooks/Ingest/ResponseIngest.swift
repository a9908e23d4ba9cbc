import Foundation

/// `rac2qb ingest`: reads the qbXML responses QuickBooks returned for the
/// requests of earlier batches, matches each to the record it was written for
/// by its requestID, and keeps QuickBooks' answer in the ledger: the TxnID /
/// ListID / EditSequence of what it made, or its refusal, so that the next
/// convert writes a refused record again (once its cause is fixed).
///
/// Nothing is trusted: an answer must be of its request's kind, a done one must
/// carry an identity QuickBooks could have made, and an answer that contradicts
/// the one the ledger already holds for the request (another TxnID: QuickBooks
/// holds the record twice; a refusal after it was done) changes nothing and is
/// told. The Web Connector service calls this same code for every answer.
public enum ResponseIngest {
    /// What became of one response worth telling.
    public struct Row: Sendable, Equatable {
        /// How it counts: a note leaves the exit status 0, every other outcome makes it 1.
        public enum Outcome: String, Sendable {
            /// QuickBooks refused the request; the ledger marks it failed.
            case refused
            /// No request of the ledger has its requestID.
            case unmatched
            /// Told, nothing wrong.
            case note
            /// It contradicts what the ledger already holds for the request; nothing changed.
            case conflict
            /// It cannot be QuickBooks' answer to the request; nothing changed.
            case invalid
        }

        /// Why, as a code: never parse the message.
        public enum Reason: String, Sendable {
            /// QuickBooks refused the request (its status code is in the message).
            case refusedByQuickBooks
            /// The customer message an invoice uses was not added.
            case customerMessageNotAdded
            /// No request of the ledger (of `--batch`) has this requestID.
            case noSuchRequest
            /// The same answer was ingested before: nothing changed.
            case alreadyIngested
            /// A refusal of an earlier batch's request, already ingested, while a later batch's request of the record was done.
            case staleRefusal
            /// A refusal like the one an earlier batch's request had, for a request whose answer is not ingested yet: which batch it answers is not known.
            case ambiguousRefusal
            /// A refusal of a request QuickBooks already did.
            case refusedAfterDone
            /// Another TxnID / ListID for a record QuickBooks already made: it holds the record twice.
            case secondIdentity
            /// The response element is not the kind the request was (`CustomerAddRs` for an invoice's request).
            case wrongKind
            /// Done, but without the TxnID (ListID for list entries) of what QuickBooks made.
            case missingIdentity
            /// A TxnID / ListID longer than QuickBooks' 36 characters.
            case identityTooLong
            /// An update or void whose answer names another record than the one the request changed.
            case otherRecord
        }

        public let outcome: Outcome
        public let reason: Reason
        public let requestID: String
        /// The record it answers, when matched: entity, source id and the batch that wrote it.
        public let entity: String?
        public let sourceID: String?
        public let batch: Int64?
        /// For conflicts: the identity the ledger holds, and the one this response gives.
        public let recordedID: String?
        public let answeredID: String?
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
    /// `batch` limits matching to one batch, which must exist; by default a requestID matches the latest batch that wrote it.
    public static func ingest(_ files: [URL], ledger url: URL, batch: Int64?, ledgerWait: TimeInterval? = nil) throws -> Result {
        let ledger = try Ledger(url: url, lockingFor: "rac2qb ingest", wait: ledgerWait ?? LedgerLock.defaultWait)
        if let batch, try !ledger.hasBatch(batch) {
            let known = try ledger.batches().map { String($0.id) }
            throw FatalError(.usage, "--batch \(batch): the ledger \(url.path) has no batch \(batch) ("
                             + (known.isEmpty ? "it holds none yet" : "its batches: \(known.joined(separator: ", "))")
                             + "); name one of them, or leave --batch out to match the latest batch that wrote each request (rac2qb history lists them)")
        }
        var result = Result()
        try ledger.transaction {
            for file in files {
                try QBXMLResponseReader.read(file) { response in
                    let source = "\(file.lastPathComponent):\(response.line)"
                    if let row = try apply(response, source: source, ledger: ledger, batch: batch, to: &result) {
                        result.rows.append(row)
                    }
                }
            }
        }
        return result
    }

    private static func apply(_ response: QBResponse, source: String, ledger: Ledger, batch: Int64?,
                              to result: inout Result) throws -> Row? {
        let status = "QuickBooks status \(response.statusCode): \(response.message)"
        let row = { (outcome: Row.Outcome, reason: Row.Reason, entry: LedgerEntry?, ids: (String?, String?), message: String, fix: String) in
            Row(outcome: outcome, reason: reason, requestID: response.requestID, entity: entry?.entity.rawValue, sourceID: entry?.sourceID,
                batch: entry?.batch, recordedID: ids.0, answeredID: ids.1, message: message, fix: fix, source: source)
        }
        if response.requestID.hasSuffix(QBXMLWriter.messageRequestSuffix) {
            // The customer message an invoice uses; "already in use" means it is there.
            guard response.isError, response.statusCode != 3100 else { return nil }
            return row(.note, .customerMessageNotAdded, nil, (nil, nil), "Customer message not added: \(status)",
                       "Add the message to QuickBooks' customer message list, or the invoice that uses it is refused too (3140).")
        }
        let candidates = try ledger.exports(requestID: response.requestID, batch: batch)
        guard let entry = candidates.first else {
            return row(.unmatched, .noSuchRequest, nil, (nil, nil),
                       "No request of this ledger has requestID \"\(response.requestID)\"\(batch.map { " in batch \($0)" } ?? "") (\(status))",
                       "Ingest the responses into the ledger whose batch wrote the requests (--ledger), or name the batch with --batch; an undone batch is forgotten.")
        }
        let record = "\(entry.entity.rawValue) \(entry.sourceID) (batch \(entry.batch), requestID \(response.requestID))"
        let kinds = ResponseExpectations.kinds(for: entry)
        guard kinds.contains(response.kind) else {
            return row(.invalid, .wrongKind, entry, (nil, nil),
                       "A \(response.kind) cannot answer the request of \(record): it expects \(kinds.isEmpty ? "no response (no request was written)" : kinds.joined(separator: " or "))",
                       "This response belongs to another request file or was edited: ingest the responses QuickBooks returned for this batch's requests.xml, unchanged.")
        }
        let recorded = ResponseExpectations.identity(of: entry)
        let earlierRefusal = candidates.dropFirst().first { $0.answer == .failed }
        if response.isError {
            if entry.answer == .ok {
                if let earlierRefusal {
                    return row(.note, .staleRefusal, entry, (recorded, nil),
                               "A refusal of batch \(earlierRefusal.batch)'s request, ingested before; batch \(entry.batch)'s request of \(entry.entity.rawValue) \(entry.sourceID) was done (\(ResponseExpectations.identityName(entry.entity)) \(recorded ?? "")): nothing changed",
                               "")
                }
                return row(.conflict, .refusedAfterDone, entry, (recorded, nil),
                           "QuickBooks refused the request of \(record), which an answer ingested before says it did (\(ResponseExpectations.identityName(entry.entity)) \(recorded ?? "")): \(status); the ledger keeps the record as done",
                           "Check in QuickBooks that \(entry.entity.rawValue) \(entry.sourceID) is there once; if this response is of an older request file, nothing is to do.")
            }
            if entry.answer == nil, let earlierRefusal, earlierRefusal.answerMessage == status {
                return row(.conflict, .ambiguousRefusal, entry, (nil, nil),
                           "The same refusal as batch \(earlierRefusal.batch)'s request, ingested before, for \(record), whose answer is not ingested yet: \(status); nothing changed",
                           "If this file holds QuickBooks' answers to batch \(entry.batch)'s requests, ingest it again with --batch \(entry.batch); if it is batch \(earlierRefusal.batch)'s file again, nothing is to do.")
            }
            try ledger.answer(entry, .failed, message: status, txnID: nil, listID: nil, editSequence: nil)
            return row(.refused, .refusedByQuickBooks, entry, (nil, nil), "\(entry.action.refusal) in QuickBooks: \(status)",
                       QuickBooksStatusFixes.fix(for: response.statusCode))
        }
        let name = ResponseExpectations.identityName(entry.entity)
        guard let answered = ResponseExpectations.identity(of: response, for: entry.entity) else {
            return row(.invalid, .missingIdentity, entry, (recorded, nil),
                       "QuickBooks' answer to \(record) says done (\(status)) but holds no \(name) of what it made; nothing recorded",
                       "Save QuickBooks' whole response (the \(response.kind) with its \(ResponseExpectations.isListEntry(entry.entity) ? "list entry" : "transaction") and its \(name)) and ingest it again; else find the record in QuickBooks and check it is there once.")
        }
        guard answered.count <= ResponseExpectations.identityLimit else {
            return row(.invalid, .identityTooLong, entry, (recorded, nil),
                       "QuickBooks' answer to \(record) gives a \(name) of \(answered.count) characters (QuickBooks' are at most \(ResponseExpectations.identityLimit)): \"\(answered.prefix(40))…\"; nothing recorded",
                       "This is not QuickBooks' answer as it returned it: ingest the response file the Web Connector or the SDK saved, unchanged.")
        }
        if let recorded, recorded != answered {
            if entry.action == .add && entry.answer == .ok {
                return row(.conflict, .secondIdentity, entry, (recorded, answered),
                           "QuickBooks holds \(entry.entity.rawValue) \(entry.sourceID) twice: \(name) \(recorded) (ingested before, kept in the ledger) and \(name) \(answered) (this answer to the same request \(response.requestID) of batch \(entry.batch)); nothing changed",
                           "Delete the duplicate, \(name) \(answered), in QuickBooks (keep \(recorded)); the ledger keeps \(recorded) and the file's other answers are ingested, so there is no need to ingest again.")
            }
            if entry.action != .add {
                return row(.invalid, .otherRecord, entry, (recorded, answered),
                           "QuickBooks' answer to \(record) names \(name) \(answered), but the request changed \(name) \(recorded); nothing recorded",
                           "This response belongs to another request file: ingest the responses QuickBooks returned for this batch's requests.xml, unchanged.")
            }
        }
        let again = entry.answer == .ok && recorded == answered
        try ledger.answer(entry, .ok, message: response.severity == "Warn" ? status : nil,
                          txnID: response.txnID, listID: response.listID, editSequence: response.editSequence)
        if again {
            return row(.note, .alreadyIngested, entry, (recorded, answered), "Already ingested: \(record) is \(name) \(answered) in QuickBooks", "")
        }
        result.done[entry.entity.rawValue, default: 0] += 1
        return nil
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
