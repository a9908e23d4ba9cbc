import Foundation

/// Decides one QuickBooks customer, given what Run a Call is known to have of it
/// and the settings: a new Run a Call customer, updates of a shared one, a
/// conflict, or why it is held back. Pure: it reads nothing and writes nothing.
enum CustomerDecider {
    static func decide(_ entry: QuickBooksListEntry, facts: EntryFacts, settings: FromQuickBooksSettings) -> EntryDecision {
        if let decided = EntryRules.common(entry, facts: facts, noun: "customer") { return decided }
        if entry.isChild {
            let parent = entry.parent ?? IIFListStream.parent(of: entry.name) ?? ""
            return .skipped("Job or sub-customer of \"\(parent)\": never sent as a customer of its own (Run a Call keeps its work under the customer \"\(parent)\")")
        }
        let current = runACallValues(of: entry)
        guard let baseline = CustomerBaseline(exported: facts.exported, sighting: facts.sighting) else {
            if let known = facts.exportCustomer {
                var decision = EntryDecision.skipped("Run a Call has it: the export's customer \(known.id ?? known.name) (same name and email)")
                decision.sighting = sighting(entry, current, id: known.id, action: .seen)
                decision.runACallRecord = record(entry, fields: fields(id: known.id, current), targets: "")
                return decision
            }
            guard settings.customersFromQuickBooks else {
                return .skipped("Not sent: customers.from_quickbooks is off (QBO → Run a Call, recommended off); Run a Call does not have this customer: turn the setting on to send the customers it lacks")
            }
            var decision = EntryDecision(status: .success, message: "Sent to Run a Call as a new customer")
            decision.newCustomer = current
            decision.sighting = sighting(entry, current, id: nil, action: .sent)
            decision.runACallRecord = record(entry, fields: fields(id: nil, current), targets: RunACallFiles.customersTarget.label(parts: 1))
            return decision
        }
        let since = "batch \(baseline.batch)"
        let changes = CustomerChanges.between(entry, current: current, baseline: baseline)
        guard !changes.isEmpty else {
            var decision = EntryDecision.skipped(baseline.sent ? "Already sent in \(since)"
                : "Run a Call has it as customer \(baseline.runACallID ?? baseline.quickBooksName): unchanged in QuickBooks since \(since)")
            if facts.sighting == nil { decision.sighting = sighting(entry, current, id: baseline.runACallID, action: .seen) }
            return decision
        }
        let described = changes.map(\.description).joined(separator: "; ")
        guard settings.syncUpdates else {
            return .skipped("Changed in QuickBooks since \(since) (\(described)), not sent: customers.sync_updates is off")
        }
        let theirs = changes.map { ($0, facts.exportCustomer.flatMap($0.field.value)) }
        let conflicts = theirs.filter { change, runACall in runACall.map { !change.isOld($0) && !change.isNew($0) } ?? false }
        if !conflicts.isEmpty {
            let both = conflicts.map { change, runACall in
                "\(change.field.rawValue): QuickBooks \"\(change.newText)\", Run a Call \"\(runACall ?? "")\" (both were \"\(change.oldText)\")"
            }.joined(separator: "; ")
            return .failed(.changedOnBothSides(entry.name, since: since, both: both))
        }
        let pending = theirs.filter { change, runACall in !(runACall.map(change.isNew) ?? false) }.map(\.0)
        var decision: EntryDecision
        if pending.isEmpty {
            decision = .skipped("Run a Call already holds QuickBooks' changes since \(since) (\(described))")
        } else if let id = baseline.runACallID ?? facts.exportCustomer?.id {
            decision = EntryDecision(status: .success, message: "\(ReportRow.updatedPrefix) customer \"\(entry.name)\" changed in QuickBooks since \(since): "
                                     + pending.map(\.description).joined(separator: "; "))
            decision.updates = pending.flatMap { $0.updates(id: id, quickBooksName: entry.name) }
        } else {
            return .failed(.customerIDUnknown(entry.name, since: since, described: described))
        }
        let id = baseline.runACallID ?? facts.exportCustomer?.id
        decision.sighting = sighting(entry, current, id: id, action: pending.isEmpty ? .seen : .updated)
        var lines = baseline.exported.map { CustomerBaseline.lines($0.fields) } ?? [:]
        for field in CustomerField.allCases { if lines[field.rawValue] == nil, let value = baseline.values[field] { lines[field.rawValue] = value } }
        for change in changes { lines[change.field.rawValue] = change.newText }
        lines["id"] = id ?? ""
        let ordered = ["id"] + CustomerField.allCases.map(\.rawValue)
        let text = ordered.compactMap { key in lines[key].map { "\(key): \(SyncedFields.escaped($0))" } }
            + lines.keys.filter { !ordered.contains($0) }.sorted().map { "\($0): \(SyncedFields.escaped(lines[$0]))" }
        decision.runACallRecord = record(entry, fields: text, targets: pending.isEmpty ? "" : RunACallFiles.updatesTarget.label(parts: 1),
                                         sourceID: id ?? baseline.exported?.sourceID, listID: entry.listID ?? baseline.listID)
        return decision
    }

