import Foundation

/// The committed batches of a ledger, for `rac2qb history`.
public enum LedgerHistory {
    public struct Batch: Sendable {
        public let id: Int64
        public let startedAt: String
        public let output: String
        public let records: Int64
    }

    public static func batches(in url: URL) throws -> [Batch] {
        try Ledger(url: url).batches().map { Batch(id: $0.id, startedAt: $0.startedAt, output: $0.output, records: $0.records) }
    }
}
