/// Every report row as one table with filters that work without scripts:
/// each filter is a fragment (`#show-invoice-Failed`) whose `:target` rule
/// hides the other rows, so links, bookmarks and a printed page all honour it.
/// Rows come in blocks that the browser lays out only when scrolled to.
enum HTMLRowsTable {
    static let blockSize = 500
    private static let entities = ["all"] + EntityType.allCases.map(\.rawValue)
    private static let statuses = ["all"] + RowStatus.allCases.map(\.rawValue)

    /// The fragment of a filter.
    static func filter(entity: String = "all", status: String = "all") -> String { "show-\(entity)-\(status)" }

    private static var combinations: [(entity: String, status: String)] {
        entities.flatMap { entity in statuses.map { (entity, $0) } }.filter { $0 != ("all", "all") }
    }

    /// The CSS rules of the filters.
    static var css: String {
        var css = "table.rows{table-layout:fixed;width:100%}table.rows td{overflow-wrap:anywhere}"
            + "table.rows tbody{content-visibility:auto;contain-intrinsic-size:auto 30000px}"
            + ".shown{display:none;background:#fff7d6;padding:.4em .6em;border:1px solid #e5d38a}.shown:target{display:block}\n"
        for (entity, status) in combinations {
            let classes = (entity == "all" ? "" : ".e-\(entity)") + (status == "all" ? "" : ".s-\(status)")
            css += "#\(filter(entity: entity, status: status)):target~table.rows tr.r:not(\(classes)){display:none}\n"
        }
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
        html += " (the counts in the summary filter too)</p>\n"
        for (entity, status) in combinations {
            let what = [status == "all" ? nil : status.lowercased(), entity == "all" ? nil : "\(entity)"].compactMap { $0 }.joined(separator: " ")
            html += "<p class=\"shown\" id=\"\(filter(entity: entity, status: status))\">Showing only the \(what) rows. <a href=\"#rows\">Show every row</a></p>\n"
        }
        let widths = [12, 7, 7, 7, 10, 7, 20, 14, 7, 9]
        html += "<table class=\"rows\"><colgroup>" + widths.map { "<col style=\"width:\($0)%\">" }.joined() + "</colgroup>\n<thead><tr>"
            + ReportRow.columns.map { "<th>\($0)</th>" }.joined() + "</tr></thead>\n"
        return html
    }

    /// One row, classed by entity and status for the filters.
    static func row(_ row: ReportRow, parts: [String: Int]) -> String {
        let cells = row.cells(parts: parts)
        return "<tr class=\"r e-\(row.entityType.rawValue) s-\(row.status.rawValue)\">" + cells.enumerated().map { index, cell in
            index == 5 ? "<td class=\"\(cell)\">\(HTMLReport.escape(cell))</td>" : "<td>\(HTMLReport.escape(cell))</td>"
        }.joined() + "</tr>\n"
    }

    /// Streams every row of the log into the table, in blocks.
    static func render(_ log: ReportLog, parts: [String: Int], output: BufferedOutput) throws {
        try output.write(head(counts: log.summary.counts))
        var written = 0
        try log.forEachRow { reportRow in
            if written % blockSize == 0 { try output.write(written == 0 ? "<tbody>\n" : "</tbody><tbody>\n") }
            try output.write(row(reportRow, parts: parts))
            written += 1
        }
        try output.write(written == 0 ? "</table>\n" : "</tbody></table>\n")
    }
}
