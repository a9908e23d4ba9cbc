import Foundation

/// The ledger of what was already exported: a SQLite file (by default
/// `rac2qb-ledger.sqlite` next to the config). A run's records go into one
/// batch inside one open transaction; the batch is sealed (committed as
/// *pending*, with the hashes of its files) before the files are published,
/// and marked *committed* after. A run killed before sealing leaves nothing;
/// one killed while publishing leaves a pending batch that the next run
/// finishes (every file in place) or removes. A run that writes holds the
/// ledger's lock (`LedgerLock`) for as long as it has the ledger open, so
/// recovery never mistakes a live run's batch for a crashed one.
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
        """
        ALTER TABLE export ADD COLUMN action TEXT NOT NULL DEFAULT 'add';
        ALTER TABLE export ADD COLUMN request_id TEXT;
        ALTER TABLE export ADD COLUMN answer TEXT;
        ALTER TABLE export ADD COLUMN answer_message TEXT;
        ALTER TABLE export ADD COLUMN invoice_id TEXT;
        CREATE INDEX export_request ON export(request_id);
        CREATE INDEX export_invoice ON export(invoice_id);
        """,
        // The last batch number given: never given again, even after an undo forgets that batch.
        """
        CREATE TABLE batch_counter(last INTEGER NOT NULL);
        INSERT INTO batch_counter SELECT COALESCE(MAX(id), 0) FROM batch;
        """,
        // Month boundaries: the payout a payment names, and which payments each deposit took out.
        """
        ALTER TABLE export ADD COLUMN payout_id TEXT;
        CREATE INDEX export_payout ON export(payout_id);
        CREATE TABLE deposit_line(
            batch INTEGER NOT NULL REFERENCES batch(id) ON DELETE CASCADE,
            payout_id TEXT NOT NULL,
            entity TEXT NOT NULL,
            source_id TEXT NOT NULL,
            PRIMARY KEY (entity, source_id, batch)
        );
        """,
        // from-quickbooks: what each run saw of QuickBooks' customers and items, and what it sent to Run a Call.
        """
        CREATE TABLE quickbooks_list(
            batch INTEGER NOT NULL REFERENCES batch(id) ON DELETE CASCADE,
            entity TEXT NOT NULL,
            list_key TEXT NOT NULL,
            list_id TEXT,
            quickbooks_name TEXT NOT NULL,
            source_id TEXT,
            action TEXT NOT NULL,
            fields TEXT NOT NULL,
            PRIMARY KEY (entity, list_key, batch)
        );
        CREATE INDEX quickbooks_list_id ON quickbooks_list(entity, list_id);
        CREATE INDEX export_list_id ON export(entity, list_id);
        CREATE INDEX export_quickbooks_name ON export(entity, customer COLLATE NOCASE);
        """,
        // The Web Connector: its settings (user, password hash, GUIDs) and the requests it handed out whose answers are not in.
        """
        CREATE TABLE connector_setting(key TEXT PRIMARY KEY, value TEXT NOT NULL);
        CREATE TABLE connector_sent(
            batch INTEGER NOT NULL REFERENCES batch(id) ON DELETE CASCADE,
            request_id TEXT NOT NULL,
            kind TEXT NOT NULL,
            lookup TEXT,
            memo TEXT,
            edit_sequence TEXT,
            sent_at TEXT NOT NULL,
            PRIMARY KEY (batch, request_id)
        );
        """,
        // The Web Connector resumes each request file where it stopped (its cursor, the file checked once per change),
        // and knows where each request handed out starts, to send it again; the unanswered requests are indexed.
        """
        CREATE TABLE connector_cursor(
            batch INTEGER NOT NULL REFERENCES batch(id) ON DELETE CASCADE,
            file TEXT NOT NULL,
            offset INTEGER NOT NULL,
            version TEXT,
            checked TEXT,
            PRIMARY KEY (batch, file)
        );
        ALTER TABLE connector_sent ADD COLUMN file TEXT;
        ALTER TABLE connector_sent ADD COLUMN offset INTEGER;
        CREATE INDEX export_unanswered ON export(batch) WHERE request_id IS NOT NULL AND answer IS NULL AND action <> 'noted';
        """,
        // Each index holds only the rows its lookups can find: the invoice of payments and refunds, the payout a
        // payment names, the ListID an ingested answer gave, the QuickBooks names of customers and items. Every
        // invoice written updated all four before: a quarter of SQLite's instructions and 40% of its page reads
        // on a 100,000-invoice batch.
        """
        DROP INDEX export_invoice;
        CREATE INDEX export_invoice ON export(invoice_id) WHERE invoice_id IS NOT NULL;
        DROP INDEX export_payout;
        CREATE INDEX export_payout ON export(payout_id) WHERE payout_id IS NOT NULL;
        DROP INDEX export_list_id;
        CREATE INDEX export_list_id ON export(entity, list_id) WHERE list_id IS NOT NULL;
        DROP INDEX export_quickbooks_name;
        CREATE INDEX export_quickbooks_name ON export(entity, customer COLLATE NOCASE) WHERE entity IN ('customer', 'item');
        """,
    ]

    let database: SQLiteDatabase
    /// Held by a run that writes (convert, ingest, undo); nil for readers.
    private let lock: LedgerLock?
    private(set) var openBatch: Int64?
    /// Whether the open batch is sealed (committed as pending) and its files are being published.
    private var sealed = false

    /// Opens (creating) a ledger. `lockingFor` names the command that writes to it
    /// (e.g. "rac2qb convert"): it takes the ledger's lock first, waiting up to `wait`
    /// seconds for another run. Readers pass nil and see only committed states.
    /// The path is resolved first (`LedgerFile`): anything but a regular file holding a rac2qb ledger,
    /// or a new one, is refused (exit 3) before a lock or a database file is made.
    init(url: URL, lockingFor command: String? = nil, wait: TimeInterval = LedgerLock.defaultWait) throws {
        let file = try LedgerFile(url)
        lock = try command.map { try LedgerLock(ledger: file, command: $0, wait: wait) }
        database = try SQLiteDatabase(url: url, file: file.real)
        try migrate()
    }

    var url: URL { database.url }

    /// "rac2" in ASCII: SQLite's `application_id` of a rac2qb ledger, which tells it from other applications' databases.
    static let applicationID: Int64 = 0x7261_6332

    /// Brings the schema up to date, and marks the ledger as rac2qb's, in one transaction that reads
    /// the version inside it: two first runs on a new ledger never both create it. Another
    /// application's database is refused before anything is written into it.
    private func migrate() throws {
        if try isMarked(), try schemaVersion() == Self.migrations.count { return }
        try transaction {
            _ = try isMarked()
            let version = try schemaVersion()
            for (index, migration) in Self.migrations.enumerated().dropFirst(version) {
                try database.execute("\(migration); PRAGMA user_version = \(index + 1)")
            }
            try database.execute("PRAGMA application_id = \(Self.applicationID)")
        }
    }

    /// Whether the database is marked as a rac2qb ledger; false for a new one (no table) or an earlier version's
    /// ledger (recognised by its tables), which `migrate` marks. Another application's database is refused, naming what it holds.
    private func isMarked() throws -> Bool {
        let id = try database.integer("PRAGMA application_id") ?? 0
        if id == Self.applicationID { return true }
        var tables: [String] = []
        try database.query("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\' ORDER BY name") {
            tables.append($0.text(0) ?? "")
        }
        if id != 0 { throw LedgerFile.notALedger(url.path, "an SQLite database of another application (its application_id is \(id))") }
        if tables.isEmpty || (tables.contains("batch") && tables.contains("export")) { return false }
        let shown = tables.prefix(5).joined(separator: ", ") + (tables.count > 5 ? ", … \(tables.count - 5) more" : "")
        throw LedgerFile.notALedger(url.path, "an SQLite database of another application (its tables: \(shown))")
    }

    private func schemaVersion() throws -> Int {
        let version = Int(try database.integer("PRAGMA user_version") ?? 0)
        guard version <= Self.migrations.count else {
            throw FatalError(.usage, "\(database.url.path): the ledger was written by a newer rac2qb (schema \(version)); use that version")
        }
        return version
    }

    // MARK: Reading

    /// The columns `entry(_:_:)` reads, in its order.
    static let entryColumns = """
        e.source_id, e.hash, e.fields, e.customer, e.doc_number, e.total, e.status, e.targets, e.batch,
        e.action, e.request_id, e.txn_id, e.list_id, e.edit_sequence, e.answer, e.answer_message, e.entity, e.invoice_id
        """

    static func entry(_ row: SQLiteRow) -> LedgerEntry {
        LedgerEntry(entity: row.text(16).flatMap(EntityType.init(rawValue:)) ?? .invoice, sourceID: row.text(0) ?? "",
                    hash: row.text(1) ?? "", fields: row.text(2) ?? "",
                    customer: row.text(3), docNumber: row.text(4), total: row.text(5).flatMap(Money.init(parsing:)),
                    status: row.text(6), targets: row.text(7) ?? "", batch: row.integer(8),
                    action: row.text(9).flatMap(LedgerAction.init(rawValue:)) ?? .add, requestID: row.text(10),
                    txnID: row.text(11), listID: row.text(12), editSequence: row.text(13),
                    answer: row.text(14).flatMap(LedgerAnswer.init(rawValue:)), answerMessage: row.text(15), invoiceID: row.text(17))
    }

    /// Exports that count: in a committed batch, and not refused by QuickBooks
    /// (a refused one is not in QuickBooks, so the next run writes it again).
    static let standing = "JOIN batch b ON b.id = e.batch AND b.state = 'committed' WHERE (e.answer IS NULL OR e.answer <> 'failed')"

    /// The latest standing export of a record, if any.
    func lastExport(of entity: EntityType, _ sourceID: String) throws -> LedgerEntry? {
        var entry: LedgerEntry?
        try database.query("""
            SELECT \(Self.entryColumns) FROM export e \(Self.standing)
            AND e.entity = ? AND e.source_id = ? ORDER BY e.batch DESC LIMIT 1
            """, [.text(entity.rawValue), .text(sourceID)]) { row in entry = Self.entry(row) }
        return entry
    }

    /// `EarlierExports.key` of the entity and source id of every export, in any batch.
    func exportKeys() throws -> [UInt64] {
        var keys: [UInt64] = []
        try database.query("SELECT entity, source_id FROM export") { row in keys.append(EarlierExports.key(row.utf8(0), row.utf8(1))) }
        return keys
    }

    /// `EarlierExports.key` of the invoice of every payment and refund export, in any batch.
    func paidInvoiceKeys() throws -> [UInt64] {
        let invoice = Array(EntityType.invoice.rawValue.utf8)
        var keys: [UInt64] = []
        try database.query("SELECT invoice_id FROM export WHERE invoice_id IS NOT NULL AND entity IN ('payment', 'refund')") { row in
            keys.append(EarlierExports.key(invoice, row.utf8(0)))
        }
        return keys
    }

    /// Every standing export of one record, oldest first.
    func exports(of entity: EntityType, _ sourceID: String, _ body: (LedgerEntry) throws -> Void) throws {
        try database.query("""
            SELECT \(Self.entryColumns) FROM export e \(Self.standing)
            AND e.entity = ? AND e.source_id = ? ORDER BY e.batch
            """, [.text(entity.rawValue), .text(sourceID)]) { row in try body(Self.entry(row)) }
    }

    /// Every standing export of an entity type, latest per record, in source-id order.
    func latestExports(of entity: EntityType, _ body: (LedgerEntry) throws -> Void) throws {
        try database.query("""
            SELECT \(Self.entryColumns) FROM export e \(Self.standing)
            AND e.entity = ? AND e.batch = (
                SELECT MAX(l.batch) FROM export l JOIN batch lb ON lb.id = l.batch AND lb.state = 'committed'
                WHERE l.entity = e.entity AND l.source_id = e.source_id AND (l.answer IS NULL OR l.answer <> 'failed'))
            ORDER BY e.source_id
            """, [.text(entity.rawValue)]) { row in try body(Self.entry(row)) }
    }

    /// The QuickBooks names standing customer exports gave each Run a Call customer, oldest batch first.
    func customerNames(_ body: (_ sourceID: String, _ name: String) throws -> Void) throws {
        try database.query("""
            SELECT e.source_id, e.customer FROM export e \(Self.standing) AND e.entity = 'customer' AND e.customer IS NOT NULL
            ORDER BY e.batch, e.source_id
            """) { row in try body(row.text(0) ?? "", row.text(1) ?? "") }
    }

    /// Records that QuickBooks now holds a customer (`latest`, its latest standing export) under the name an IIF or
    /// CSV run told the user to rename it to (its `pending name`): that export takes the name, so later runs use it.
    /// Nil when no rename is pending.
    func confirmRename(_ latest: LedgerEntry) throws -> (old: String, new: String)? {
        guard let pending = SyncedFields.values(latest.fields)[SyncedFields.pendingName].map(SyncedFields.unescaped) else { return nil }
        let fields = SyncedFields.withoutPendingName(latest.fields)
        try database.run("UPDATE export SET customer = ?, fields = ?, hash = ? WHERE batch = ? AND entity = 'customer' AND source_id = ?",
                         [.text(pending), .text(fields.text), .text(fields.hash), .integer(latest.batch), .text(latest.sourceID)])
        return (latest.customer ?? latest.sourceID, pending)
    }

    /// Every export of one committed batch, in the order they were recorded.
    func exports(inBatch batch: Int64, _ body: (LedgerEntry) throws -> Void) throws {
        try database.query("""
            SELECT \(Self.entryColumns) FROM export e JOIN batch b ON b.id = e.batch AND b.state = 'committed'
            WHERE e.batch = ? ORDER BY e.rowid
            """, [.integer(batch)]) { row in try body(Self.entry(row)) }
    }

    /// The exports a qbXML requestID was written for, latest batch first: only the one of `batch` when given.
    func exports(requestID: String, batch: Int64?) throws -> [LedgerEntry] {
        var entries: [LedgerEntry] = []
        try database.query("""
            SELECT \(Self.entryColumns) FROM export e JOIN batch b ON b.id = e.batch AND b.state = 'committed'
            WHERE e.request_id = ? AND (? IS NULL OR e.batch = ?) ORDER BY e.batch DESC
            """, [.text(requestID), .integer(batch), .integer(batch)]) { row in
            entries.append(Self.entry(row))
        }
        return entries
    }

    /// Whether the ledger holds committed batch `id`.
    func hasBatch(_ id: Int64) throws -> Bool {
        var found = false
        try database.query("SELECT 1 FROM batch WHERE id = ? AND state = 'committed'", [.integer(id)]) { _ in found = true }
        return found
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

    /// Opens a batch (and the transaction that holds its records), numbered after every batch ever opened.
    func begin(startedAt: String, output: String) throws -> Int64 {
        try database.execute("BEGIN IMMEDIATE")
        do {
            try database.run("UPDATE batch_counter SET last = last + 1")
            let batch = try database.integer("SELECT last FROM batch_counter") ?? 1
            try database.run("INSERT INTO batch(id, started_at, output, state) VALUES (?, ?, ?, 'pending')",
                             [.integer(batch), .text(startedAt), .text(output)])
            openBatch = batch
            return batch
        } catch {
            try? database.execute("ROLLBACK")
            throw error
        }
    }

    /// Whether the open batch recorded anything (a record written, or a change told to the user).
    var openBatchIsEmpty: Bool {
        get throws {
            guard let batch = openBatch else { return true }
            return try database.integer("SELECT COUNT(*) FROM export WHERE batch = ?", [.integer(batch)]) == 0
        }
    }

    /// Whether the open batch wrote a record into a QuickBooks file (not only told a change to the user).
    var openBatchWroteRecords: Bool {
        get throws {
            guard let batch = openBatch else { return false }
            return try database.integer("SELECT COUNT(*) FROM export WHERE batch = ? AND action <> ?",
                                        [.integer(batch), .text(LedgerAction.noted.rawValue)]) != 0
        }
    }

    /// From now on, the writes `later` is given run on a thread of their own (`WriteBehind`), in order;
    /// every other use of the ledger waits for those asked before it.
    func startWritingBehind() {
        guard database.writeBehind == nil else { return }
        database.writeBehind = WriteBehind()
    }

    /// Runs the writes still queued, then writes on the caller's thread again.
    func stopWritingBehind() {
        database.writeBehind?.stop()
        database.writeBehind = nil
    }

    /// Runs `write` on the writing thread when one runs (after every write asked before), else now; `weight` is
    /// what it holds while it waits, in rows (a payout's write holds its deposited ids).
    /// Throws the error of an earlier write that failed, or of this one when it runs now.
    func later(weight: Int = 1, _ write: @escaping (Ledger) throws -> Void) throws {
        guard let writeBehind = database.writeBehind else { return try write(self) }
        try writeBehind.submit(weight: weight) { [unowned self] in try write(self) }
    }

    /// Adds a record to the open batch (replacing the one it recorded of the same record, if any); a payment or
    /// refund with the Stripe payout that will deposit it, when it names one.
    func record(_ entry: LedgerEntry, payoutID: String? = nil) throws {
        guard let batch = openBatch else { return }
        try database.insertOrReplace("""
            INTO export(batch, entity, source_id, hash, fields, customer, doc_number, total, status, targets,
                        action, request_id, txn_id, list_id, edit_sequence, invoice_id, payout_id)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """, [.integer(batch), .text(entry.entity.rawValue), .text(entry.sourceID), .text(entry.hash), .text(entry.fields),
                  .text(entry.customer), .text(entry.docNumber), .text(entry.total?.description),
                  .text(entry.status), .text(entry.targets), .text(entry.action.rawValue), .text(entry.requestID),
                  .text(entry.txnID), .text(entry.listID), .text(entry.editSequence), .text(entry.invoiceID), .text(payoutID)])
    }

    /// Σ payments − refunds that standing exports applied to an invoice (Σ payments alone with `refunds: false`).
    func applied(toInvoice invoiceID: String, refunds: Bool = true) throws -> Money {
        var applied = Money.zero
        try database.query(Self.appliedQuery, [.text(invoiceID), .text(refunds ? EntityType.refund.rawValue : EntityType.payment.rawValue)]) { row in
            let amount = row.text(1).flatMap(Money.init(parsing:)) ?? .zero
            applied = row.text(0) == EntityType.refund.rawValue ? applied - amount : applied + amount
        }
        return applied
    }

    /// The query of `applied(toInvoice:refunds:)`: its parameters are the invoice id and the second entity counted.
    static let appliedQuery = """
        SELECT e.entity, e.total FROM export e \(standing) AND e.invoice_id = ? AND e.entity IN ('payment', ?)
        """

    /// When each payment standing exports applied to an invoice was received (the `received` of its fields).
    func receivedTimes(ofPaymentsTo invoiceID: String) throws -> [Timestamp] {
        var times: [Timestamp] = []
        try database.query("""
            SELECT e.fields FROM export e \(Self.standing) AND e.invoice_id = ? AND e.entity = 'payment'
            """, [.text(invoiceID)]) { row in
            if let received = SyncedFields.values(row.text(0) ?? "")["received"], let time = Timestamp(iso: received) { times.append(time) }
        }
        return times
    }

    // MARK: Payments and their payouts

    /// Records the payments and refunds the open batch's deposit of a payout takes out of Undeposited Funds.
    func recordDeposit(payout payoutID: String, of lines: [(entity: EntityType, sourceID: String)]) throws {
        guard let batch = openBatch else { return }
        for line in lines {
            try database.insertOrReplace("INTO deposit_line(batch, payout_id, entity, source_id) VALUES (?, ?, ?, ?)",
                                         [.integer(batch), .text(payoutID), .text(line.entity.rawValue), .text(line.sourceID)])
        }
    }

    /// Deposits that count: their payout's export stands (committed, or in batch `open`, and not refused by QuickBooks).
    private static func standingDeposit(orBatch open: Int64 = -1) -> String {
        """
        SELECT d.payout_id, d.batch FROM deposit_line d JOIN export p ON p.batch = d.batch AND p.entity = 'payout'
            AND p.source_id = d.payout_id JOIN batch pb ON pb.id = d.batch AND (pb.state = 'committed' OR pb.id = \(open))
        WHERE (p.answer IS NULL OR p.answer <> 'failed')
        """
    }

    /// The payout whose standing deposit took a payment or refund out of Undeposited Funds, and its batch, if one did.
    func deposit(of entity: EntityType, _ sourceID: String) throws -> (payoutID: String, batch: Int64)? {
        var found: (String, Int64)?
        try database.query("\(Self.standingDeposit()) AND d.entity = ? AND d.source_id = ? ORDER BY d.batch LIMIT 1",
                           [.text(entity.rawValue), .text(sourceID)]) { row in found = (row.text(0) ?? "", row.integer(1)) }
        return found
    }

    /// The standing payments and refunds that name a payout and no standing deposit took out yet, oldest first.
    func waiting(forPayout payoutID: String, _ body: (LedgerEntry) throws -> Void) throws {
        try database.query(Self.waitingQuery, [.text(payoutID)]) { row in try body(Self.entry(row)) }
    }

    /// The query of `waiting(forPayout:_:)`: its parameter is the payout id.
    static let waitingQuery = """
        SELECT \(entryColumns) FROM export e \(standing) AND e.payout_id = ? AND e.entity IN ('payment', 'refund')
        AND NOT EXISTS (\(standingDeposit()) AND d.entity = e.entity AND d.source_id = e.source_id)
        ORDER BY e.batch, e.rowid
        """

    /// Σ of the payments and of the refunds that name a payout no deposit paid out yet: in committed batches,
    /// and in the open one too when `includingOpenBatch` (what the run leaves waiting).
    func waitingForPayouts(includingOpenBatch: Bool) throws -> (payments: Money, refunds: Money) {
        let open = includingOpenBatch ? openBatch ?? -1 : -1
        var totals = (payments: Money.zero, refunds: Money.zero)
        try database.query("""
            SELECT e.entity, e.total FROM export e JOIN batch b ON b.id = e.batch AND (b.state = 'committed' OR b.id = \(open))
            WHERE (e.answer IS NULL OR e.answer <> 'failed') AND e.payout_id IS NOT NULL AND e.entity IN ('payment', 'refund')
            AND NOT EXISTS (\(Self.standingDeposit(orBatch: open)) AND d.entity = e.entity AND d.source_id = e.source_id)
            """) { row in
            let amount = row.text(1).flatMap(Money.init(parsing:)) ?? .zero
            if row.text(0) == EntityType.refund.rawValue { totals.refunds = totals.refunds + amount } else { totals.payments = totals.payments + amount }
        }
        return totals
    }

    // MARK: QuickBooks' answers

    /// Stores QuickBooks' answer to the request of one export: its identity when done, its message when refused.
    func answer(_ entry: LedgerEntry, _ answer: LedgerAnswer, message: String?,
                txnID: String?, listID: String?, editSequence: String?) throws {
        try database.run("""
            UPDATE export SET answer = ?, answer_message = ?, txn_id = COALESCE(?, txn_id), list_id = COALESCE(?, list_id),
                edit_sequence = COALESCE(?, edit_sequence)
            WHERE batch = ? AND entity = ? AND source_id = ?
            """, [.text(answer.rawValue), .text(message), .text(txnID), .text(listID), .text(editSequence),
                  .integer(entry.batch), .text(entry.entity.rawValue), .text(entry.sourceID)])
    }

    /// Runs `body` in one transaction: all of its changes are kept, or none.
    @discardableResult
    func transaction<Result>(_ body: () throws -> Result) throws -> Result {
        try database.execute("BEGIN IMMEDIATE")
        do {
            let result = try body()
            try database.execute("COMMIT")
            return result
        } catch {
            try? database.execute("ROLLBACK")
            throw error
        }
    }

    /// Forgets a committed batch: its exports are no longer known, so the next run writes their records again.
    func forget(batch: Int64) throws {
        try database.run("DELETE FROM batch WHERE id = ?", [.integer(batch)])
    }

    /// Commits the open batch as pending, with the files about to be published (path and content hash, one a line).
    func seal(files: [(path: String, hash: String)]) throws {
        guard let batch = openBatch else { return }
        let list = files.map { "\($0.hash) \($0.path)" }.joined(separator: "\n")
        try database.run("UPDATE batch SET files = ? WHERE id = ?", [.text(list), .integer(batch)])
        try database.execute("COMMIT")
        sealed = true
    }

    /// Marks the sealed batch committed: its files are in place.
    func markCommitted() throws {
        guard let batch = openBatch else { return }
        try database.run("UPDATE batch SET state = 'committed' WHERE id = ?", [.integer(batch)])
        openBatch = nil
        sealed = false
    }

    /// Drops the open batch when the run failed before sealing it. A sealed batch is left
    /// pending: the next run's recovery keeps it if its files are in place, else removes it.
    func abandon() {
        guard openBatch != nil else { return }
        if !sealed { try? database.execute("ROLLBACK") }
        openBatch = nil
        sealed = false
    }

    /// Drops the open batch, unsealed, and its number (given again), but commits what the run changed in
    /// earlier batches (a rename QuickBooks shows done): a run that sent nothing records no batch.
    func dropOpenBatch() throws {
        guard let batch = openBatch, !sealed else { return }
        try database.run("DELETE FROM batch WHERE id = ?", [.integer(batch)])
        try database.run("UPDATE batch_counter SET last = last - 1 WHERE last = ?", [.integer(batch)])
        try database.execute("COMMIT")
        openBatch = nil
    }

    /// Removes the sealed batch whose files could not be published (none of them was left in place).
    func unseal() throws {
        guard let batch = openBatch, sealed else { return }
        try database.run("DELETE FROM batch WHERE id = ? AND state = 'pending'", [.integer(batch)])
        openBatch = nil
        sealed = false
    }

    /// Finishes or removes batches a killed run left pending: committed when
    /// every file it lists is in place with its content, removed otherwise
    /// (the files it did publish are renamed `*.abandoned`, so none is imported).
    /// Returns a sentence per batch, for the user.
    func recover(matches: (URL, String) -> Bool) throws -> [String] {
        precondition(lock != nil, "recovery runs only under the ledger's lock: a batch of a live run is not a crashed one")
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
            let complete = !listed.isEmpty && listed.allSatisfy { hash, path in matches(folder.appendingPathComponent(path), hash) }
            if complete {
                try database.run("UPDATE batch SET state = 'committed' WHERE id = ?", [.integer(id)])
                messages.append("batch \(id): its files were all published before the run stopped; kept")
            } else {
                for (hash, path) in listed where matches(folder.appendingPathComponent(path), hash) {
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
