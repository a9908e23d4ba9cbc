import Foundation
import RunACallDecide
import RunACallSupport

/// Where the report's rows go: into `index.html` itself when they fit one page
/// (at most `rowsPerPage`, the page is then as it always was), else into pages
/// `report/rows-001.html`, `rows-002.html`, ... of `rowsPerPage` rows beside it,
/// so no file grows with the export: each page links back to `index.html` and to
/// its neighbours, and has the rows table's script-free filters; a filter's banner
/// links to the same filter on the previous and next pages. The index links each
/// count and filter to the first page that holds such a row, and lists the first
/// `pageListLimit` pages with their failed and warned rows.
public final class HTMLRowPages {
    /// Rows of one page, about 2.6 MB of HTML (a task-local value, so that tests can make pages small).
    @TaskLocal public static var rowsPerPage = 5_000
    /// Pages the index lists by name; the others are reached from page to page.
    static let pageListLimit = 100

    /// One written page: which rows it holds and how many failed or carry a warning.
    struct Page {
        let number: Int
        let firstRow: Int
        fileprivate(set) var rows = 0
        fileprivate(set) var failed = 0
        fileprivate(set) var warned = 0
        var name: String { HTMLRowPages.name(number) }
    }

    let rowCount: Int
    let rowsPerPage: Int
    let pageCount: Int
    private let directory: URL
    private let counts: [String: [String: Int]]
    private(set) var pages: [Page] = []
    /// The rows table, when the rows stay in `index.html`.
    private(set) var inline = ByteBuffer()
    private var output: BufferedOutput?
    private var blocks = HTMLRowsTable.Blocks()
    /// The first page holding a row of each filter (`firstPageIndex`), 0 when none does.
    private var firstPages: [Int]

    /// Rows go to pages when there are more than `rowsPerPage` of them.
    var isPaged: Bool { pageCount > 1 }

    init(directory: URL, rowCount: Int, rowsPerPage: Int = HTMLRowPages.rowsPerPage, counts: [String: [String: Int]]) {
        precondition(rowsPerPage > 0)
        self.directory = directory
        self.rowCount = rowCount
        self.rowsPerPage = rowsPerPage
        self.counts = counts
        pageCount = rowCount <= rowsPerPage ? 1 : (rowCount + rowsPerPage - 1) / rowsPerPage
        firstPages = Array(repeating: 0, count: (EntityType.allCases.count + 1) * (RowStatus.allCases.count + 1) + 1)
        if !isPaged { inline.append(HTMLRowsTable.head(counts: counts, page: nil)) }
    }

    /// The page file of a number (`rows-001.html`).
    public static func name(_ number: Int) -> String {
        let digits = String(number)
        return "rows-" + String(repeating: "0", count: max(0, 3 - digits.count)) + digits + ".html"
    }

