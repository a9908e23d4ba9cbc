import RunACallSupport
import RunACallDecide

/// Every report row, with filters that work without scripts: each filter is a
/// fragment (`#show-invoice-Failed`) whose `:target` rule hides the other
/// rows, so links, bookmarks and a printed page all honour it. Rows come in
/// blocks, each its own fixed-layout table in a box the browser lays out only
/// when it is scrolled to (containment does not apply inside a table), so a
/// page of thousands of rows opens as fast as a short one. The table is in
/// `index.html`, or split over the row pages (`HTMLRowPages`).
public enum HTMLRowsTable {
    public static let blockSize = 500
    private static let entities = ["all"] + EntityType.allCases.map(\.rawValue)
    private static let statuses = ["all"] + RowStatus.allCases.map(\.rawValue)

    /// The fragment of a filter.
    public static func filter(entity: String = "all", status: String = "all") -> String { "show-\(entity)-\(status)" }

    /// The fragment of the filter that shows the rows with a warning.
    public static let warningsFilter = "show-warnings"

    private static var combinations: [(entity: String, status: String)] {
        entities.flatMap { entity in statuses.map { (entity, $0) } }.filter { $0 != ("all", "all") }
    }

    /// The CSS rules of the filters.
    static let css: String = {
        var css = "div.rows table{table-layout:fixed;width:100%;margin:0;font-size:13px}div.rows td{overflow-wrap:anywhere}"
            + "div.rows td,div.rows th{padding:.2em .35em}div.rows th{overflow-wrap:anywhere}"
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
    }()

    /// Opens the table: the filter anchors (each says what it shows) and the header. On a row
    /// page (`page`: its number and the number of pages), the filters show that page's rows and
    /// each filter's banner links to the same filter on the previous and next pages.
    static func head(counts: [String: [String: Int]], page: (number: Int, of: Int)?) -> String {
        var html = "<p class=\"filters\">Show: <a href=\"#rows\">every row</a>"
        for status in RowStatus.allCases.map(\.rawValue) {
            html += " · <a href=\"#\(filter(status: status))\">\(status.lowercased())</a>"
        }
        for entity in EntityType.allCases.map(\.rawValue) where counts[entity] != nil {
            html += " · <a href=\"#\(filter(entity: entity))\">\(entity)s</a>"
        }
        html += " · <a href=\"#\(warningsFilter)\">with a warning</a>"
        html += page == nil ? " (the counts in the summary filter too)</p>\n" : " (of this page; each filter links to the same rows of the pages beside)</p>\n"
        for (entity, status) in combinations {
            let what = [status == "all" ? nil : status.lowercased(), entity == "all" ? nil : "\(entity)"].compactMap { $0 }.joined(separator: " ")
            let fragment = filter(entity: entity, status: status)
            html += "<p class=\"shown\" id=\"\(fragment)\">Showing only the \(what) rows\(banner(fragment, page: page))</p>\n"
        }
        html += "<p class=\"shown\" id=\"\(warningsFilter)\">Showing only the rows with a warning\(banner(warningsFilter, page: page))</p>\n"
        html += "<div class=\"rows\"><table>\(columns)<thead><tr>" + ReportRow.columns.map { "<th>\($0.replacingOccurrences(of: "_", with: " "))</th>" }.joined() + "</tr></thead></table>\n"
        return html
    }

    /// The end of a filter's banner: the link that shows every row, and on a row page the same filter on the pages beside.
    private static func banner(_ fragment: String, page: (number: Int, of: Int)?) -> String {
        guard let page else { return ". <a href=\"#rows\">Show every row</a>" }
        var text = " of page \(page.number) of \(page.of). <a href=\"#rows\">Show every row</a>"
        if page.number > 1 { text += " · <a href=\"\(HTMLRowPages.name(page.number - 1))#\(fragment)\">previous page</a>" }
        if page.number < page.of { text += " · <a href=\"\(HTMLRowPages.name(page.number + 1))#\(fragment)\">next page</a>" }
        return text
    }

    /// The column widths every block shares, so the blocks line up as one table; at 1280 px each holds its
    /// longest word (`2026-10-01T15:04:05-06:00` breaks at its dashes, a path between its names).
    private static let columns = "<colgroup>" + [8, 7, 6, 6, 10, 6, 13, 11, 10, 13, 10].map { "<col style=\"width:\($0)%\">" }.joined() + "</colgroup>"

    /// The positions of the columns that hold paths, wrapped between names.
    private static let sourceColumn = ReportRow.columns.firstIndex(of: "source") ?? -1
    private static let targetsColumn = ReportRow.columns.firstIndex(of: "targets") ?? -1

    /// One row (its `cells`), classed by entity and status for the filters.
    static func row(_ row: ReportRow, cells: [String], into html: inout ByteBuffer) {
        html.append("<tr class=\"r e-")
        html.append(row.entityType.rawValue)
        html.append(" s-")
        html.append(row.status.rawValue)
        html.append(row.warning.isEmpty ? "\">" : " w\">")
        for (index, cell) in cells.enumerated() {
            if index == 5 {
                html.append("<td class=\"")
                html.append(cell)
                html.append("\">")
            } else {
                html.append("<td>")
            }
            if index == sourceColumn || index == targetsColumn { html.appendEscapedPaths(cell) } else { html.appendEscapedHTML(cell) }
            html.append("</td>")
        }
        html.append("</tr>\n")
    }

    /// Rows laid out block by block, each block its own table of `blockSize` rows.
    struct Blocks {
        private var written = 0

        mutating func add(_ row: ReportRow, cells: [String], into html: inout ByteBuffer) {
            if written % blockSize == 0 {
                html.append(written == 0 ? "<div class=\"block\"><table>" : "</table></div>\n<div class=\"block\"><table>")
                html.append(columns)
                html.append("\n")
            }
            HTMLRowsTable.row(row, cells: cells, into: &html)
            written += 1
        }

        /// Closes the last block and the rows' box.
        func close(into html: inout ByteBuffer) {
            html.append(written == 0 ? "</div>\n" : "</table></div></div>\n")
        }
    }
}
