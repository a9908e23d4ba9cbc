import Foundation

/// What one run exported of one source record, as the ledger keeps it.
struct LedgerEntry: Equatable {
    var entity: EntityType
    var sourceID: String
    /// A hash of the fields that reach QuickBooks (never-synced fields are never read).
    var hash: String
    /// Those fields, one `name: value` a line, to tell the user what changed.
    var fields: String
    /// Invoices: the QuickBooks customer, doc number and total written; customers and items: the QuickBooks name.
    var customer: String?
    var docNumber: String?
    var total: Money?
    /// Invoices: the Run a Call status when exported (a later void is told by it).
    var status: String?
    /// Where it was written (the report's targets cell).
    var targets: String
    /// The batch that exported it (set by the ledger).
    var batch: Int64 = 0
}

/// The ledger of what was already exported: a SQLite file (by default
/// `rac2qb-ledger.sqlite` next to the config). A run's records go into one
/// batch inside one open transaction; the batch is sealed (committed as
/// *pending*, with the hashes of its files) before the files are published,
/// and marked *committed* after. A run killed before sealing leaves nothing;
/// one killed while publishing leaves a pending batch that the next run
/// finishes (every file in place) or removes.
final class Ledger {
    /// Schema migrations, in order; the database's `user_version` says how many ran.
    static let migrations = [
        """
        CREATE TABLE batch(
            id INTEGER PRIMARY KEY,
            started_at TEXT NOT NULL,
            output TEXT NOT NULL,
            state TEXT NOT NULL CHECK (state IN ('pending', 'committed')),
            files TEXT NOT NULL DEFAULT ''
        );
        CREATE TABLE export(
            batch INTEGER NOT NULL REFERENCES batch(id) ON DELETE CASCADE,
            entity TEXT NOT NULL,
            source_id TEXT NOT NULL,
            hash TEXT NOT NULL,
            fields TEXT NOT NULL,
            customer TEXT,
            doc_number TEXT,
            total TEXT,
            status TEXT,
            targets TEXT NOT NULL,
            txn_id TEXT,
            list_id TEXT,
            edit_sequence TEXT,
            PRIMARY KEY (entity, source_id, batch)
        );
        """,
    ]

    private let database: SQLiteDatabase
    private(set) var openBatch: Int64?

    init(url: URL) throws {
        database = try SQLiteDatabase(url: url)
        try migrate()
    }

    var url: URL { database.url }

    private func migrate() throws {
        let version = Int(try database.integer("PRAGMA user_version") ?? 0)
        guard version <= Self.migrations.count else {
            throw FatalError(.usage, "\(database.url.path): the ledger was written by a newer rac2qb (schema \(version)); use that version")
        }
        for (index, migration) in Self.migrations.enumerated().dropFirst(version) {
            try database.execute("BEGIN IMMEDIATE; \(migration); PRAGMA user_version = \(index + 1); COMMIT")
        }
    }

    // MARK: Reading

    /// The columns `entry(_:_:)` reads, in its order.
    private static let entryColumns = "e.source_id, e.hash, e.fields, e.customer, e.doc_number, e.total, e.status, e.targets, e.batch"

    private static func entry(_ entity: EntityType, _ row: SQLiteRow) -> LedgerEntry {
        LedgerEntry(entity: entity, sourceID: row.text(0) ?? "", hash: row.text(1) ?? "", fields: row.text(2) ?? "",
                    customer: row.text(3), docNumber: row.text(4), total: row.text(5).flatMap(Money.init(parsing:)),
                    status: row.text(6), targets: row.text(7) ?? "", batch: row.integer(8))
    }

    /// The latest committed export of a record, if any.
    func lastExport(of entity: EntityType, _ sourceID: String) throws -> LedgerEntry? {
        var entry: LedgerEntry?
        try database.query("""
            SELECT \(Self.entryColumns) FROM export e JOIN batch b ON b.id = e.batch AND b.state = 'committed'
            WHERE e.entity = ? AND e.source_id = ? ORDER BY e.batch DESC LIMIT 1
            """, [.text(entity.rawValue), .text(sourceID)]) { row in entry = Self.entry(entity, row) }
        return entry
    }

    /// Every committed export of an entity type, latest per record, in source-id order.
    func latestExports(of entity: EntityType, _ body: (LedgerEntry) throws -> Void) throws {
        try database.query("""
            SELECT \(Self.entryColumns) FROM export e JOIN batch b ON b.id = e.batch AND b.state = 'committed'
            WHERE e.entity = ? AND e.batch = (
                SELECT MAX(l.batch) FROM export l JOIN batch lb ON lb.id = l.batch AND lb.state = 'committed'
                WHERE l.entity = e.entity AND l.source_id = e.source_id)
            ORDER BY e.source_id
            """, [.text(entity.rawValue)]) { row in try body(Self.entry(entity, row)) }
    }

