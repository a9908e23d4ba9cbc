/// The page's warnings section: records written with a caveat (renamed,
/// shortened, a default used, a by-hand step left), apart from plain
/// successes, with a link that shows every such row. A warning that many
/// records share is said once, with how many records carry it and the first
/// `exampleLimit` of them; the first `listLimit` distinct warnings are listed,
/// so the page stays bounded (the rows and `sync-report.csv` hold them all).
struct HTMLWarnings {
    static let listLimit = 100
    static let exampleLimit = 5

    /// One warning text and the records that carry it.
    struct Group {
        let warning: String
        fileprivate(set) var count: Int
        /// The first `exampleLimit` records, as `entity (source)`.
        fileprivate(set) var records: [String]
    }

    /// How many rows carry a warning (from the summary).
    let total: Int
    private(set) var groups: [Group] = []
    private var position: [String: Int] = [:]
    /// Rows whose warning is listed (counted in its group).
    private var listedRows = 0

    init(total: Int) { self.total = total }

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

    /// Writes the section; `address` is where the filter of the warned rows is, `paged` whether the rows are in row pages.
    static func render(_ warnings: HTMLWarnings, address: String, paged: Bool, output: BufferedOutput) throws {
        try output.write("<h2 id=\"warnings\">Warnings</h2>\n")
        guard warnings.total > 0 else {
            try output.write("<p class=\"ok\">No record was written with a caveat.</p>\n")
            return
        }
        try output.write("<p>\(warnings.total) record(s) were written with a caveat: check each one. "
            + "<a href=\"\(address)\">Show every row with a warning</a></p>\n")
        try output.write("<table class=\"warnings\"><tr><th>Warning</th><th>Records</th><th>For example</th></tr>\n")
        for group in warnings.groups {
            let more = group.count > group.records.count ? ", … and \(group.count - group.records.count) more" : ""
            try output.write("<tr><td>\(HTMLReport.escape(group.warning))</td><td class=\"n\">\(group.count)</td>"
                + "<td>\(HTMLReport.escape(group.records.joined(separator: ", ") + more))</td></tr>\n")
        }
        if warnings.total > warnings.listedRows {
            try output.write("<tr><td colspan=\"3\">… and \(warnings.total - warnings.listedRows) more record(s) with other warnings (\(paged ? "the row pages' filter shows them, page by page; sync-report.csv holds them all" : "the filter above shows them all"))</td></tr>\n")
        }
        try output.write("</table>\n")
    }
}
