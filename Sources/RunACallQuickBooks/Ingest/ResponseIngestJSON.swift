import Foundation

extension ResponseIngest.Result {
    /// `rac2qb ingest --json` and the desk's `POST /api/responses`: `{"done": {ENTITY: N}, "refused": [ROW], "rows": [ROW]}`,
    /// every row with its outcome, reason, the ids recorded and answered, the record, message and fix; `refused`
    /// holds the rows QuickBooks refused.
    public func json() throws -> Data {
        let rows = rows.map(Self.object)
        let refused = zip(self.rows, rows).filter { $0.0.outcome == .refused }.map(\.1)
        let object: [String: Any] = ["done": done, "rows": rows, "refused": refused]
        return try JSONSerialization.data(withJSONObject: object, options: [.prettyPrinted, .sortedKeys])
    }

    private static func object(_ row: ResponseIngest.Row) -> [String: String] {
        ["outcome": row.outcome.rawValue, "reason": row.reason.rawValue, "recorded_id": row.recordedID ?? "",
         "answered_id": row.answeredID ?? "", "request_id": row.requestID, "entity": row.entity ?? "", "source_id": row.sourceID ?? "",
         "batch": row.batch.map(String.init) ?? "", "message": row.message, "fix": row.fix, "source": row.source]
    }
}
