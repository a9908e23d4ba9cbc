import Foundation
import Testing
@testable import RunACallQuickBooks
@testable import RunACallSupport
@testable import RunACallDecide
@testable import RunACallRender

/// The report people read: self-contained, shown by a real browser, filtered
/// without scripts, and still usable at 100,000 rows.
@Suite(.serialized) struct HTMLReportTests {
    static func booksReport() throws -> URL {
        let out = try TestPaths.temporaryFolder().appendingPathComponent("out")
        _ = try Conversion.run(TestPaths.samples.appendingPathComponent("export"),
                               configURL: TestPaths.samples.appendingPathComponent("rac2qb-books.yml"), out: out)
        return out.appendingPathComponent("report/index.html")
    }

    /// The part of the printed page from the heading of the rows table on.
    static func rowsSection(_ text: String) throws -> Substring {
        let start = try #require(text.range(of: "Every row"))
        return text[start.lowerBound...]
    }

    @Test func isSelfContained() throws {
        let html = String(decoding: try Data(contentsOf: try Self.booksReport()), as: UTF8.self)
        #expect(!html.contains("<script"))
        #expect(!html.contains("<link") && !html.contains("src=") && !html.contains("url("), "nothing is fetched")
        #expect(html.replacingOccurrences(of: "xmlns=\"http://www.w3.org/2000/svg\"", with: "").range(of: "https?://", options: .regularExpression) == nil)
        #expect(html.contains("<svg") && html.contains("<title>2026-10 failed: 5,276.46</title>"), "the chart draws the failed amount of October")
        let warnings = try #require(html.range(of: "<h2 id=\"warnings\">Warnings</h2>"), "warnings are listed apart")
        let totals = try #require(html.range(of: "<h2>Invoice totals"))
        #expect(warnings.upperBound < totals.lowerBound, "warnings come before the figures, after the failures")
        #expect(html[warnings.upperBound..<totals.lowerBound].contains("apply it in QuickBooks"))
    }

