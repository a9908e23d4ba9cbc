import ExportGenerator
import Foundation
import Testing
@testable import RunACallQuickBooks
@testable import RunACallSupport
@testable import RunACallDecide
@testable import RunACallRender

/// The report of a run with many rows: `index.html` keeps the summary, failures
/// and warnings, bounded; the rows are in pages beside it, each once.
@Suite struct HTMLRowPagesTests {
    static let rowsPerPage = 100

    /// Converts a generated export with pages of `rowsPerPage` rows; returns the output folder and the run's files.
    static func pagedRun(invoices: Int = 120, out: URL? = nil, rowsPerPage: Int = rowsPerPage) throws -> (out: URL, files: [String]) {
        let folder = try TestPaths.temporaryFolder("export")
        _ = try ExportGenerator(invoiceCount: invoices, seed: 11).writeWithPayments(format: .jsonl, to: folder)
        let out = try out ?? TestPaths.temporaryFolder().appendingPathComponent("out")
        let result = try HTMLRowPages.$rowsPerPage.withValue(rowsPerPage) {
            try Conversion.run(folder, configText: ExportGenerator.configuration(), out: out)
        }
        return (out, result.files)
    }

    static func text(_ url: URL) throws -> String { String(decoding: try Data(contentsOf: url), as: UTF8.self) }

    /// The cells of each row of a page's rows table, unescaped.
    static func rows(_ html: String) -> [[String]] {
        html.components(separatedBy: "<tr class=\"r ").dropFirst().map { row in
            let row = row.components(separatedBy: "</tr>")[0]
            return row.components(separatedBy: "<td").dropFirst().map { cell in
                let text = cell[cell.index(after: cell.firstIndex(of: ">")!)...].components(separatedBy: "</td>")[0]
                return text.replacingOccurrences(of: "<wbr>", with: "").replacingOccurrences(of: "<br>", with: "")
                    .replacingOccurrences(of: "&lt;", with: "<").replacingOccurrences(of: "&gt;", with: ">")
                    .replacingOccurrences(of: "&quot;", with: "\"").replacingOccurrences(of: "&amp;", with: "&")
            }
        }
    }

    /// The `href`s of a page, and its `id`s.
    static func links(_ html: String) -> (hrefs: [String], ids: Set<String>) {
        let values = { (attribute: String) in
            html.components(separatedBy: " \(attribute)=\"").dropFirst().map { String($0.prefix { $0 != "\"" }) }
        }
        return (values("href"), Set(values("id")))
    }

    @Test func everyRowIsOnExactlyOneBoundedPage() throws {
        let run = try Self.pagedRun()
        let report = run.out.appendingPathComponent("report")
        let pageFiles = run.files.filter { $0.hasPrefix("report/rows-") }
        #expect(pageFiles.count >= 3, "three pages or more: \(pageFiles)")
        #expect(pageFiles == (1...pageFiles.count).map { "report/\(HTMLRowPages.name($0))" }, "numbered from rows-001.html")
        #expect(run.files.filter { $0.hasPrefix("report/") }.prefix(3) == ["report/sync-report.csv", "report/sync-report.json", "report/index.html"])
        let published = try FileManager.default.contentsOfDirectory(atPath: report.path).filter { $0.hasPrefix("rows-") }.sorted()
        #expect(published.map { "report/\($0)" } == pageFiles, "every page is published, none other")

        let json = try #require(JSONSerialization.jsonObject(with: Data(contentsOf: report.appendingPathComponent("sync-report.json"))) as? [String: Any])
        let expected = try #require(json["rows"] as? [[String: String]]).map { object in ReportRow.columns.map { object[$0] ?? "?" } }
        var seen: [[String]] = []
        for (index, file) in pageFiles.enumerated() {
            let html = try Self.text(run.out.appendingPathComponent(file))
            let rows = Self.rows(html)
            #expect(rows.count <= Self.rowsPerPage && !rows.isEmpty, "\(file) holds \(rows.count) rows")
            #expect(index == pageFiles.count - 1 || rows.count == Self.rowsPerPage, "only the last page is short")
            #expect(html.utf8.count < Self.rowsPerPage * 2_000 + 64_000, "\(file) is bounded")
            #expect(!html.contains("<script"))
            seen += rows
        }
        #expect(seen.count == expected.count && seen == expected, "the pages hold the report's rows once each, in order: \(zip(seen, expected).first { $0 != $1 }.map { "\($0) ≠ \($1)" } ?? "")")

        let index = try Self.text(report.appendingPathComponent("index.html"))
        #expect(!index.contains("<tr class=\"r ") && !index.contains("<div class=\"rows\">"), "index.html has no rows table")
        #expect(index.contains("id=\"failures\"") && index.contains("id=\"warnings\"") && index.contains("<svg"))
        #expect(index.contains("<a href=\"rows-001.html\">rows-001.html</a>"), "index.html lists the pages")
    }

