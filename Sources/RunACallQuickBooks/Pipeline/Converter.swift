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
    /// The ledger of earlier batches; nil runs without one. A dry run only reads it, and only when it exists.
    public var ledger: URL?
    /// When the run started (the ledger's batch and the report's header say it).
    public var startedAt: Date
    /// How much a zipped export may unpack to.
    public var zipLimits = ZipLimits.standard

    public init(exportPaths: [URL], configuration: Configuration, outputDirectory: URL?,
                writeQuickBooksFiles: Bool = true, progress: (@Sendable (Int) -> Void)? = nil, previewInvoiceID: String? = nil,
                ledger: URL? = nil, startedAt: Date = Date()) {
        self.exportPaths = exportPaths
        self.configuration = configuration
        self.outputDirectory = outputDirectory
        self.writeQuickBooksFiles = writeQuickBooksFiles
        self.progress = progress
        self.previewInvoiceID = previewInvoiceID
        self.ledger = ledger
        self.startedAt = startedAt
    }

    /// The report header's description of this run (its batch is filled in when recorded).
    var runDescription: RunDescription {
        RunDescription(startedAt: ISO8601DateFormatter().string(from: startedAt),
                       config: configuration.file.map(DisplayPath.of) ?? RunDescription.defaultsUsed,
                       ledger: ledger.map(DisplayPath.of) ?? RunDescription.noLedger,
                       export: exportPaths.map(DisplayPath.of), company: configuration.company.name ?? "")
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
    /// The ledger batch this run committed, and what recovery did with batches a killed run left.
    public let batch: Int64?
    public let recovered: [String]

    /// 0 when every record was written or skipped by a rule, 1 when some failed.
    public var exitStatus: Int32 { summary.failures > 0 ? 1 : 0 }
}

/// The pipeline: read (stream export records) → map (rules, names, tax) →
/// write (one writer per format) → report. Output files appear only when complete.
public enum Converter {
    public static func run(_ options: ConversionOptions) throws -> ConversionResult {
        let staging = try Staging(outputDirectory: options.outputDirectory)
        defer { staging.discard() }
        let books = try BooksSnapshot.load(options.configuration.books, relativeTo: options.configuration.baseDirectory)
        let export = try ExportFiles(paths: options.exportPaths, scratch: staging.url, zipLimits: options.zipLimits)
        let writes = options.writeQuickBooksFiles && options.outputDirectory != nil
        let ledger = try options.ledger.flatMap { url in
            writes || FileManager.default.fileExists(atPath: url.path) ? try Ledger(url: url) : nil
        }
        let recovered = writes ? try ledger?.recover(hashOf: FileDigest.of) ?? [] : []
        if writes, let ledger, let output = options.outputDirectory {
            _ = try ledger.begin(startedAt: ISO8601DateFormatter().string(from: options.startedAt), output: output.standardizedFileURL.path)
        }
        defer { ledger?.abandon() }
        let run = try ConversionRun(options: options, export: export, books: books, ledger: ledger, staging: staging.url)
        run.log.recordAbsent(export.absentEntities)
        try run.rememberEarlierLists()
        try run.readItems()
        try run.readCustomers()
        try run.readInvoices()
        try run.readPaymentsAndPayouts()
        run.reconcileBalances()
        var (files, parts) = try run.finishWriters()
        var batch: Int64?
        if options.outputDirectory != nil {
            batch = ledger?.openBatch
            var description = options.runDescription
            description.batch = batch
            files += try ReportRenderer.render(run.log, run: description, worksheet: run.worksheet, parts: parts, into: staging.url)
            try ledger?.seal(files: files.map { ($0, FileDigest.of(staging.url.appendingPathComponent($0)) ?? "") })
            try staging.publish(files)
            try ledger?.markCommitted()
        }
        var failures = FailureGroups()
        try run.log.forEachRow { failures.add($0) }
        return ConversionResult(summary: run.log.summary, files: files, failures: failures,
                                preview: try run.finishPreview(scratch: staging.url), batch: batch, recovered: recovered)
    }
}
