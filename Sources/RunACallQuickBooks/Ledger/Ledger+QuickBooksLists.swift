/// What a `from-quickbooks` run saw of one QuickBooks customer or item, and what it did with it.
struct QuickBooksSighting: Equatable {
    /// What the run did.
    enum Action: String {
        /// Written to Run a Call's import files as a new customer or item.
        case sent
        /// Its QuickBooks changes written as customer updates.
        case updated
        /// Known to both sides and unchanged: only its QuickBooks values were noted.
        case seen
    }

    var entity: QuickBooksListEntry.List
    /// The QuickBooks name's key (`NameKey`).
    var listKey: String
    var listID: String?
    var quickBooksName: String
    /// The Run a Call id, when known.
    var sourceID: String?
    var action: Action
    /// QuickBooks' values, one `name: value` a line (`SyncedFields`).
    var fields: String
    /// The batch that recorded it (set by the ledger).
    var batch: Int64 = 0
}

extension Ledger {
    /// Records a sighting in the open batch.
    func record(_ sighting: QuickBooksSighting) throws {
        guard let batch = openBatch else { return }
        try database.run("""
            INSERT OR REPLACE INTO quickbooks_list(batch, entity, list_key, list_id, quickbooks_name, source_id, action, fields)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?)
            """, [.integer(batch), .text(sighting.entity.rawValue), .text(sighting.listKey), .text(sighting.listID),
                  .text(sighting.quickBooksName), .text(sighting.sourceID), .text(sighting.action.rawValue), .text(sighting.fields)])
    }

    /// The latest sighting of a QuickBooks entry, by its ListID when it has one, else by its name's key:
    /// in committed batches, or earlier in the open one.
    func lastSighting(of entity: QuickBooksListEntry.List, listKey: String, listID: String?) throws -> QuickBooksSighting? {
        if let listID, let found = try sighting(of: entity, where: "q.list_id = ?", listID) { return found }
        return try sighting(of: entity, where: "q.list_key = ?", listKey)
    }

    /// The latest sighting whose `condition` (on one column, through its index) holds for `value`.
    private func sighting(of entity: QuickBooksListEntry.List, where condition: String, _ value: String) throws -> QuickBooksSighting? {
        var found: QuickBooksSighting?
        try database.query("""
            SELECT q.list_key, q.list_id, q.quickbooks_name, q.source_id, q.action, q.fields, q.batch
            FROM quickbooks_list q JOIN batch b ON b.id = q.batch AND (b.state = 'committed' OR b.id = ?)
            WHERE q.entity = ? AND \(condition) ORDER BY q.batch DESC LIMIT 1
            """, [.integer(openBatch ?? -1), .text(entity.rawValue), .text(value)]) { row in
            found = QuickBooksSighting(entity: entity, listKey: row.text(0) ?? "", listID: row.text(1), quickBooksName: row.text(2) ?? "",
                                       sourceID: row.text(3), action: row.text(4).flatMap(QuickBooksSighting.Action.init(rawValue:)) ?? .seen,
                                       fields: row.text(5) ?? "", batch: row.integer(6))
        }
        return found
    }

    /// The latest standing export of a customer or item whose QuickBooks ListID is `listID`.
    func latestExport(of entity: EntityType, listID: String) throws -> LedgerEntry? {
        try latestExport(of: entity, where: Self.listIDCondition, listID).first
    }

    /// The condition of `latestExport(of:listID:)`.
    static let listIDCondition = "e.list_id = ?"

    /// The latest standing export of a customer or item QuickBooks holds under `name` (compared as `NameKey`s).
    func latestExport(of entity: EntityType, quickBooksName name: String) throws -> LedgerEntry? {
        try latestExport(of: entity, where: Self.quickBooksNameCondition, name).first { NameKey($0.customer ?? "") == NameKey(name) }
    }

    /// Names only customers and items, as the QuickBooks-name index does (SQLite uses a partial index only for
    /// a query whose conditions imply the index's).
    static let quickBooksNameCondition = "e.entity IN ('customer', 'item') AND e.customer = ? COLLATE NOCASE"

    /// The latest standing export of a customer an IIF or CSV run told the user to rename to `name` in
    /// QuickBooks, while the rename waits for confirmation.
    func latestExport(of entity: EntityType, pendingName name: String) throws -> LedgerEntry? {
        let line = "\n\(SyncedFields.pendingName): \(SyncedFields.escaped(name))\n"
        return try latestExport(of: entity, where: "instr(char(10) || e.fields || char(10), ?) > 0", line).first
    }

    /// Every name a standing customer export waits to be renamed to (its pending name), in one reading of the ledger.
    func pendingCustomerNames() throws -> Set<String> {
        var names = Set<String>()
        try database.query("""
            SELECT e.fields FROM export e \(Self.standing) AND e.entity = 'customer' AND instr(e.fields, ?) > 0
            """, [.text("\(SyncedFields.pendingName): ")]) { row in
            if let name = SyncedFields.values(row.text(0) ?? "")[SyncedFields.pendingName].map(SyncedFields.unescaped) { names.insert(name) }
        }
        return names
    }

    /// Standing exports (committed, not refused, the latest of their record) whose `condition` holds for `value`, latest first.
    private func latestExport(of entity: EntityType, where condition: String, _ value: String) throws -> [LedgerEntry] {
        var entries: [LedgerEntry] = []
        try database.query(Self.latestExportQuery(where: condition), [.text(entity.rawValue), .text(value)]) { row in
            entries.append(Self.entry(row))
        }
        return entries
    }

    /// The query of `latestExport(of:where:_:)`: its parameters are the entity and the condition's value.
    static func latestExportQuery(where condition: String) -> String {
        """
        SELECT \(Self.entryColumns) FROM export e JOIN batch b ON b.id = e.batch AND b.state = 'committed'
        WHERE (e.answer IS NULL OR e.answer <> 'failed') AND e.entity = ? AND \(condition) AND e.batch = (
            SELECT MAX(l.batch) FROM export l JOIN batch lb ON lb.id = l.batch AND lb.state = 'committed'
            WHERE l.entity = e.entity AND l.source_id = e.source_id AND (l.answer IS NULL OR l.answer <> 'failed'))
        ORDER BY e.batch DESC, e.source_id
        """
    }
}
