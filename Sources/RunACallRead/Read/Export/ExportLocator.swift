import Foundation
import RunACallSupport

/// The entities of an export.
public enum ExportEntity: String, CaseIterable, Sendable {
    case invoices, payments, payouts, customers, items

    /// The report rows' entity type of one record of the file.
    public var rowType: EntityType {
        switch self {
        case .invoices: .invoice
        case .payments: .payment
        case .payouts: .payout
        case .customers: .customer
        case .items: .item
        }
    }

    /// The fields export-format.md marks "not synced": no reader builds them (they are still checked).
    public var unsyncedMembers: Set<String> {
        self == .invoices ? ["timeline", "photos", "signatures", "team_comments", "technicians", "estimate_history"] : []
    }

    /// The CSV columns without which no record of the entity can be read
    /// (the required fields of export-format.md).
    var requiredCSVColumns: [String] {
        switch self {
        case .invoices: ["invoice_id", "status", "customer_name", "invoice_date",
                         "line_item", "line_quantity", "line_unit_price", "line_amount"]
        case .payments: ["id", "invoice_id", "amount", "method", "received_at"]
        case .payouts: ["id", "arrival_date", "gross", "net"]
        case .customers: ["id", "name"]
        case .items: ["name"]
        }
    }
}

/// Finds the files of each entity in the paths the user gave, in the order
/// given: folders (in each, the first of `.json`, `.jsonl`, `.csv` found
/// wins), `.zip` archives (each of their folders that holds entity files) or
/// single files named after their entity. Every path adds its files; none
/// replaces another's. Nothing given is passed over without a word: a folder
/// inside a given folder that holds entity files (`export/oct/`), a zip inside
/// a zip, or one file given as two entities (a link) stops the run (exit 2), named.
public struct ExportFiles: Sendable {
    /// Each entity's files in reading order; an entity the export lacks has no entry.
    public private(set) var files: [ExportEntity: [URL]] = [:]
    /// The name each file is reported under: its own, or `folder/name` when
    /// two files of the export share a name, or its full name when that is not enough.
    private var names: [URL: String] = [:]
    /// Each file's name as the user can find it: the path given, or `export.zip:jan/invoices.json`.
    private var fullNames: [URL: String] = [:]
    /// Files of a folder that were not read because another file of the same entity comes first there, each with why.
    public private(set) var passedOver: [String] = []
    /// What the files' bytes are read in (`--encoding`).
    let encoding: ExportEncoding

    /// The files added so far, by file identity (`identity(of:)`), with the entity each was added as.
    private typealias Seen = [String: (entity: ExportEntity, url: URL)]

    /// `invoices.json`, `invoices.jsonl`, … every file name an export folder may hold.
    public static let candidateNames: Set<String> = Set(ExportEntity.allCases.flatMap { entity in
        ["json", "jsonl", "csv"].map { "\(entity.rawValue).\($0)" }
    })

