/// Decides one QuickBooks item: a new pricebook item, or why it is held back
/// (QuickBooks' own items never reach the pricebook). Pure.
enum ItemDecider {
    /// What a QuickBooks item type is to Run a Call.
    enum Kind: Equatable {
        case pricebook(PricebookItemType)
        /// Sales tax items and groups, discounts, payments, subtotals, groups: QuickBooks' own.
        case quickBooksOnly(String)
        /// A type the pricebook has no place for (fixed assets).
        case notSent(String)
        case unknown
    }

    /// QuickBooks' item types (IIF `INVITEMTYPE`, qbXML element, QuickBooks Online `Type`), lower-cased.
    static func kind(of type: String?) -> Kind {
        switch type?.lowercased().replacingOccurrences(of: " ", with: "") {
        case nil, "", "serv", "service", "itemservice", "othc", "othercharge", "itemothercharge": .pricebook(.service)
        case "part", "non-inventory", "noninventory", "itemnoninventory": .pricebook(.material)
        case "inventory", "iteminventory", "assembly", "inventoryassembly", "iteminventoryassembly": .pricebook(.equipment)
        case "comptax", "itemsalestax", "salestax": .quickBooksOnly("a sales tax item")
        case "stax", "itemsalestaxgroup", "salestaxgroup": .quickBooksOnly("a sales tax group")
        case "disc", "itemdiscount", "discount": .quickBooksOnly("a discount item")
        case "pmt", "itempayment", "payment": .quickBooksOnly("a payment item")
        case "subt", "itemsubtotal", "subtotal": .quickBooksOnly("a subtotal item")
        case "grp", "itemgroup", "group", "bundle": .quickBooksOnly("a group")
        case "fixedasset", "itemfixedasset": .notSent("a fixed asset item")
        case "category": .notSent("a category, not an item")
        default: .unknown
        }
    }

    static func decide(_ entry: QuickBooksListEntry, facts: EntryFacts, settings: FromQuickBooksSettings) -> EntryDecision {
        if let decided = EntryRules.common(entry, facts: facts, noun: "item") { return decided }
        let type: PricebookItemType
        switch kind(of: entry.type) {
        case .pricebook(let pricebook): type = pricebook
        case .quickBooksOnly(let what): return .skipped("QuickBooks' own item (\(what)): never sent to the pricebook")
        case .notSent(let what): return .skipped("Not a pricebook item (\(what)): never sent")
        case .unknown:
            return .failed(.unknownItemType(entry.type ?? "", location: entry.location.description))
        }
        if let sighting = facts.sighting {
            return .skipped(sighting.action == .sent ? "Already sent in batch \(sighting.batch)" : "Run a Call has it (seen in batch \(sighting.batch))")
        }
        if let exported = facts.exported {
            return .skipped("Run a Call has it: pricebook item \"\(exported.sourceID)\" (batch \(exported.batch) exported it as \"\(exported.customer ?? exported.sourceID)\")")
        }
        if let known = facts.exportItem { return .skipped("Run a Call has it: the export's pricebook item \"\(known.name)\"") }
        guard settings.itemsFromQuickBooks else {
            return .skipped("Not sent: items.from_quickbooks is off (QBO → Run a Call, recommended off for the first 30 days); the pricebook does not have this item: turn the setting on to send the items it lacks")
        }
        var decision = EntryDecision(status: .success, message: "Sent to the Run a Call pricebook as a new \(type.rawValue) item")
        let price = self.price(entry.price)
        if case .percentage(let text) = price {
            decision.warning = "QuickBooks prices it as \(text) of the lines above it; unit_price is left empty: set a price in Run a Call"
        }
        if case .unreadable(let text) = price {
            return .failed(.unreadableItemPrice(text, location: entry.location.description))
        }
        let category = entry.incomeAccount.flatMap { account in
            settings.categoryIncomeAccounts.first { NameKey($0.account) == NameKey(account) }?.category ?? account
        }
        var item = PricebookItem(id: nil, name: entry.name, description: entry.description, category: category, type: type,
                                 unitPrice: nil, taxable: entry.taxable, active: true)
        if case .amount(let amount) = price { item.unitPrice = amount }
        decision.newItem = item
        decision.sighting = QuickBooksSighting(entity: .item, listKey: NameKey(entry.name).value, listID: entry.listID, quickBooksName: entry.name,
                                               sourceID: nil, action: .sent, fields: "name: \(SyncedFields.escaped(entry.name))")
        let fields = SyncedFields(lines: ["name: \(SyncedFields.escaped(entry.name))", "account: \(SyncedFields.escaped(entry.incomeAccount))",
                                          "kind: \(type == .service ? QBItemKind.service.rawValue : QBItemKind.nonInventory.rawValue)"])
        decision.runACallRecord = LedgerEntry(entity: .item, sourceID: entry.name, hash: fields.hash, fields: fields.text, customer: entry.name,
                                              targets: RunACallFiles.itemsTarget.label(parts: 1), action: .noted, listID: entry.listID)
        return decision
    }

    private enum Price { case none, amount(ExactDecimal), percentage(String), unreadable(String) }

    /// A price as QuickBooks writes it: `1,392.00`, `-5.5`, `10.0%` (a percentage item).
    private static func price(_ text: String?) -> Price {
        guard let text, !text.isEmpty else { return .none }
        if text.hasSuffix("%") { return .percentage(text) }
        guard let amount = ExactDecimal(parsing: text.replacingOccurrences(of: ",", with: ""), maxPlaces: ExactDecimal.places) else {
            return .unreadable(text)
        }
        return .amount(amount)
    }
}
