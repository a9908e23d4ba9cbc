import Foundation

/// The committed batches of a ledger, for `rac2qb history`.
public enum LedgerHistory {
    public struct Batch: Sendable {
        public let id: Int64
        public let startedAt: String
        public let output: String
        public let records: Int64
        /// Records per entity and what the batch did to them (`invoice add`, `invoice update`, `invoice void`…), in that order.
        public internal(set) var counts: [(what: String, count: Int)] = []
        /// Σ amounts per entity and action, as written (invoice totals, payments, refunds, deposit nets).
        public internal(set) var totals: [(what: String, total: Money)] = []
        /// Records QuickBooks answered (ingested responses): done and refused.
        public internal(set) var answered = 0
        public internal(set) var refused = 0
    }

    public static func batches(in url: URL) throws -> [Batch] {
        let ledger = try Ledger(url: url)
        return try ledger.batches().map { batch in
            var result = Batch(id: batch.id, startedAt: batch.startedAt, output: batch.output, records: batch.records)
            var counts: [String: Int] = [:]
            var totals: [String: Money] = [:]
            try ledger.exports(inBatch: batch.id) { entry in
                let what = "\(entry.entity.rawValue) \(entry.action.rawValue)"
                counts[what, default: 0] += 1
                if let total = entry.total { totals[what, default: .zero] = totals[what, default: .zero] + total }
                if entry.answer != nil { result.answered += 1 }
                if entry.answer == .failed { result.refused += 1 }
            }
            result.counts = counts.sorted { $0.key < $1.key }.map { ($0.key, $0.value) }
            result.totals = totals.sorted { $0.key < $1.key }.map { ($0.key, $0.value) }
            return result
        }
    }
}
