/// The page's warnings section: records written with a caveat (renamed,
/// shortened, a default used, a by-hand step left), apart from plain
/// successes, with a link that shows every such row: the first `listLimit`
/// of them, so the page stays bounded (the rows and `sync-report.csv` hold them all).
struct HTMLWarnings {
    static let listLimit = 100
    /// How many rows carry a warning (from the summary).
    let total: Int
    private var listed: [ReportRow] = []

    init(total: Int) { self.total = total }

    /// Keeps the row when it carries a warning and the list has room.
    mutating func add(_ row: ReportRow) {
        guard !row.warning.isEmpty, listed.count < Self.listLimit else { return }
        listed.append(row)
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
        try output.write("<table><tr><th>Record</th><th>Source</th><th>Status</th><th>Warning</th></tr>\n")
        for row in warnings.listed {
            try output.write("<tr><td>\(HTMLReport.escape(row.entity))</td><td>\(HTMLReport.escape(row.source))</td>"
                + "<td class=\"\(row.status.rawValue)\">\(row.status.rawValue)</td><td>\(HTMLReport.escape(row.warning))</td></tr>\n")
        }
        if warnings.total > warnings.listed.count {
            try output.write("<tr><td colspan=\"4\">… and \(warnings.total - warnings.listed.count) more (\(paged ? "the row pages' filter shows them, page by page; sync-report.csv holds them all" : "the filter above shows them all"))</td></tr>\n")
        }
        try output.write("</table>\n")
    }
}
