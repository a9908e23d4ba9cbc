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
    /// Called with where the run is (stage, records done of the total when known, rate), at most every quarter second.
    public var progress: (@Sendable (ProgressReport) -> Void)?
    /// For `preview`: the invoice to follow through the run.
    public var previewInvoiceID: String?
    /// The ledger of earlier batches; nil runs without one. A dry run only reads it, and only when it exists.
    public var ledger: URL?
    /// When the run started (the ledger's batch and the report's header say it).
    public var startedAt: Date
    /// How much a zipped export may unpack to.
    public var zipLimits = ZipLimits.standard
    /// Whether QuickBooks files an earlier run left in the output folder may be replaced (`--replace`); else the run stops.
    public var replace: Bool
    /// How long to wait for another run that holds the ledger, in seconds; nil: `RAC2QB_LEDGER_WAIT_SECONDS`, else 30.
    public var ledgerWait: TimeInterval?
    /// Whether records are read and decoded on a second thread while the run decides and renders the
    /// earlier ones (the output is byte-identical either way); off with `RAC2QB_THREADS=1`.
    public var readsAhead = ProcessInfo.processInfo.environment["RAC2QB_THREADS"] != "1"
    /// Where to keep the report's rows as a SQLite index as well (the desk's review grid); nil keeps none.
    public var rowIndex: URL?
    /// What the export's files are read in: UTF-8, or Windows-1252 when the user says so (`--encoding`).
    public var encoding = ExportEncoding.utf8

    public init(exportPaths: [URL], configuration: Configuration, outputDirectory: URL?,
                writeQuickBooksFiles: Bool = true, progress: (@Sendable (ProgressReport) -> Void)? = nil, previewInvoiceID: String? = nil,
                ledger: URL? = nil, startedAt: Date = Date(), replace: Bool = false, ledgerWait: TimeInterval? = nil) {
        self.replace = replace
        self.ledgerWait = ledgerWait
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
    /// True when a run with a ledger had nothing new to write (every record already exported, failed or
    /// skipped): it wrote no QuickBooks file (the report only) and recorded no batch.
    public let nothingNew: Bool
    /// The latest committed batch before this run, told with `nothingNew`.
    public let latestBatch: Int64?
    /// What running the same export again would do, in plain words (`RerunNote`); nil for a run that writes no QuickBooks file.
    public let rerun: String?

    /// 0 when every record was written or skipped by a rule, 1 when some failed.
    public var exitStatus: Int32 { summary.failures > 0 ? 1 : 0 }
}

/// The pipeline: read (stream export records) → map (rules, names, tax) →
/// write (one writer per format) → report. Output files appear only when complete.
public enum Converter {
    /// Runs the pipeline; a file-system error of an output is reported with its path and cause (exit 3).
    public static func run(_ options: ConversionOptions) throws -> ConversionResult {
        do {
            return try convert(options)
        } catch {
            throw OutputFailure.fatal(error, path: options.outputDirectory)
        }
    }

