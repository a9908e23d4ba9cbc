import Foundation

/// What `from-quickbooks` reads and where it writes.
public struct FromQuickBooksOptions: Sendable {
    /// The QuickBooks list files, read in the order given.
    public var listPaths: [URL]
    public var configuration: Configuration
    public var outputDirectory: URL
    /// `--export`: a Run a Call export whose customers and items Run a Call already has.
    public var exportPaths: [URL]
    /// The ledger; nil runs without one.
    public var ledger: URL?
    public var startedAt: Date
    /// Whether Run a Call files an earlier run left in the output folder may be replaced.
    public var replace: Bool
    /// How long to wait for another run that holds the ledger; nil: the default.
    public var ledgerWait: TimeInterval?

    public init(listPaths: [URL], configuration: Configuration, outputDirectory: URL, exportPaths: [URL] = [], ledger: URL? = nil,
                startedAt: Date = Date(), replace: Bool = false, ledgerWait: TimeInterval? = nil) {
        self.listPaths = listPaths
        self.configuration = configuration
        self.outputDirectory = outputDirectory
        self.exportPaths = exportPaths
        self.ledger = ledger
        self.startedAt = startedAt
        self.replace = replace
        self.ledgerWait = ledgerWait
    }
}

/// The outcome of a `from-quickbooks` run.
public struct FromQuickBooksResult: Sendable {
    public let summary: ReportSummary
    /// Files written, relative to the output folder.
    public let files: [String]
    public let failures: FailureGroups
    /// The ledger batch recorded; nil without a ledger or when nothing was new.
    public let batch: Int64?
    public let recovered: [String]
    /// True when nothing was sent to Run a Call: the report only, no batch.
    public let nothingNew: Bool
    /// What running the same lists again would do, in plain words (`RerunNote`).
    public let rerun: String

    /// 0 when every entry was sent or held back by a rule, 1 when some failed.
    public var exitStatus: Int32 { summary.failures > 0 ? 1 : 0 }
}

/// `rac2qb from-quickbooks`: QuickBooks list files → Run a Call import files and
/// a sync report (direction `QBO → Run a Call`). A one-way pipeline: the list
/// readers stream entries; each is decided alone (`CustomerDecider`,
/// `ItemDecider`) against what Run a Call has (`RunACallRecords`, the ledger's
/// sightings); `RunACallFiles` and the report log write the decisions; the
/// files are published and the ledger batch committed as `convert` does.
public enum FromQuickBooks {
    public static func run(_ options: FromQuickBooksOptions) throws -> FromQuickBooksResult {
        do {
            return try convert(options)
        } catch {
            throw OutputFailure.fatal(error, path: options.outputDirectory)
        }
    }

