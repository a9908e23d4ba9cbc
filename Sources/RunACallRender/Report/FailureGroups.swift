import RunACallSupport
import RunACallDecide

/// Failed rows grouped by their error's code in the catalogue (`SyncError`),
/// each with its title, its first row's fix, how many rows it has and the first few of them.
public struct FailureGroups: Sendable {
    /// One error and the rows that failed with it.
    public struct Group: Sendable {
        /// The error's title (`Tax code not mapped`).
        public let error: String
        public let code: SyncError
        public let fix: String
        public fileprivate(set) var count: Int
        /// Up to `exampleLimit` rows, as `source entity (customer · date · amount): message`.
        public fileprivate(set) var examples: [String]
    }

    public static let exampleLimit = 10
    private var byCode: [SyncError: Group] = [:]

    public init() {}

    public mutating func add(_ row: ReportRow) {
        guard row.status == .failed, let code = row.error else { return }
        var group = byCode[code] ?? Group(error: code.title, code: code, fix: row.fix, count: 0, examples: [])
        group.count += 1
        if group.examples.count < Self.exampleLimit {
            let context = row.context.isEmpty ? "" : " (\(row.context))"
            group.examples.append("\(row.source) \(row.entity)\(context): \(row.message)")
        }
        byCode[code] = group
    }

    /// The groups, by title.
    public var groups: [Group] { byCode.values.sorted { $0.error < $1.error } }
}
