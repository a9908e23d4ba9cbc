import Foundation

extension LedgerHistory {
    /// `rac2qb history --json` and the desk's `GET /api/batches`:
    /// `{"batches": [{"batch": N, "at": "...", "out": PATH, "records": {"invoice": N, ...}, "record_count": N,
    /// "actions": [{"entity", "action", "count", "total"}], "answered": N, "refused": N}]}`, money as exact decimal strings.
    public static func json(_ batches: [Batch]) throws -> Data {
        let object: [String: Any] = ["batches": batches.map(jsonObject)]
        return try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .withoutEscapingSlashes])
    }

    /// One batch as a JSON object.
    public static func jsonObject(_ batch: Batch) -> [String: Any] {
        var records: [String: Int] = [:]
        for action in batch.actions { records[action.entity, default: 0] += action.count }
        return [
            "batch": batch.id,
            "at": batch.startedAt,
            "out": batch.output,
            "records": records,
            "record_count": batch.records,
            "actions": batch.actions.map { action -> [String: Any] in
                var object: [String: Any] = ["entity": action.entity, "action": action.action, "count": action.count]
                if let total = action.total { object["total"] = total.description }
                return object
            },
            "answered": batch.answered,
            "refused": batch.refused,
            "requests": batch.requests,
            "in_doubt": batch.inDoubt,
            "waiting": batch.waiting,
        ]
    }
}
