import RunACallDecide

/// The report rows that carry a warning, grouped by its text as the rows come: each group counts its rows
/// and keeps the first `exampleLimit` of them; the first `listLimit` distinct warnings are kept, so what is
/// kept stays bounded however many rows there are (the report's rows hold them all).
public struct WarningGroups {
    static let listLimit = 100
    static let exampleLimit = 5

    /// One warning text and the records that carry it.
    struct Group {
        let warning: String
        fileprivate(set) var count: Int
        /// The first `exampleLimit` records, as `entity (source)`.
        fileprivate(set) var records: [String]
    }

    private(set) var groups: [Group] = []
    private var position: [String: Int] = [:]
    /// Rows whose warning is listed (counted in its group).
    private(set) var listedRows = 0

    /// Counts the row in its warning's group when it carries a warning, opening the group while the list has room.
    mutating func add(_ row: ReportRow) {
        guard !row.warning.isEmpty else { return }
        let record = "\(row.entity) (\(row.source))"
        if let index = position[row.warning] {
            groups[index].count += 1
            if groups[index].records.count < Self.exampleLimit { groups[index].records.append(record) }
        } else if groups.count < Self.listLimit {
            position[row.warning] = groups.count
            groups.append(Group(warning: row.warning, count: 1, records: [record]))
        } else {
            return
        }
        listedRows += 1
    }
}