    /// Locates the entity files; a `.zip` is unpacked into `scratch` first, within `zipLimits`.
    /// Throws `.unreadableInput` when a path is missing, no invoices are found (unless
    /// `requireInvoices` is false: `from-quickbooks` reads only customers and items),
    /// or a folder holds no entity file at all.
    /// `outputFolder` (the run's own, when it lies inside an export folder) is not looked into.
    public init(paths: [URL], scratch: URL, zipLimits: ZipLimits = .standard, requireInvoices: Bool = true,
                outputFolder: URL? = nil, encoding: ExportEncoding = .utf8) throws {
        self.encoding = encoding
        var seen: Seen = [:]
        for (position, path) in paths.enumerated() {
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path.path, isDirectory: &isDirectory) else {
                throw FatalError(.unreadableInput, "\(path.path): no such file or folder")
            }
            if !isDirectory.boolValue, path.pathExtension.lowercased() == "zip" {
                let folders = try ZippedExport.unpack(path, into: scratch.appendingPathComponent("export-\(position)"), limits: zipLimits)
                for (folder, inner) in folders {
                    let shown = inner.isEmpty ? path.path : "\(path.path):\(inner)"
                    try addFolder(folder, shownAs: shown, prefix: inner.isEmpty ? "\(path.path):" : shown + "/", seen: &seen)
                }
            } else if isDirectory.boolValue {
                try Self.refuseOutputFolder(path, shownAs: path.path)
                try ExportSubfolders.refuseUnread(in: path, skipping: [outputFolder, scratch].compactMap { $0 })
                try addFolder(path, shownAs: path.path, prefix: path.path + "/", seen: &seen)
            } else {
                try addFile(path, seen: &seen)
            }
        }
        guard files[.invoices] != nil || !requireInvoices else {
            throw FatalError(.unreadableInput, "no invoices file found (invoices.json, invoices.jsonl or invoices.csv) in \(paths.map(\.path).joined(separator: ", "))")
        }
        nameFilesApart()
    }

    /// Files of one name are reported as `folder/name`, or by their full names when their folders share a name too.
    private mutating func nameFilesApart() {
        let all = files.values.flatMap { $0 }
        let counts = all.reduce(into: [String: Int]()) { $0[$1.lastPathComponent, default: 0] += 1 }
        let shared = all.filter { counts[$0.lastPathComponent, default: 0] > 1 }
        let short = Dictionary(uniqueKeysWithValues: shared.map { ($0, "\($0.deletingLastPathComponent().lastPathComponent)/\($0.lastPathComponent)") })
        let shortCounts = short.values.reduce(into: [String: Int]()) { $0[$1, default: 0] += 1 }
        for (url, name) in short { names[url] = shortCounts[name, default: 0] > 1 ? fullNames[url] ?? url.path : name }
    }

    /// Adds a folder's entity files; `label` is the folder as the user knows it,
    /// `prefix` what comes before a file's name in its full name.
    private mutating func addFolder(_ folder: URL, shownAs label: String, prefix: String, seen: inout Seen) throws {
        var found = false
        for entity in ExportEntity.allCases {
            let present = ["json", "jsonl", "csv"].map { folder.appendingPathComponent("\(entity.rawValue).\($0)") }
                .filter { FileManager.default.fileExists(atPath: $0.path) }
            guard let candidate = present.first else { continue }
            if let refusal = InputKind.refusal(of: candidate, shownAs: prefix + candidate.lastPathComponent, command: .convert) { throw refusal }
            try add(candidate, as: entity, seen: &seen)
            fullNames[candidate] = prefix + candidate.lastPathComponent
            found = true
            for other in present.dropFirst() {
                passedOver.append("\(prefix)\(other.lastPathComponent) was not read: \(candidate.lastPathComponent) in the same folder is the \(entity.rawValue) file (the first of .json, .jsonl, .csv wins); remove one, or name the other on the command line to read both")
            }
        }
        guard found else {
            try Self.refuseOutputFolder(folder, shownAs: label)
            throw FatalError(.unreadableInput, "\(label): no export file in this folder (invoices, payments, payouts, customers or items as .json, .jsonl or .csv); give only export folders, zips or entity files")
        }
    }

    /// A folder that holds no export file of its own but rac2qb's output folders is named as an output folder.
    private static func refuseOutputFolder(_ folder: URL, shownAs label: String) throws {
        let hasExportFile = candidateNames.contains { FileManager.default.fileExists(atPath: folder.appendingPathComponent($0).path) }
        let written = ["iif", "qbo-csv", "qbxml", "report"].filter { SystemCalls.kind(folder.appendingPathComponent($0).path) == .folder }
        guard !hasExportFile, !written.isEmpty else { return }
        throw FatalError(.usage, "\(label): this is a rac2qb output folder (\(written.joined(separator: "/, "))/), not a Run a Call export; `rac2qb validate \(label)` checks its QuickBooks files; convert reads a Run a Call export (invoices, payments, payouts, customers, items as .json, .jsonl or .csv)")
    }

    private mutating func addFile(_ path: URL, seen: inout Seen) throws {
        if let refusal = InputKind.refusal(of: path, shownAs: path.relativePath, command: .convert) { throw refusal }
        let name = path.lastPathComponent.lowercased()
        guard let entity = ExportEntity.allCases.first(where: { name.contains($0.rawValue) }) else {
            throw FatalError(.usage, "\(path.lastPathComponent): cannot tell which entity the file holds; name it invoices.*, payments.*, payouts.*, customers.* or items.*")
        }
        guard ["json", "jsonl", "csv"].contains(path.pathExtension.lowercased()) else {
            throw FatalError(.usage, "\(path.lastPathComponent): allowed file types are .json, .jsonl and .csv")
        }
        try add(path, as: entity, seen: &seen)
    }

    /// Adds a file once: naming it twice (or a folder and a file in it) reads it once. One file under two
    /// entities' names (a link or a hard link: the same file identity) stops the run, both names given.
    private mutating func add(_ url: URL, as entity: ExportEntity, seen: inout Seen) throws {
        let identity = Self.identity(of: url)
        if let earlier = seen[identity] {
            guard earlier.entity != entity else { return }
            throw FatalError(.usage, "\(url.path) is the same file as \(earlier.url.path) (a link to it, or both links to one file): "
                + "one file cannot be both the \(earlier.entity.rawValue) file and the \(entity.rawValue) file, so it is not read as either; "
                + "allowed: each entity in a file of its own: give the \(entity.rawValue) file itself in place of the link")
        }
        seen[identity] = (entity, url)
        files[entity, default: []].append(url)
    }

    /// What makes a file the same file whatever its names: its device and file number where the system
    /// gives them (links and hard links alike), else its path with every link resolved.
    private static func identity(of url: URL) -> String {
        let resolved = url.standardizedFileURL.resolvingSymlinksInPath().path
        guard let attributes = try? FileManager.default.attributesOfItem(atPath: resolved),
              let device = attributes[.systemNumber] as? NSNumber, let number = attributes[.systemFileNumber] as? NSNumber else {
            return resolved
        }
        return "\(device.uint64Value):\(number.uint64Value)"
    }

    /// The entities the export has no file for, in contract order.
    public var absentEntities: [ExportEntity] { ExportEntity.allCases.filter { files[$0] == nil } }

    /// The name a file's records are reported under.
    func displayName(of url: URL) -> String { names[url] ?? url.lastPathComponent }

    /// An entity's files as the report names them, joined (`invoices-jan.json, invoices-feb.json`).
    public func fileNames(_ entity: ExportEntity) -> String { (files[entity] ?? []).map(displayName).joined(separator: ", ") }

    /// Opens a stream over all of an entity's records, file after file; nil when the export has no such file.
    public func stream(_ entity: ExportEntity) throws -> RawRecordStream? {
        guard let urls = files[entity] else { return nil }
        return ChainedRecordStream(urls.map { url in { try self.open(url, as: entity) } })
    }

    private func open(_ url: URL, as entity: ExportEntity) throws -> RawRecordStream {
        let name = displayName(of: url)
        switch url.pathExtension.lowercased() {
        case "jsonl": return try JSONLinesRecordStream(url: url, name: name, encoding: encoding)
        case "csv":
            return entity == .invoices ? try CSVInvoiceRecordStream(url: url, name: name, encoding: encoding)
                : try CSVFlatRecordStream(url: url, name: name, required: entity.requiredCSVColumns, encoding: encoding)
        default: return try JSONRecordStream(url: url, name: name, entity: entity.rawValue, unsynced: entity.unsyncedMembers, encoding: encoding)
        }
    }
}

/// The records of several files read one file after another, each file opened only when reached.
final class ChainedRecordStream: RawRecordStream {
    private var openers: ArraySlice<() throws -> RawRecordStream>
    private var current: RawRecordStream?

    init(_ openers: [() throws -> RawRecordStream]) { self.openers = openers[...] }

    func next() throws -> RawRecord? { try advance { try $0.next() } }

    func nextID() throws -> String?? { try advance { try $0.nextID() } }

    public func nextID(exactWhen exact: (String) -> Bool) throws -> String?? { try advance { try $0.nextID(exactWhen: exact) } }

    /// What `read` takes from the current file, or from the next file once one has nothing left.
    private func advance<Read>(_ read: (RawRecordStream) throws -> Read?) throws -> Read? {
        while true {
            if let stream = current {
                if let found = try read(stream) { return found }
                current = nil
            }
            guard let open = openers.popFirst() else { return nil }
            current = try open()
        }
    }
}
