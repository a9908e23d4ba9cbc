/// The QuickBooks items of a run: pricebook items and the items invoice
/// lines name, with the income account each rolls up to.
final class ItemCatalog {
    /// How an item name lands in QuickBooks.
    enum Resolution {
        case existing(QBItem)
        case new(QBItem, renamedFrom: String?)
        case assumed(QBItem)

        var item: QBItem {
            switch self {
            case .existing(let item), .new(let item, _), .assumed(let item): return item
            }
        }
    }

    private let configuration: Configuration
    private var pricebook: [NameKey: PricebookItem] = [:]
    private var byKey: [NameKey: QBItem] = [:]
    private var names: NameRegistry

    init(configuration: Configuration, limits: NameLimits) {
        self.configuration = configuration
        names = NameRegistry(limit: limits.item, desktop: limits.desktop)
    }

    /// Makes a pricebook item known, so lines naming it get its type, category and account.
    /// Returns false when an item of the same name is already known.
    func learn(_ item: PricebookItem) -> Bool {
        let key = NameKey(item.name)
        guard pricebook[key] == nil else { return false }
        pricebook[key] = item
        return true
    }

    /// The income account an item rolls up to: membership items to the
    /// membership account, then its category's account, then the default.
    func incomeAccount(for item: PricebookItem?, lineCategory: String?) -> String {
        if item?.type == .membership { return configuration.invoices.membershipIncomeAccount }
        return configuration.incomeAccount(forCategory: item?.category ?? lineCategory)
            ?? configuration.items.defaultIncomeAccount
    }

    /// Where a sale item lands. `line` supplies category, description, price
    /// and taxability when the pricebook does not know the item.
    func resolveSale(named name: String, line: InvoiceLine? = nil) -> Resolution {
        let key = NameKey(name)
        if let known = byKey[key] { return .existing(known) }
        let entry = pricebook[key]
        let kind: QBItemKind = entry?.type == .material || entry?.type == .equipment ? .nonInventory : .service
        let item = QBItem(name: names.propose(name), sourceID: entry?.id, kind: kind, description: entry?.description ?? line?.description,
                          account: incomeAccount(for: entry, lineCategory: line?.category),
                          price: entry?.unitPrice ?? line?.unitPrice, taxable: entry?.taxable ?? line?.taxable ?? false)
        return resolution(item, original: name)
    }

    /// Where a discount item (`items.discount_item`, `items.member_discount_item`) lands.
    func resolveDiscount(named name: String, description: String) -> Resolution {
        if let known = byKey[NameKey(name)] { return .existing(known) }
        let item = QBItem(name: names.propose(name), sourceID: nil, kind: .discount, description: description,
                          account: configuration.invoices.discountAccount, price: nil, taxable: false)
        return resolution(item, original: name)
    }

    /// The item refunds' credit memos go through: `Refund`, posting to the default income account.
    func resolveRefund() -> Resolution {
        let name = Self.refundItem
        if let known = byKey[NameKey(name)] { return .existing(known) }
        let item = QBItem(name: names.propose(name), sourceID: nil, kind: .service, description: "Refund",
                          account: configuration.items.defaultIncomeAccount, price: nil, taxable: false)
        return resolution(item, original: name)
    }

    static let refundItem = "Refund"

    private func resolution(_ item: QBItem, original: String) -> Resolution {
        guard configuration.items.createInQuickBooks else { return .assumed(item) }
        return .new(item, renamedFrom: item.name == original ? nil : original)
    }

    /// Records an item as part of the run under the name it was resolved from.
    func commit(_ item: QBItem, as original: String) {
        names.claim(item.name)
        byKey[NameKey(original)] = item
    }

}