    /// The customer Run a Call gets from a QuickBooks entry.
    static func runACallValues(of entry: QuickBooksListEntry) -> Customer {
        let names = [entry.name, entry.company].compactMap { $0 }
        return Customer(id: nil, name: entry.name, email: entry.email, phone: entry.phone, company: entry.company,
                        billingAddress: entry.billing.flatMap { AddressReading.runACall($0, names: names) },
                        serviceAddress: entry.shipping.flatMap { AddressReading.runACall($0, names: names) })
    }

    /// Run a Call's values as the ledger lines of a customer (`convert`'s fields, with phone and company).
    private static func fields(id: String?, _ customer: Customer) -> [String] {
        ["id: \(SyncedFields.escaped(id))"] + CustomerField.allCases.compactMap { field in
            (field.value(of: customer) ?? (field == .email ? "" : nil)).map { "\(field.rawValue): \(SyncedFields.escaped($0))" }
        }
    }

    private static func sighting(_ entry: QuickBooksListEntry, _ customer: Customer, id: String?, action: QuickBooksSighting.Action) -> QuickBooksSighting {
        let keys = ["quickbooks name: \(SyncedFields.escaped(entry.name))",
                    "billing address in quickbooks: \(SyncedFields.escaped(AddressReading.key(entry.billing)))",
                    "service address in quickbooks: \(SyncedFields.escaped(AddressReading.key(entry.shipping)))"]
        return QuickBooksSighting(entity: .customer, listKey: NameKey(entry.name).value, listID: entry.listID, quickBooksName: entry.name,
                                  sourceID: id, action: action, fields: (fields(id: id, customer) + keys).joined(separator: "\n"))
    }

    private static func record(_ entry: QuickBooksListEntry, fields: [String], targets: String, sourceID: String? = nil,
                               listID: String? = nil) -> LedgerEntry {
        let synced = SyncedFields(lines: fields)
        return LedgerEntry(entity: .customer, sourceID: sourceID ?? entry.name, hash: synced.hash, fields: synced.text, customer: entry.name,
                           targets: targets, action: .noted, listID: listID ?? entry.listID, editSequence: entry.editSequence)
    }
}

extension CustomerField {
    /// The field's value in a Run a Call customer (an address as the ledger writes it); nil when not set.
    func value(of customer: Customer) -> String? {
        switch self {
        case .name: customer.name
        case .email: customer.email
        case .phone: customer.phone
        case .company: customer.company
        case .billing: customer.billingAddress.map { AddressReading.parts($0).joined(separator: " | ") }
        case .service: customer.serviceAddress.map { AddressReading.parts($0).joined(separator: " | ") }
        }
    }
}