    private static func convert(_ options: FromQuickBooksOptions) throws -> FromQuickBooksResult {
        for url in options.listPaths where SystemCalls.kind(url.resolvingSymlinksInPath().path) != .file {
            throw FatalError(.unreadableInput, "\(url.path): \(SystemCalls.kind(url.path) == .missing ? "no such file" : "not a file"); allowed: QuickBooks list files (IIF, qbXML, CSV) or a .zip of them")
        }
        let ledger = try options.ledger.map {
            try Ledger(url: $0, lockingFor: "rac2qb from-quickbooks", wait: options.ledgerWait ?? LedgerLock.defaultWait)
        }
        let recovered = try ledger?.recover(matches: FileDigest.matches) ?? []
        try refuseEarlierFiles(in: options.outputDirectory, replace: options.replace)
        let staging = try Staging(outputDirectory: options.outputDirectory)
        defer { staging.discard() }
        let export = try options.exportPaths.isEmpty ? nil
            : ExportFiles(paths: options.exportPaths, scratch: staging.url, requireInvoices: false,
                          outputFolder: options.outputDirectory)
        let records = try RunACallRecords(ledger: ledger, export: export)
        _ = try ledger?.begin(startedAt: ISO8601DateFormatter().string(from: options.startedAt),
                              output: options.outputDirectory.standardizedFileURL.path)
        defer { ledger?.abandon() }
        let log = try ReportLog(staging: staging.url)
        log.recordNotes(records.unreadable.map { "--export record not read, so it matches no QuickBooks entry: \($0)" })
        let files = try RunACallFiles(staging: staging.url)
        var pipeline = EntryPipeline(settings: FromQuickBooksSettings(options.configuration), records: records, ledger: ledger,
                                     files: files, log: log)
        for (url, label) in try listFiles(options.listPaths, scratch: staging.url) {
            try QuickBooksListFile.forEachEntry(url, label: label) { try pipeline.take($0) }
        }
        var written = try files.finish()
        if !pipeline.sent { written.removeAll() }
        // A run that sends nothing records no batch (what it saw is not kept: the next run decides as this one did),
        // so that no empty batch stands between the user and `undo` of the batch before.
        let nothingNew = !pipeline.sent
        if nothingNew { try ledger?.dropOpenBatch() }
        // Nothing sent into a folder that holds an earlier run's files (--replace): they stay, with their own report.
        let keptEarlier = nothingNew && !earlierFiles(in: options.outputDirectory).isEmpty
        let rerun = RerunNote.fromQuickBooks(ledger: options.ledger.map(DisplayPath.of), batch: ledger?.openBatch, nothingNew: nothingNew,
                                             output: DisplayPath.of(options.outputDirectory), keptEarlier: keptEarlier)
        let failures = log.failures
        if keptEarlier {
            return FromQuickBooksResult(summary: log.summary, files: [], failures: failures, batch: nil, recovered: recovered,
                                        nothingNew: true, rerun: rerun)
        }
        var description = RunDescription(startedAt: ISO8601DateFormatter().string(from: options.startedAt),
                                         config: options.configuration.file.map(DisplayPath.of) ?? RunDescription.defaultsUsed,
                                         ledger: options.ledger.map(DisplayPath.of) ?? RunDescription.noLedger,
                                         export: (options.listPaths + options.exportPaths).map(DisplayPath.of),
                                         company: options.configuration.company.name ?? "")
        description.batch = ledger?.openBatch
        written += try ReportRenderer.render(log, run: description, worksheet: nil, parts: [:], into: staging.url)
        try staging.flushToDisk(written)
        try ledger?.seal(files: written.map { ($0, FileDigest.of(staging.url.appendingPathComponent($0)) ?? "") })
        do {
            try staging.publish(written)
        } catch {
            try ledger?.unseal()
            throw error
        }
        let batch = ledger?.openBatch
        try ledger?.markCommitted()
        return FromQuickBooksResult(summary: log.summary, files: written, failures: failures, batch: batch, recovered: recovered,
                                    nothingNew: nothingNew, rerun: rerun)
    }

    /// The Run a Call files an earlier run left in the output folder.
    private static func earlierFiles(in folder: URL) -> [String] {
        ["customers.csv", "items.csv", "customer-updates.csv"].filter {
            SystemCalls.kind(folder.appendingPathComponent(RunACallFiles.folder).appendingPathComponent($0).path) != .missing
        }
    }

    /// Each list file's name in the report (`lists.iif`), its path as given when two share a name.
    private static func labels(_ urls: [URL]) -> [String] {
        let names = urls.map(\.lastPathComponent)
        return zip(urls, names).map { url, name in names.filter { $0 == name }.count > 1 ? DisplayPath.of(url) : name }
    }

    /// The list files to read with their labels: each file given, and the list files of each zip given
    /// (`ZippedListFiles`), unpacked under `scratch`, in the order given.
    private static func listFiles(_ urls: [URL], scratch: URL) throws -> [(file: URL, label: String)] {
        var files: [(file: URL, label: String)] = []
        for (position, (url, label)) in zip(urls, labels(urls)).enumerated() {
            if url.pathExtension.lowercased() == "zip" {
                files += try ZippedListFiles.unpack(url, into: scratch.appendingPathComponent("lists-\(position)"))
            } else {
                files.append((url, label))
            }
        }
        return files
    }

