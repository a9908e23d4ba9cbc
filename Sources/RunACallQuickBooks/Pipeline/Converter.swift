import Foundation

/// What to convert and where.
public struct ConversionOptions: Sendable {
    /// Export folders or entity files.
    public var exportPaths: [URL]
    public var configuration: Configuration
    /// Where the QuickBooks files and the report go; nil writes nothing (a dry run).
    public var outputDirectory: URL?
    /// False for `check`: the report only, no QuickBooks files.
    public var writeQuickBooksFiles: Bool
    /// Called with the number of records read so far, every few thousand records.
    public var progress: (@Sendable (Int) -> Void)?
    /// For `preview`: the invoice to follow through the run.
    public var previewInvoiceID: String?

    public init(exportPaths: [URL], configuration: Configuration, outputDirectory: URL?,
                writeQuickBooksFiles: Bool = true, progress: (@Sendable (Int) -> Void)? = nil, previewInvoiceID: String? = nil) {
        self.exportPaths = exportPaths
        self.configuration = configuration
        self.outputDirectory = outputDirectory
        self.writeQuickBooksFiles = writeQuickBooksFiles
        self.progress = progress
        self.previewInvoiceID = previewInvoiceID
    }
}

/// The outcome of a run.
public struct ConversionResult: Sendable {
    public let summary: ReportSummary
    /// Files written, relative to the output folder.
    public let files: [String]
    /// Failed rows grouped by error, for the terminal.
    public let failures: FailureGroups
    /// The invoice `previewInvoiceID` names, end to end; nil when not asked for or not in the export.
    public let preview: InvoicePreview?

    /// 0 when every record was written or skipped by a rule, 1 when some failed.
    public var exitStatus: Int32 { summary.failures > 0 ? 1 : 0 }
}

/// The pipeline: read (stream export records) → map (rules, names, tax) →
/// write (one writer per format) → report. Output files appear only when complete.
public enum Converter {
    public static func run(_ options: ConversionOptions) throws -> ConversionResult {
        let staging = try Staging(outputDirectory: options.outputDirectory)
        defer { staging.discard() }
        let books = try BooksSnapshot.load(options.configuration.books,
                                           relativeTo: options.configuration.directory ?? URL(fileURLWithPath: "."))
        let export = try ExportFiles(paths: options.exportPaths, scratch: staging.url)
        let run = try ConversionRun(options: options, export: export, books: books, staging: staging.url)
        try run.readItems()
        try run.readCustomers()
        try run.readInvoices()
        try run.readPaymentsAndPayouts()
        run.reconcileBalances()
        var (files, parts) = try run.finishWriters()
        if options.outputDirectory != nil {
            files += try ReportRenderer.render(run.log, worksheet: run.worksheet, parts: parts, into: staging.url)
            try staging.publish(files)
        }
        var failures = FailureGroups()
        try run.log.forEachRow { failures.add($0) }
        return ConversionResult(summary: run.log.summary, files: files, failures: failures,
                                preview: try run.finishPreview(scratch: staging.url))
    }
}
