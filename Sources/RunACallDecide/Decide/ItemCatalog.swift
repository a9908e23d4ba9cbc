import RunACallSupport
import RunACallRead

/// The QuickBooks items of a run: pricebook items and the items invoice
/// lines name, with the income account each rolls up to, matched by name
/// against the books when they list items.
public final class ItemCatalog {
    /// How an item name lands in QuickBooks.
    public enum Resolution {
        /// Already in this run.
        case existing(QBItem)
        /// Already in QuickBooks (the books list it, active), with the books' name and income account.
        case inBooks(QBItem)
        case new(QBItem, renamedFrom: String?)
        /// Not created (creation is off, no item list in the books): assumed to exist.
        case assumed(QBItem)
        /// Cannot be used: not in the books with creation off, or inactive there.
        case unavailable(Problem)

        public var item: QBItem? {
            switch self {
            case .existing(let item), .inBooks(let item), .new(let item, _), .assumed(let item): item
            case .unavailable: nil
            }
        }
    }

    private let configuration: Configuration
    private let books: BooksRules
    private var pricebook: [NameKey: PricebookItem] = [:]
    private var byKey: [NameKey: QBItem] = [:]
    private var landings: [NameKey: ListLanding] = [:]
    private var names: NameRegistry

    public init(configuration: Configuration, limits: NameLimits, books: BooksRules = BooksRules()) {
        self.configuration = configuration
        self.books = books
        names = NameRegistry(limit: limits.item, desktop: limits.desktop, formulaSafe: limits.formulaSafe)
        for name in books.takenItemNames { names.claim(name) }
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
        let description = FieldLimits.cut(entry?.description ?? line?.description, .itemDescription,
                                          formats: configuration.output.formats).text
        let item = QBItem(name: name, sourceID: entry?.id, kind: kind, description: description,
                          account: incomeAccount(for: entry, lineCategory: line?.category),
                          price: entry?.unitPrice ?? line?.unitPrice, taxable: entry?.taxable ?? line?.taxable ?? false)
        return place(item)
    }

    /// Where a discount item (`items.discount_item`, `items.member_discount_item`) lands.
    func resolveDiscount(named name: String, description: String) -> Resolution {
        if let known = byKey[NameKey(name)] { return .existing(known) }
        let item = QBItem(name: name, sourceID: nil, kind: .discount, description: description,
                          account: configuration.invoices.discountAccount, price: nil, taxable: false)
        return place(item)
    }

    /// The item refunds' credit memos go through: `Refund`, posting to the default income account.
    public func resolveRefund() -> Resolution {
        let name = Self.refundItem
        if let known = byKey[NameKey(name)] { return .existing(known) }
        let item = QBItem(name: name, sourceID: nil, kind: .service, description: "Refund",
                          account: configuration.items.defaultIncomeAccount, price: nil, taxable: false)
        return place(item)
    }

    public static let refundItem = "Refund"

    /// Where an item named as in Run a Call lands: the books' entry, a new
    /// entry under a name QuickBooks accepts, or nowhere.
    private func place(_ item: QBItem) -> Resolution {
        var placed = item
        switch books.item(named: item.name, cleaned: names.cleaned(item.name)) {
        case .found(let entry):
            guard entry.isActive else { return .unavailable(Problem.itemInactive(entry.name)) }
            placed.name = entry.name
            placed.account = entry.account ?? item.account
            return .inBooks(placed)
        case .missing:
            guard configuration.items.createInQuickBooks else { return .unavailable(Problem.itemNotFound(item.name)) }
        case .noList:
            break
        }
        placed.name = names.propose(item.name)
        guard configuration.items.createInQuickBooks else { return .assumed(placed) }
        return .new(placed, renamedFrom: placed.name == item.name ? nil : item.name)
    }

    /// Why a created item's name differs from its Run a Call name.
    public func renameReason(_ original: String) -> String {
        names.formulaReason(original) ?? "QuickBooks name rules"
    }

    /// The item a name already resolved to in this run, with how it landed (one key made for both).
    func known(_ name: String) -> (item: QBItem, landing: ListLanding)? {
        let key = NameKey(name)
        return byKey[key].map { ($0, landings[key] ?? .earlierInRun) }
    }

    /// Records a resolved item as part of the run under the name it was resolved from.
    public func commit(_ resolution: Resolution, as original: String) {
        let landing: ListLanding
        switch resolution {
        case .new: landing = .earlierInRun
        case .inBooks: landing = .inBooks
        case .assumed: landing = .assumed
        case .existing, .unavailable: return
        }
        guard let item = resolution.item else { return }
        names.claim(item.name)
        let key = NameKey(original)
        byKey[key] = item
        landings[key] = landing
    }

    /// An item an earlier batch created: used as it was, never created again.
    public func remember(_ item: QBItem, as original: String) {
        guard byKey[NameKey(original)] == nil else { return }
        names.claim(item.name)
        byKey[NameKey(original)] = item
        landings[NameKey(original)] = .earlierBatch
    }

    /// How an item already in the run landed, for later records naming it.
    func landing(of original: String) -> ListLanding { landings[NameKey(original)] ?? .earlierInRun }

}
