/// Every report row, with filters that work without scripts: each filter is a
/// fragment (`#show-invoice-Failed`) whose `:target` rule hides the other
/// rows, so links, bookmarks and a printed page all honour it. Rows come in
/// blocks, each its own fixed-layout table in a box the browser lays out only
/// when it is scrolled to (containment does not apply inside a table), so a
/// page of 100,000 rows opens as fast as a short one.
enum HTMLRowsTable {
    static let blockSize = 500
    private static let entities = ["all"] + EntityType.allCases.map(\.rawValue)
    private static let statuses = ["all"] + RowStatus.allCases.map(\.rawValue)

    /// The fragment of a filter.
    static func filter(entity: String = "all", status: String = "all") -> String { "show-\(entity)-\(status)" }

    /// The fragment of the filter that shows the rows with a warning.
    static let warningsFilter = "show-warnings"

    private static var combinations: [(entity: String, status: String)] {
        entities.flatMap { entity in statuses.map { (entity, $0) } }.filter { $0 != ("all", "all") }
    }

    /// The CSS rules of the filters.
    static var css: String {
        var css = "div.rows table{table-layout:fixed;width:100%;margin:0}div.rows td{overflow-wrap:anywhere}"
            + "div.rows thead th{position:sticky;top:0}"
            + "div.block{content-visibility:auto;contain-intrinsic-size:auto 30000px}"
            + ".shown:target~div.rows div.block{contain-intrinsic-size:auto 600px}"
            + ".shown{display:none;background:#fff7d6;padding:.4em .6em;border:1px solid #e5d38a}.shown:target{display:block}\n"
        for (entity, status) in combinations {
            let classes = (entity == "all" ? "" : ".e-\(entity)") + (status == "all" ? "" : ".s-\(status)")
            css += "#\(filter(entity: entity, status: status)):target~div.rows tr.r:not(\(classes)){display:none}\n"
        }
        css += "#\(warningsFilter):target~div.rows tr.r:not(.w){display:none}\n"
        return css
    }

    /// Opens the table: the filter anchors (each says what it shows) and the header.
    static func head(counts: [String: [String: Int]]) -> String {
        var html = "<p class=\"filters\">Show: <a href=\"#rows\">every row</a>"
        for status in RowStatus.allCases.map(\.rawValue) {
            html += " · <a href=\"#\(filter(status: status))\">\(status.lowercased())</a>"
        }
        for entity in EntityType.allCases.map(\.rawValue) where counts[entity] != nil {
            html += " · <a href=\"#\(filter(entity: entity))\">\(entity)s</a>"
        }
        html += " · <a href=\"#\(warningsFilter)\">with a warning</a>"
        html += " (the counts in the summary filter too)</p>\n"
        for (entity, status) in combinations {
            let what = [status == "all" ? nil : status.lowercased(), entity == "all" ? nil : "\(entity)"].compactMap { $0 }.joined(separator: " ")
            html += "<p class=\"shown\" id=\"\(filter(entity: entity, status: status))\">Showing only the \(what) rows. <a href=\"#rows\">Show every row</a></p>\n"
        }
        html += "<p class=\"shown\" id=\"\(warningsFilter)\">Showing only the rows with a warning. <a href=\"#rows\">Show every row</a></p>\n"
        html += "<div class=\"rows\"><table>\(columns)<thead><tr>" + ReportRow.columns.map { "<th>\($0)</th>" }.joined() + "</tr></thead></table>\n"
        return html
    }

    /// The column widths every block shares, so the blocks line up as one table.
    private static let columns = "<colgroup>" + [10, 6, 6, 6, 9, 6, 17, 12, 7, 9, 12].map { "<col style=\"width:\($0)%\">" }.joined() + "</colgroup>"


    /// One row, classed by entity and status for the filters.
    static func row(_ row: ReportRow, parts: [String: Int]) -> String {
        let cells = row.cells(parts: parts)
        return "<tr class=\"r e-\(row.entityType.rawValue) s-\(row.status.rawValue)\(row.warning.isEmpty ? "" : " w")\">" + cells.enumerated().map { index, cell in
            index == 5 ? "<td class=\"\(cell)\">\(HTMLReport.escape(cell))</td>" : "<td>\(HTMLReport.escape(cell))</td>"
        }.joined() + "</tr>\n"
    }

    /// Streams every row of the log into the table, in blocks.
    static func render(_ log: ReportLog, parts: [String: Int], output: BufferedOutput) throws {
        try output.write(head(counts: log.summary.counts))
        var written = 0
        try log.forEachRow { reportRow in
            if written % blockSize == 0 {
                try output.write((written == 0 ? "" : "</table></div>\n") + "<div class=\"block\"><table>\(columns)\n")
            }
            try output.write(row(reportRow, parts: parts))
            written += 1
        }
        try output.write(written == 0 ? "</div>\n" : "</table></div></div>\n")
    }
}