    @Test func everyLinkResolves() throws {
        let run = try Self.pagedRun()
        let report = run.out.appendingPathComponent("report")
        let names = run.files.filter { $0.hasPrefix("report/") && $0.hasSuffix(".html") }.map { String($0.dropFirst("report/".count)) }
        var ids: [String: Set<String>] = [:]
        var hrefs: [String: [String]] = [:]
        for name in names {
            let links = Self.links(try Self.text(report.appendingPathComponent(name)))
            ids[name] = links.ids
            hrefs[name] = links.hrefs
        }
        var checked = 0
        for (name, links) in hrefs {
            for href in links {
                let parts = href.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false).map(String.init)
                let target = parts[0].isEmpty ? name : parts[0]
                #expect(ids[target] != nil, "\(name): \(href) names a page of the report")
                if parts.count == 2 { #expect(ids[target]?.contains(parts[1]) == true, "\(name): \(href) names an anchor of \(target)") }
                checked += 1
            }
        }
        #expect(checked > 100)
        let second = try Self.text(report.appendingPathComponent(HTMLRowPages.name(2)))
        #expect(second.contains("<a href=\"index.html\">") && second.contains("<a href=\"rows-001.html\">previous page</a>")
                && second.contains("<a href=\"rows-003.html\">next page</a>"), "a page links back and to its neighbours")
        #expect(second.contains("<a href=\"rows-003.html#show-invoice-Failed\">next page</a>"), "a filter carries to the next page")
    }

    @Test func aSmallerRunSetsAsideThePagesItNoLongerHas() throws {
        let first = try Self.pagedRun()
        let report = first.out.appendingPathComponent("report")
        #expect(FileManager.default.fileExists(atPath: report.appendingPathComponent(HTMLRowPages.name(3)).path))
        let folder = try TestPaths.temporaryFolder("export")
        _ = try ExportGenerator(invoiceCount: 120, seed: 11).writeWithPayments(format: .jsonl, to: folder)
        var configuration = try ConfigurationLoader.parse(ExportGenerator.configuration())
        configuration.output.formats = [.iif]
        var options = ConversionOptions(exportPaths: [folder], configuration: configuration, outputDirectory: first.out,
                                        writeQuickBooksFiles: true, startedAt: Conversion.fixedStart)
        options.replace = true
        let again = try Converter.run(options)
        #expect(!again.files.contains { $0.hasPrefix("report/rows-") }, "one page: the rows are in index.html")
        let left = try FileManager.default.contentsOfDirectory(atPath: report.path).filter(HTMLRowPages.isPage)
        #expect(left.isEmpty, "no page of the earlier run is left beside the new index.html: \(left)")
        #expect(try Self.text(report.appendingPathComponent("index.html")).contains("<tr class=\"r "))
    }

    @Test func theIndexStaysBoundedWhenEveryRowFails() throws {
        let folder = try TestPaths.temporaryFolder()
        let log = try ReportLog(staging: folder)
        let closed = Problem.closedPeriod(date: CalendarDate(year: 2026, month: 9, day: 30)!, closing: CalendarDate(year: 2026, month: 9, day: 30)!)
        for index in 0..<3_000 {
            var row = ReportRow(timestamp: "2026-10-01T12:00:00Z", entityType: .invoice, sourceID: "INV-\(index)",
                                entity: "Invoice #INV-\(index)", status: .success, message: "", fix: "",
                                source: "invoices.json#\(index)", targets: [], isSourceRow: true, warning: "renamed \(index)")
            row.fail(closed)
            try log.add(row)
        }
        let run = RunDescription(startedAt: "2026-10-01T12:00:00Z", config: "rac2qb.yml", ledger: RunDescription.noLedger,
                                 export: ["invoices.json"], company: "Acme")
        let files = try HTMLRowPages.$rowsPerPage.withValue(10) {
            try ReportRenderer.render(log, run: run, worksheet: nil, parts: [:], into: folder)
        }
        #expect(files.count == 3 + 300)
        let index = try Self.text(folder.appendingPathComponent("report/index.html"))
        #expect(index.utf8.count < 150_000, "index.html is bounded: \(index.utf8.count) bytes")
        #expect(index.contains("… and 200 more pages, from <a href=\"rows-101.html\">rows-101.html</a> on"))
        #expect(index.contains("… and 2900 more record(s) with other warnings (the row pages' filter shows them"), "the warnings list is cut")
        #expect(index.contains("<a href=\"rows-001.html#show-invoice-Failed\">3000</a>"), "a count links to its first page")
    }
}