    /// Whether `name` is one of the row pages this tool writes (a smaller run sets aside the pages it no longer has).
    public static func isPage(_ name: String) -> Bool {
        name.range(of: #"^rows-\d{3,}\.html$"#, options: .regularExpression) != nil
    }

    /// The pages, relative to the output folder (none when the rows stay in `index.html`).
    var files: [String] { pages.map { "report/\($0.name)" } }

    /// Adds one row, with its cells, to the table or to the current page.
    func add(_ row: ReportRow, cells: [String]) throws {
        guard isPaged else {
            blocks.add(row, cells: cells, into: &inline)
            return
        }
        if pages.isEmpty || pages[pages.count - 1].rows == rowsPerPage { try openPage() }
        let index = pages.count - 1
        try output?.write { blocks.add(row, cells: cells, into: &$0) }
        pages[index].rows += 1
        if row.status == .failed { pages[index].failed += 1 }
        if !row.warning.isEmpty { pages[index].warned += 1 }
        note(page: index + 1, entity: row.entityType, status: row.status, warned: !row.warning.isEmpty)
    }

    /// Closes the table, or the last page.
    func finish() throws {
        guard isPaged else {
            blocks.close(into: &inline)
            return
        }
        try closePage()
    }

    /// Where a filter's rows are: the fragment itself when they are in `index.html`,
    /// else the first page holding such a row (the first page when none does).
    func address(entity: String = "all", status: String = "all") -> String {
        let fragment = HTMLRowsTable.filter(entity: entity, status: status)
        guard isPaged else { return "#\(fragment)" }
        let page = firstPages[Self.firstPageIndex(entity: EntityType(rawValue: entity), status: RowStatus(rawValue: status))]
        return "\(Self.name(max(page, 1)))#\(fragment)"
    }

    /// Where the rows with a warning are, as `address` says.
    var warningsAddress: String {
        guard isPaged else { return "#\(HTMLRowsTable.warningsFilter)" }
        return "\(Self.name(max(firstPages[firstPages.count - 1], 1)))#\(HTMLRowsTable.warningsFilter)"
    }

    /// The index section that lists the pages (the rows table's place on a run with one page).
    func pageList(into html: inout ByteBuffer) {
        html.append("<p>The \(rowCount) rows are in \(pageCount) pages of at most \(rowsPerPage) rows beside this one, each with the filters; "
            + "sync-report.csv holds every row in one file.</p>\n")
        html.append("<table class=\"pages\"><tr><th>Page</th><th>Rows</th><th>Failed</th><th>With a warning</th></tr>\n")
        for page in pages.prefix(Self.pageListLimit) {
            html.append("<tr><td><a href=\"\(page.name)\">\(page.name)</a></td><td class=\"n\">\(page.firstRow)–\(page.firstRow + page.rows - 1)</td>"
                + "<td class=\"n\"><a href=\"\(page.name)#\(HTMLRowsTable.filter(status: RowStatus.failed.rawValue))\">\(page.failed)</a></td>"
                + "<td class=\"n\"><a href=\"\(page.name)#\(HTMLRowsTable.warningsFilter)\">\(page.warned)</a></td></tr>\n")
        }
        if pages.count > Self.pageListLimit {
            let next = Self.name(Self.pageListLimit + 1)
            html.append("<tr><td colspan=\"4\">… and \(pages.count - Self.pageListLimit) more pages, from <a href=\"\(next)\">\(next)</a> on "
                + "(each page links to the next)</td></tr>\n")
        }
        html.append("</table>\n")
    }

    private static func firstPageIndex(entity: EntityType?, status: RowStatus?) -> Int {
        let entityIndex = entity.flatMap { EntityType.allCases.firstIndex(of: $0) }.map { $0 + 1 } ?? 0
        let statusIndex = status.flatMap { RowStatus.allCases.firstIndex(of: $0) }.map { $0 + 1 } ?? 0
        return entityIndex * (RowStatus.allCases.count + 1) + statusIndex
    }

    private func note(page: Int, entity: EntityType, status: RowStatus, warned: Bool) {
        for index in [Self.firstPageIndex(entity: entity, status: status), Self.firstPageIndex(entity: entity, status: nil),
                      Self.firstPageIndex(entity: nil, status: status)] where firstPages[index] == 0 {
            firstPages[index] = page
        }
        if warned, firstPages[firstPages.count - 1] == 0 { firstPages[firstPages.count - 1] = page }
    }

    private func openPage() throws {
        try closePage()
        let number = pages.count + 1
        pages.append(Page(number: number, firstRow: (number - 1) * rowsPerPage + 1))
        let output = try BufferedOutput(url: directory.appendingPathComponent(Self.name(number)))
        self.output = output
        let lastRow = min(number * rowsPerPage, rowCount)
        try output.write("""
        <!DOCTYPE html>
        <html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
        <title>rac2qb sync report: rows \(pages[number - 1].firstRow)–\(lastRow)</title>
        \(HTMLReport.style)</head><body>
        <h1>rac2qb sync report: page \(number) of \(pageCount)</h1>
        \(navigation(number))
        <h2 id="rows">Rows \(pages[number - 1].firstRow)–\(lastRow) of \(rowCount)</h2>

        """)
        try output.write(HTMLRowsTable.head(counts: counts, page: (number, pageCount)))
        blocks = HTMLRowsTable.Blocks()
    }

    private func closePage() throws {
        guard let output else { return }
        try output.write { blocks.close(into: &$0) }
        try output.write(navigation(pages.count) + "\n</body></html>\n")
        try output.close()
        self.output = nil
    }

    /// The links of a page to the index and to its neighbours.
    private func navigation(_ number: Int) -> String {
        var links = ["<a href=\"index.html\">Summary, failures and warnings</a>"]
        if number > 1 { links.append("<a href=\"\(Self.name(number - 1))\">previous page</a>") }
        if number < pageCount { links.append("<a href=\"\(Self.name(number + 1))\">next page</a>") }
        return "<p class=\"pages\">" + links.joined(separator: " · ") + " · page \(number) of \(pageCount)</p>"
    }
}
