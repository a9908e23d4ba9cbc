import Foundation
@testable import RunACallQuickBooks
@testable import RunACallSupport
@testable import RunACallRead
@testable import RunACallDecide

/// Runs `from-quickbooks` the way the CLI does, for tests.
enum FromQuickBooksRun {
    struct Outcome {
        let out: URL
        let result: FromQuickBooksResult
        let report: ReportFile

        func text(_ file: String) throws -> String { try String(contentsOf: out.appendingPathComponent(file), encoding: .utf8) }

        /// The rows of a written CSV file (header first), read back with the project's RFC 4180 reader.
        func csv(_ file: String) throws -> [[String]] {
            let reader = try CSVRowReader(url: out.appendingPathComponent(file))
            var rows: [[String]] = []
            while let row = try reader.next() { rows.append(row.cells) }
            return rows
        }

        /// Source rows by status, per entity type.
        func counts(_ entity: String) -> [String: Int] { result.summary.counts[entity] ?? [:] }

        func row(_ entity: String) -> [String: String]? { report.rows.first { $0["entity"] == entity } }
    }

    static func run(_ lists: [URL], configText: String? = nil, configuration: Configuration? = nil, export: [URL] = [],
                    ledger: URL? = nil, out: URL? = nil, replace: Bool = false) throws -> Outcome {
        let configuration = try configuration ?? configText.map { try ConfigurationLoader.parse($0) } ?? Configuration()
        let out = try out ?? TestPaths.temporaryFolder("from-quickbooks").appendingPathComponent("out")
        let result = try FromQuickBooks.run(FromQuickBooksOptions(listPaths: lists, configuration: configuration, outputDirectory: out,
                                                                  exportPaths: export, ledger: ledger, startedAt: Conversion.fixedStart,
                                                                  replace: replace))
        return Outcome(out: out, result: result, report: try ReportFile(out))
    }

    static let bothOn = """
        version: 1
        customers:
          from_quickbooks: true
        items:
          from_quickbooks: true
          category_income_accounts:
            Equipment installs: Equipment sales
        """

    static var lists: URL { TestPaths.samples.appendingPathComponent("quickbooks-lists") }
}
