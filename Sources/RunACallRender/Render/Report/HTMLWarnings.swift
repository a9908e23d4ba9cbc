/// The page's warnings section: records written with a caveat (renamed,
/// shortened, a default used, a by-hand step left), apart from plain
/// successes, with a link that shows every such row. A warning that many
/// records share is said once, with how many records carry it and the first
/// `WarningGroups.exampleLimit` of them; the first `WarningGroups.listLimit` distinct warnings are listed,
/// so the page stays bounded (the rows and `sync-report.csv` hold them all).
enum HTMLWarnings {
    /// Writes the section; `total` is how many rows carry a warning (from the summary), `address` where the filter
    /// of the warned rows is, `paged` whether the rows are in row pages.
    static func render(_ warnings: WarningGroups, total: Int, address: String, paged: Bool, output: BufferedOutput) throws {
        try output.write("<h2 id=\"warnings\">Warnings</h2>\n")
        guard total > 0 else {
            try output.write("<p class=\"ok\">No record was written with a caveat.</p>\n")
            return
        }
        try output.write("<p>\(total) record(s) were written with a caveat: check each one. "
            + "<a href=\"\(address)\">Show every row with a warning</a></p>\n")
        try output.write("<table class=\"warnings\"><tr><th>Warning</th><th>Records</th><th>For example</th></tr>\n")
        for group in warnings.groups {
            let more = group.count > group.records.count ? ", … and \(group.count - group.records.count) more" : ""
            try output.write("<tr><td>\(HTMLReport.escape(group.warning))</td><td class=\"n\">\(group.count)</td>"
                + "<td>\(HTMLReport.escape(group.records.joined(separator: ", ") + more))</td></tr>\n")
        }
        if total > warnings.listedRows {
            try output.write("<tr><td colspan=\"3\">… and \(total - warnings.listedRows) more record(s) with other warnings (\(paged ? "the row pages' filter shows them, page by page; sync-report.csv holds them all" : "the filter above shows them all"))</td></tr>\n")
        }
        try output.write("</table>\n")
    }
}