    /// The committed batches, oldest first.
    func batches() throws -> [(id: Int64, startedAt: String, output: String, records: Int64)] {
        var result: [(Int64, String, String, Int64)] = []
        try database.query("""
            SELECT b.id, b.started_at, b.output, (SELECT COUNT(*) FROM export e WHERE e.batch = b.id)
            FROM batch b WHERE b.state = 'committed' ORDER BY b.id
            """) { row in result.append((row.integer(0), row.text(1) ?? "", row.text(2) ?? "", row.integer(3))) }
        return result
    }

    // MARK: Writing a batch

    /// Opens a batch (and the transaction that holds its records).
    func begin(startedAt: String, output: String) throws -> Int64 {
        try database.execute("BEGIN IMMEDIATE")
        try database.run("INSERT INTO batch(started_at, output, state) VALUES (?, ?, 'pending')", [.text(startedAt), .text(output)])
        openBatch = database.lastInsertedRow
        return database.lastInsertedRow
    }

    /// Adds a record to the open batch.
    func record(_ entry: LedgerEntry) throws {
        guard let batch = openBatch else { return }
        try database.run("""
            INSERT OR REPLACE INTO export(batch, entity, source_id, hash, fields, customer, doc_number, total, status, targets)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """, [.integer(batch), .text(entry.entity.rawValue), .text(entry.sourceID), .text(entry.hash), .text(entry.fields),
                  entry.customer.map(SQLiteValue.text) ?? .null, entry.docNumber.map(SQLiteValue.text) ?? .null,
                  entry.total.map { .text($0.description) } ?? .null, entry.status.map(SQLiteValue.text) ?? .null, .text(entry.targets)])
    }

    /// Commits the open batch as pending, with the files about to be published (path and content hash, one a line).
    func seal(files: [(path: String, hash: String)]) throws {
        guard let batch = openBatch else { return }
        let list = files.map { "\($0.hash) \($0.path)" }.joined(separator: "\n")
        try database.run("UPDATE batch SET files = ? WHERE id = ?", [.text(list), .integer(batch)])
        try database.execute("COMMIT")
    }

    /// Marks the sealed batch committed: its files are in place.
    func markCommitted() throws {
        guard let batch = openBatch else { return }
        try database.run("UPDATE batch SET state = 'committed' WHERE id = ?", [.integer(batch)])
        openBatch = nil
    }

    /// Drops the open batch (the run failed before sealing it).
    func abandon() {
        guard openBatch != nil else { return }
        try? database.execute("ROLLBACK")
        openBatch = nil
    }

    /// Finishes or removes batches a killed run left pending: committed when
    /// every file it lists is in place with its content, removed otherwise
    /// (the files it did publish are renamed `*.abandoned`, so none is imported).
    /// Returns a sentence per batch, for the user.
    func recover(hashOf: (URL) -> String?) throws -> [String] {
        var pending: [(Int64, String, String)] = []
        try database.query("SELECT id, output, files FROM batch WHERE state = 'pending' ORDER BY id") { row in
            pending.append((row.integer(0), row.text(1) ?? "", row.text(2) ?? ""))
        }
        var messages: [String] = []
        for (id, output, files) in pending {
            let folder = URL(fileURLWithPath: output)
            let listed = files.split(separator: "\n").map { line -> (String, String) in
                let parts = line.split(separator: " ", maxSplits: 1).map(String.init)
                return (parts.first ?? "", parts.count > 1 ? parts[1] : "")
            }
            let complete = !listed.isEmpty && listed.allSatisfy { hash, path in hashOf(folder.appendingPathComponent(path)) == hash }
            if complete {
                try database.run("UPDATE batch SET state = 'committed' WHERE id = ?", [.integer(id)])
                messages.append("batch \(id): its files were all published before the run stopped; kept")
            } else {
                for (hash, path) in listed where hashOf(folder.appendingPathComponent(path)) == hash {
                    let file = folder.appendingPathComponent(path)
                    try? FileManager.default.removeItem(at: file.appendingPathExtension("abandoned"))
                    try? FileManager.default.moveItem(at: file, to: file.appendingPathExtension("abandoned"))
                }
                try database.run("DELETE FROM batch WHERE id = ?", [.integer(id)])
                messages.append("batch \(id): the run stopped before its files were all published; removed, and its published files renamed *.abandoned in \(output) (never import them: its records are written again)")
            }
        }
        return messages
    }
}