    private static func convert(_ options: ConversionOptions) throws -> ConversionResult {
        let writes = options.writeQuickBooksFiles && options.outputDirectory != nil
        // A run that writes owns the ledger from here (recovery) until it returns (after the commit).
        let ledger = try options.ledger.flatMap { url in
            writes ? try Ledger(url: url, lockingFor: "rac2qb convert", wait: options.ledgerWait ?? LedgerLock.defaultWait)
                : FileManager.default.fileExists(atPath: url.path) ? try Ledger(url: url) : nil
        }
        let recovered = writes ? try ledger?.recover(matches: FileDigest.matches) ?? [] : []
        if let output = options.outputDirectory {
            try OutputFolder.refuseEarlierFiles(in: output, ledger: ledger, replace: options.replace, canReplace: options.writeQuickBooksFiles)
        }
        let staging = try Staging(outputDirectory: options.outputDirectory)
        defer { staging.discard() }
        let books = try BooksSnapshot.load(options.configuration.books, relativeTo: options.configuration.baseDirectory)
        let export = try ExportFiles(paths: options.exportPaths, scratch: staging.url, zipLimits: options.zipLimits,
                                     outputFolder: options.outputDirectory, encoding: options.encoding)
        let latestBatch = try ledger?.batches().last?.id
        if writes, let ledger, let output = options.outputDirectory {
            _ = try ledger.begin(startedAt: ISO8601DateFormatter().string(from: options.startedAt), output: output.standardizedFileURL.path)
        }
        defer { ledger?.abandon() }
        // What the run records goes into the ledger on the second core; stopped (the writes queued run) before an abandon.
        if writes, options.readsAhead { ledger?.startWritingBehind() }
        defer { ledger?.stopWritingBehind() }
        let run = try ConversionRun(options: options, export: export, books: books, ledger: ledger, staging: staging.url)
        run.log.recordAbsent(export.absentEntities)
        run.log.recordNotes(export.passedOver)
        try run.rememberEarlierLists()
        try run.readItems()
        try run.readCustomers()
        try run.readInvoices()
        try run.readPaymentsAndPayouts()
        run.reconcileBalances()
        let (written, parts) = try run.finishWriters()
        let published = options.outputDirectory == nil ? Published(files: written, batch: nil, nothingNew: false)
            : try publish(run, written: written, parts: parts, ledger: ledger, staging: staging, description: options.runDescription,
                          rowIndex: options.rowIndex)
        let failures = run.log.failures
        let rerun = writes ? RerunNote.convert(ledger: ledger.map { DisplayPath.of($0.url) }, batch: published.batch, latest: latestBatch,
                                               nothingNew: published.nothingNew, output: options.outputDirectory.map(DisplayPath.of) ?? "",
                                               keptBatch: published.keptBatch) : nil
        return ConversionResult(summary: run.log.summary, files: published.files, failures: failures,
                                preview: try run.finishPreview(scratch: staging.url), batch: published.batch, recovered: recovered,
                                nothingNew: published.nothingNew, latestBatch: latestBatch, rerun: rerun)
    }

    private struct Published {
        let files: [String]
        let batch: Int64?
        let nothingNew: Bool
        /// When nothing was new and the output folder held an earlier run's QuickBooks files: left in place with
        /// their report, the batch that wrote them (0 when the ledger does not know it).
        var keptBatch: Int64? = nil
    }

    /// Renders the report, then seals the batch, publishes the files and commits the batch, each
    /// flushed to disk first. A batch that wrote no record into a QuickBooks file publishes the
    /// report only; one that recorded nothing at all (nothing new) is not recorded either, and
    /// publishes nothing when the output folder holds QuickBooks files (`--replace`): they stay
    /// with their own report, never beside a report of this run where every row reads Skipped.
    private static func publish(_ run: ConversionRun, written: [String], parts: [String: Int], ledger: Ledger?,
                                staging: Staging, description: RunDescription, rowIndex: URL?) throws -> Published {
        var files = written
        var nothingNew = false
        if let ledger, ledger.openBatch != nil {
            if try !ledger.openBatchWroteRecords { files.removeAll(where: OutputFolder.isQuickBooksFile) }
            nothingNew = try ledger.openBatchIsEmpty
            if nothingNew { ledger.abandon() }
            if nothingNew, let output = run.options.outputDirectory, !OutputFolder.quickBooksFiles(in: output).isEmpty {
                let path = output.standardizedFileURL.path
                return Published(files: [], batch: nil, nothingNew: true, keptBatch: try ledger.batches().last { $0.output == path }?.id ?? 0)
            }
        }
        let batch = ledger?.openBatch
        var description = description
        description.batch = batch
        // The files written so far go to the disk, and are hashed for the ledger on the second core, while the report is rendered.
        staging.startWritingToDisk(files)
        let digests = ledger != nil && run.options.readsAhead ? FileDigest.inBackground(files, in: staging.url) : { [:] }
        let reportThread = run.options.readsAhead ? WriteBehind() : nil
        defer { reportThread?.stop() }
        files += try ReportRenderer.render(run.log, run: description, worksheet: run.worksheet, parts: parts,
                                           quickBooksFiles: files.filter(OutputFolder.isQuickBooksFile), into: staging.url,
                                           rowIndex: rowIndex, sink: RenderSink(thread: reportThread))
        try staging.flushToDisk(files)
        let hashed = digests()
        try ledger?.seal(files: files.map { ($0, (hashed[$0] ?? FileDigest.of(staging.url.appendingPathComponent($0))) ?? "") })
        do {
            try staging.publish(files)
        } catch {
            try ledger?.unseal()
            throw error
        }
        try ledger?.markCommitted()
        return Published(files: files, batch: batch, nothingNew: nothingNew)
    }
}