    /// Stops (exit 2) when the output folder holds Run a Call files an earlier run wrote, unless `replace`.
    private static func refuseEarlierFiles(in folder: URL, replace: Bool) throws {
        let found = earlierFiles(in: folder)
        guard !replace, !found.isEmpty else { return }
        throw FatalError(.usage, "--out \(folder.path) already holds Run a Call files an earlier run wrote (\(found.map { "\(RunACallFiles.folder)/\($0)" }.joined(separator: ", "))); a run never replaces them. Import them into Run a Call if that is not done yet, then run again with another --out, or give --replace to replace them. Nothing was written.")
    }
}

/// The per-entry stage: looks up what Run a Call has, decides, then writes the decision's rows, files and ledger records.
struct EntryPipeline {
    let settings: FromQuickBooksSettings
    let records: RunACallRecords
    let ledger: Ledger?
    let files: RunACallFiles
    let log: ReportLog
    /// Whether a record went into the Run a Call files.
    private(set) var sent = false
    /// Without a ledger: the entries decided so far that recorded something, by list and name key.
    private var decidedWithoutLedger = Set<String>()

    init(settings: FromQuickBooksSettings, records: RunACallRecords, ledger: Ledger?, files: RunACallFiles, log: ReportLog) {
        self.settings = settings
        self.records = records
        self.ledger = ledger
        self.files = files
        self.log = log
    }

    mutating func take(_ read: QuickBooksListEntry) throws {
        var entry = read
        entry.problems += ListEntryText.problems(of: read)
        let key = NameKey(entry.name).value
        let confirmed = try records.confirmRename(shownBy: entry)
        let sighting = try ledger?.lastSighting(of: entry.list, listKey: key, listID: entry.listID)
        var facts = try entry.list == .customer ? records.facts(forCustomer: entry, sighting: sighting)
            : records.facts(forItem: entry, sighting: sighting)
        if let sighting, sighting.batch == ledger?.openBatch {
            facts.earlierInRun = "an earlier entry of these lists"
            facts.sighting = nil
        } else if ledger == nil, decidedWithoutLedger.contains("\(entry.list.rawValue) \(key)") {
            facts.earlierInRun = "an earlier entry of these lists"
        }
        var decision = entry.list == .customer ? CustomerDecider.decide(entry, facts: facts, settings: settings)
            : ItemDecider.decide(entry, facts: facts, settings: settings)
        if let confirmed {
            decision.warning = ([Self.renameConfirmed(confirmed)] + (decision.warning.isEmpty ? [] : [decision.warning])).joined(separator: "; ")
        }
        if let customer = decision.newCustomer { try files.add(customer) }
        if let item = decision.newItem { try files.add(item) }
        for update in decision.updates { try files.add(update) }
        if !decision.targets.isEmpty { sent = true }
        if let sighting = decision.sighting {
            try ledger?.record(sighting)
            if ledger == nil { decidedWithoutLedger.insert("\(entry.list.rawValue) \(key)") }
        }
        if let record = decision.runACallRecord { try ledger?.record(record) }
        var row = ReportRow(timestamp: entry.modifiedAt ?? "", entityType: entry.list == .customer ? .customer : .item,
                            sourceID: entry.listID ?? entry.name, entity: "\(entry.list == .customer ? "Customer" : "Item") \(entry.name)",
                            status: decision.status, message: decision.message, fix: decision.fix, source: entry.location.description,
                            targets: decision.targets, isSourceRow: true, warning: decision.warning)
        row.direction = ReportRow.fromQuickBooks
        row.error = decision.error
        try log.add(row)
    }

    /// The warning of an entry that confirmed a by-hand rename.
    static func renameConfirmed(_ rename: (old: String, new: String)) -> String {
        "QuickBooks holds customer \"\(rename.old)\" as \"\(rename.new)\", as the report asked: the rename is confirmed, later convert runs name it \"\(rename.new)\""
    }
}
