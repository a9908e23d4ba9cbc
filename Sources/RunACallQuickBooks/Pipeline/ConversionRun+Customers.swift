/// Customers an earlier batch exported, as the ledger keeps them: their
/// records, their changes (a qbXML CustomerModRq, a by-hand update, or ignored)
/// and the by-hand renames IIF and QuickBooks Online CSV wait for.
extension ConversionRun {
    /// Whether the books confirm a by-hand rename: they list the new name with the customer's email, and not the old one.
    func renameIsInBooks(from old: String, to new: String, email: String?) -> Bool {
        guard let list = books.snapshot.customers else { return false }
        let sameEmail = { (entry: BookEntry) in CustomerDirectory.Key(name: new, email: entry.email) == CustomerDirectory.Key(name: new, email: email) }
        return list.named(new).contains(where: sameEmail) && !list.named(old).contains(where: sameEmail)
    }

    /// Records in this batch that QuickBooks holds a customer under the name it was to be renamed to by hand.
    func recordRenameFromBooks(_ entry: inout LedgerEntry, to name: String) throws {
        let old = entry.customer ?? entry.sourceID
        let fields = SyncedFields.withoutPendingName(entry.fields)
        entry.customer = name
        entry.fields = fields.text
        entry.hash = fields.hash
        try ledger?.record(LedgerEntry(entity: .customer, sourceID: entry.sourceID, hash: fields.hash, fields: fields.text,
                                       customer: name, targets: "", action: .noted, txnID: nil, listID: entry.listID,
                                       editSequence: entry.editSequence))
        try log.add(ReportRow(timestamp: "", entityType: .customer, sourceID: entry.sourceID, entity: "Customer \(name)", status: .skipped,
                              message: "Renamed in QuickBooks by hand, as the report of batch \(entry.batch) asked: the books list customer \"\(name)\" (it was \"\(old)\"); transactions use \"\(name)\" from now on",
                              fix: "", source: "", targets: [], isSourceRow: false))
    }

    /// Records a customer under its Run a Call id (else its QuickBooks name), with the fields that tell a later change;
    /// a change keeps the fields this record lacks from `earlier` and its QuickBooks identity.
    /// `pendingName`: the name the user is told to rename it to in QuickBooks by hand (kept until confirmed).
    /// Nothing without a ledger: the fields are not even computed.
    func recordCustomer(_ customer: QBCustomer, source: Customer, targets: [OutputTarget], action: LedgerAction = .add,
                        earlier: LedgerEntry? = nil, pendingName: String? = nil) throws {
        try ledger?.later { ledger in
            let current = SyncedFields(customer: source)
            let renamedNow = pendingName != nil || action == .update
            let kept: [String] = earlier.map { earlier in
                let names = SyncedFields.values(current.text).keys
                return SyncedFields.values(earlier.fields)
                    .filter { !names.contains($0.key) && $0.key != "id" && !(renamedNow && $0.key == SyncedFields.pendingName) }
                    .sorted { $0.key < $1.key }.map { "\($0.key): \($0.value)" }
            } ?? []
            let pending = pendingName.map { ["\(SyncedFields.pendingName): \(SyncedFields.escaped($0))"] } ?? []
            let fields = SyncedFields(lines: ["id: \(SyncedFields.escaped(source.id))"] + current.lines + kept + pending)
            try ledger.record(LedgerEntry(entity: .customer, sourceID: source.id ?? customer.name, hash: fields.hash, fields: fields.text,
                                          customer: customer.name, targets: Self.label(targets), action: action,
                                          requestID: Self.requestID(targets), txnID: nil, listID: earlier?.listID,
                                          editSequence: action == .noted ? earlier?.editSequence : nil))
        }
    }

    /// A customer an earlier batch exported changed in Run a Call: a qbXML CustomerMod when `update`, else a report row
    /// telling the user (or, with `customers.sync_updates` off, that it is ignored), once.
    func customerChanged(_ source: Customer, entry: QBCustomer, earlier: LedgerEntry, update: Bool, row: inout ReportRow) throws {
        let changes = SyncedFields(customer: source).changes(inFieldsOf: earlier.fields).joined(separator: "; ")
        let name = earlier.customer ?? entry.name
        let batch = earlier.batch
        if update, let listID = earlier.listID, let editSequence = earlier.editSequence, let qbxml {
            row.targets = [qbxml.target(forCustomerUpdate: entry)]
            lists.customerUpdates.append((entry, listID, editSequence))
            row.status = .success
            row.isUpdate = true
            row.message = "\(ReportRow.updatedPrefix) customer \"\(name)\" changed in Run a Call after batch \(batch); CustomerModRq changes it in QuickBooks: \(changes)"
                + (entry.name == name ? "" : " (its QuickBooks name becomes \"\(entry.name)\"; later transactions use it)")
            customers.rename(name, to: entry.name)
            try recordCustomer(entry, source: source, targets: row.targets, action: .update, earlier: earlier)
            return
        }
        row.status = .skipped
        if !configuration.customers.syncUpdates {
            row.message = "Changed in Run a Call after batch \(batch) (\(changes)), ignored: customers.sync_updates is off; QuickBooks keeps customer \"\(name)\" as it is"
        } else if qbxml != nil {
            // Not recorded: the run after the ingest finds the change again and writes the CustomerModRq.
            row.message = "Not updated yet: customer \"\(name)\" changed in Run a Call after batch \(batch) (\(changes)); transactions keep its QuickBooks name \"\(name)\""
                + whyNotByQBXML("ListID", known: earlier.listID != nil, batch: batch)
            return
        } else if let pending = Self.pendingRename(of: source, earlier: earlier, proposed: customers.proposedName(for: source)) {
            row.message = "Needs update: customer \"\(name)\" changed in Run a Call after batch \(batch); change it in QuickBooks: \(changes). "
                + Self.renameByHand(name, to: pending, id: source.id ?? "")
            customers.reserve(pending)
            try recordCustomer(entry, source: source, targets: [], action: .noted, earlier: earlier, pendingName: pending)
            return
        } else {
            row.message = "Needs update: customer \"\(name)\" changed in Run a Call after batch \(batch); change it in QuickBooks: \(changes) (transactions keep its QuickBooks name \"\(name)\")"
        }
        try recordCustomer(entry, source: source, targets: [], action: .noted, earlier: earlier)
    }

    /// The QuickBooks name a customer renamed in Run a Call is to get by hand, when its name changed since `earlier`.
    private static func pendingRename(of source: Customer, earlier: LedgerEntry, proposed: String) -> String? {
        guard source.id != nil else { return nil }
        let recorded = SyncedFields.values(earlier.fields)["name"].map(SyncedFields.unescaped)
        return recorded.map { NameKey($0) } == NameKey(source.name) ? nil : proposed
    }

    /// What the user does for a rename IIF and CSV cannot write, and what the next run assumes.
    private static func renameByHand(_ old: String, to new: String, id: String) -> String {
        "Rename customer \"\(old)\" to \"\(new)\" in QuickBooks, then run `rac2qb confirm-rename \(id)` "
            + "(or export the customer list into the config's books file, which then lists \"\(new)\"): "
            + "until then transactions keep its QuickBooks name \"\(old)\", after it they use \"\(new)\""
    }
}
