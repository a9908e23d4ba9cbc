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
        public internal(set) var actions: [(what: String, count: Int, total: Money?)] = []
        /// Records QuickBooks answered (ingested responses): done and refused.
        public internal(set) var answered = 0
        public internal(set) var refused = 0
    }

    public static func batches(in url: URL) throws -> [Batch] {
        let ledger = try Ledger(url: url)
        return try ledger.batches().map { batch in
            var result = Batch(id: batch.id, startedAt: batch.startedAt, output: batch.output, records: batch.records)
            var actions: [String: (count: Int, total: Money?)] = [:]
            try ledger.exports(inBatch: batch.id) { entry in
                let what = "\(entry.entity.rawValue) \(entry.action.rawValue)"
                let before = actions[what] ?? (0, nil)
                actions[what] = (before.count + 1, entry.total.map { ($0 + (before.total ?? .zero)) } ?? before.total)
                if entry.answer != nil { result.answered += 1 }
                if entry.answer == .failed { result.refused += 1 }
            }
            result.actions = actions.sorted { $0.key < $1.key }.map { ($0.key, $0.value.count, $0.value.total) }
            return result
        }
    }
}
