import Foundation

/// The committed batches of a ledger, for `rac2qb history`.
public enum LedgerHistory {
    public struct Batch: Sendable {
        public let id: Int64
        public let startedAt: String
        public let output: String
        public let records: Int64
        /// Per entity and what the batch did to them (`invoice add`, `invoice update`, `invoice void`…), in that order:
        /// how many records, and Σ their amounts as written (invoice totals, payments, refunds, deposit nets) where they have one.
        public internal(set) var actions: [Action] = []
        /// Records QuickBooks answered (ingested responses): done and refused.
        public internal(set) var answered = 0
        public internal(set) var refused = 0
        /// Records with a qbXML request for QuickBooks (what the Web Connector sends).
        public internal(set) var requests = 0
        /// Requests the Web Connector handed to QuickBooks whose answer has not come: looked up in QuickBooks
        /// before any is sent again.
        public internal(set) var inDoubt = 0

        /// Requests neither answered nor in doubt: waiting to be sent.
        public var waiting: Int { max(0, requests - answered - inDoubt) }
    }

    /// What a batch did to the records of one entity: how many, and Σ their amounts where they have one.
    public struct Action: Sendable {
        /// `invoice`, `payment`, `customer`, …
        public let entity: String
        /// `add`, `update`, `void`, …
        public let action: String
        public internal(set) var count: Int
        public internal(set) var total: Money?

        /// `invoice add`, as `rac2qb history` prints it.
        public var what: String { "\(entity) \(action)" }
    }

    public static func batches(in url: URL) throws -> [Batch] {
        let ledger = try Ledger(url: url)
        return try ledger.batches().map { batch in
            var result = Batch(id: batch.id, startedAt: batch.startedAt, output: batch.output, records: batch.records)
            var actions: [String: Action] = [:]
            try ledger.exports(inBatch: batch.id) { entry in
                let empty = Action(entity: entry.entity.rawValue, action: entry.action.rawValue, count: 0, total: nil)
                var action = actions[empty.what] ?? empty
                action.count += 1
                action.total = entry.total.map { $0 + (action.total ?? .zero) } ?? action.total
                actions[empty.what] = action
                if entry.answer != nil { result.answered += 1 }
                if entry.answer == .failed { result.refused += 1 }
                if entry.requestID != nil, entry.action != .noted { result.requests += 1 }
            }
            result.inDoubt = Int(try ledger.database.integer("""
                SELECT COUNT(*) FROM connector_sent s JOIN export e ON e.batch = s.batch AND e.request_id = s.request_id
                WHERE s.batch = ? AND e.answer IS NULL
                """, [.integer(batch.id)]) ?? 0)
            result.actions = actions.sorted { $0.key < $1.key }.map(\.value)
            return result
        }
    }
}