    @Test(.enabled(if: Browser.availableOrCI)) func rendersAndFiltersInChromiumWithoutScripts() throws {
        let page = try Self.booksReport()
        let everything = try Self.rowsSection(Browser.printedText(page))
        #expect(everything.contains("#1042") && everything.contains("#1045"))
        let failedInvoices = try Self.rowsSection(Browser.printedText(page, fragment: HTMLRowsTable.filter(entity: "invoice", status: "Failed")))
        #expect(failedInvoices.contains("Showing only the failed invoice rows"))
        for id in ["#1045", "#1047", "#1050", "#1058", "#1059", "#1065"] { #expect(failedInvoices.contains(id), "\(id)") }
        #expect(!failedInvoices.contains("#1042"), "a written invoice is hidden by the filter")
        #expect(!failedInvoices.contains("pay-003"), "payments are hidden by the filter")
        let warned = try Self.rowsSection(Browser.printedText(page, fragment: HTMLRowsTable.warningsFilter))
        #expect(warned.contains("Showing only the rows with a warning"))
        #expect(warned.contains("pay-001"), "a payment left to apply by hand is warned of")
        #expect(!warned.contains("#1050"), "a failed invoice carries no warning")
        #expect(!warned.contains("i01"), "a row without a warning (pricebook item i01, in the books already) is hidden")
        let screenshot = try Browser.screenshot(page)
        #expect(screenshot.starts(with: [0x89, 0x50, 0x4E, 0x47]) && screenshot.count > 50_000, "a PNG with a drawn page")
    }

    @Test(.enabled(if: Browser.availableOrCI)) func staysUsableWith100000Rows() throws {
        let folder = try TestPaths.temporaryFolder()
        let log = try ReportLog(staging: folder)
        let statuses: [RowStatus] = [.success, .success, .success, .skipped, .failed]
        let closed = Problem.closedPeriod(date: CalendarDate(year: 2026, month: 9, day: 30)!, closing: CalendarDate(year: 2026, month: 9, day: 30)!)
        for index in 0..<100_000 {
            let status = statuses[index % statuses.count]
            var row = ReportRow(timestamp: "2026-10-01T12:00:00Z", entityType: .invoice, sourceID: "INV-\(index)",
                                entity: "Invoice #INV-\(index)", status: status, message: "", fix: "",
                                source: "invoices.json#\(index)", targets: [], isSourceRow: true)
            if status == .failed { row.fail(closed) }
            try log.add(row)
        }
        let run = RunDescription(startedAt: "2026-10-01T12:00:00Z", config: "rac2qb.yml", ledger: RunDescription.noLedger,
                                 export: ["invoices.json"], company: "Acme")
        let files = try ReportRenderer.render(log, run: run, worksheet: nil, parts: [:], into: folder)
        let pages = files.filter { $0.hasPrefix("report/rows-") }
        #expect(pages.count == 100_000 / HTMLRowPages.rowsPerPage, "in pages of \(HTMLRowPages.rowsPerPage) rows")
        var rows = 0
        for file in pages {
            let html = String(decoding: try Data(contentsOf: folder.appendingPathComponent(file)), as: UTF8.self)
            rows += html.components(separatedBy: "<tr class=\"r ").count - 1
            #expect(html.components(separatedBy: "<div class=\"block\">").count - 1 == HTMLRowPages.rowsPerPage / HTMLRowsTable.blockSize, "laid out block by block")
            #expect(html.utf8.count < HTMLRowPages.rowsPerPage * 700, "about half a kilobyte a row")
        }
        #expect(rows == 100_000, "every row is on a page once")
        let index = folder.appendingPathComponent("report/index.html")
        let html = String(decoding: try Data(contentsOf: index), as: UTF8.self)
        #expect(html.utf8.count < 100_000, "the first page stays small")
        let failuresAt = try #require(html.range(of: "id=\"failures\"")).lowerBound
        let rowsAt = try #require(html.range(of: "id=\"rows\"")).lowerBound
        #expect(html.utf8.distance(from: html.startIndex, to: failuresAt) < 20_000, "the failures are on the first screen, not after the rows")
        #expect(failuresAt < rowsAt)
        let page = folder.appendingPathComponent("report").appendingPathComponent(HTMLRowPages.name(2))
        let screenshot = try Browser.screenshot(page, fragment: HTMLRowsTable.filter(status: "Failed"))
        #expect(screenshot.starts(with: [0x89, 0x50, 0x4E, 0x47]) && screenshot.count > 20_000, "Chromium draws the filtered page")
    }

    @Test(.enabled(if: Browser.availableOrCI)) func aRowPageOpensAndFiltersInChromium() throws {
        let run = try HTMLRowPagesTests.pagedRun()
        let page = run.out.appendingPathComponent("report").appendingPathComponent(HTMLRowPages.name(2))
        let rows = HTMLRowPagesTests.rows(String(decoding: try Data(contentsOf: page), as: UTF8.self))
        #expect(rows.contains { $0[5] == "Failed" } && rows.contains { $0[5] == "Success" }, "the page has failed and written rows")
        let section = { (text: String) throws -> Substring in
            let start = try #require(text.range(of: "Rows 101–200 of"))
            return text[start.upperBound...]
        }
        // The narrow status column prints "Success" over two lines ("Succes", "s").
        let everything = try section(Browser.printedText(page))
        #expect(everything.contains("Succes") && everything.contains("Failed"))
        #expect(everything.contains("previous page") && everything.contains("next page"))
        let failed = try section(Browser.printedText(page, fragment: HTMLRowsTable.filter(status: "Failed")))
        #expect(failed.contains("Showing only the failed rows of page 2 of"))
        #expect(failed.contains("Failed"))
        #expect(!failed.contains("Succes"), "a written row is hidden by the filter")
    }
}
