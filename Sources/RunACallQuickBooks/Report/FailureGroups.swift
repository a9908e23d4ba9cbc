/// Failed rows grouped by their error (the message up to its first colon),
/// each with its fix, how many rows it has and the first few of them.
public struct FailureGroups: Sendable {
    /// One error and the rows that failed with it.
    public struct Group: Sendable {
        public let error: String
        public let fix: String
        public fileprivate(set) var count: Int
        /// Up to `exampleLimit` rows, as `source entity (customer · date · amount): message`.
        public fileprivate(set) var examples: [String]
    }

    public static let exampleLimit = 10
    private var byError: [String: Group] = [:]

    public init() {}

    mutating func add(_ row: ReportRow) {
        guard row.status == .failed else { return }
        let error = String(row.message.prefix { $0 != ":" })
        var group = byError[error] ?? Group(error: error, fix: row.fix, count: 0, examples: [])
        group.count += 1
        if group.examples.count < Self.exampleLimit {
            let context = row.context.isEmpty ? "" : " (\(row.context))"
            group.examples.append("\(row.source) \(row.entity)\(context): \(row.message)")
        }
        byError[error] = group
    }

    /// The groups, by error.
    public var groups: [Group] { byError.values.sorted { $0.error < $1.error } }
}
