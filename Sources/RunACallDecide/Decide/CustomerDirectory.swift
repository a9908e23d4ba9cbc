import Foundation
import RunACallRead
import RunACallSupport

/// The QuickBooks customers of a run, matched by name and email (the seed's
/// rule) against the books (under the Run a Call name or the cleaned name an
/// earlier run gave it) and the customers already in the run: a name match
/// with a different email is a different customer and gets a distinct
/// QuickBooks name, never one a customer, vendor or employee already has.
public final class CustomerDirectory {
    /// How a Run a Call customer lands in QuickBooks.
    enum Resolution {
        /// Already in this run's customer list.
        case existing(QBCustomer)
        /// Already in QuickBooks (the books list it with the same name and email).
        case inBooks(QBCustomer)
        /// To be created; `renamedFrom` is set when the name had to change.
        case new(QBCustomer, renamedFrom: String?)
        /// Not created (creation is off, no customer list in the books): assumed to exist under this name.
        case assumed(QBCustomer)
        /// Cannot be used: not in the books with creation off, or inactive there.
        case unavailable(Problem)
        /// An earlier batch exported this Run a Call customer (same id) and its name, email or an address changed since:
        /// `customer` is what transactions use: renamed when `update` (a qbXML CustomerMod), else the QuickBooks name it has.
        case changed(QBCustomer, earlier: LedgerEntry, update: Bool)

        var customer: QBCustomer? {
            switch self {
            case .existing(let customer), .inBooks(let customer), .new(let customer, _), .assumed(let customer),
                 .changed(let customer, _, _): customer
            case .unavailable: nil
            }
        }
    }

    public struct Key: Hashable {
        let name: NameKey
        let email: String

        public init(name: String, email: String?) {
            self.name = NameKey(name)
            self.email = email?.trimmingWhitespaceAndNewlines.lowercased() ?? ""
        }

        public init(_ customer: Customer) { self.init(name: customer.name, email: customer.email) }
    }

    /// The customers already in the run, by what later records of them need (their other fields were written when they were created).
    private var known: KnownCustomers
    /// Customers earlier batches exported, by Run a Call id, until this run has seen them.
    private var earlierByID: [String: LedgerEntry] = [:]
    /// Whether a changed customer is written as an update (`customers.sync_updates` on and qbXML written).
    private let updates: Bool
    private var names: NameRegistry
    private let create: Bool
    private let books: BooksRules
    private let formats: [OutputFormat]

    /// `names`: where the QuickBooks names of the run's customers are kept, shared with the run's other tables that name them.
    public init(limits: NameLimits, create: Bool, books: BooksRules = BooksRules(), updates: Bool = false,
                names quickBooksNames: InternedTexts = InternedTexts()) {
        known = KnownCustomers(names: quickBooksNames)
        self.updates = updates
        names = NameRegistry(limit: limits.customer, desktop: limits.desktop, formulaSafe: limits.formulaSafe)
        for name in books.takenCustomerNames { names.claim(name) }
        self.create = create
        self.books = books
        formats = limits.formats
    }

    /// A customer's contact fields cut once to the strictest limits of the formats written, and a note per field cut.
    public func contactFields(of customer: Customer, fallbackBilling: Address? = nil, shipping: Address? = nil)
        -> (company: String?, phone: String?, email: String?, billing: Address?, shipping: Address?, notes: [String]) {
        let company = FieldLimits.cut(customer.company, .companyName, formats: formats)
        let phone = FieldLimits.cut(customer.phone, .phone, formats: formats)
        let email = FieldLimits.cut(customer.email, .email, formats: formats)
        let billing = FieldLimits.cut(customer.billingAddress ?? fallbackBilling, formats: formats)
        let ship = FieldLimits.cut(customer.serviceAddress ?? shipping, formats: formats)
        var notes = [company.note, phone.note, email.note].compactMap { $0 }
        for note in billing.notes + ship.notes where !notes.contains(note) { notes.append(note) }
        return (company.text, phone.text, email.text, billing.address, ship.address, notes)
    }

    /// Whether the books list the QuickBooks customers (so "Customer not found" can be told).
    var knowsBooks: Bool { books.snapshot.customers != nil }

    /// Where `customer` lands, with `fallbackBilling` and `shipping` used for a new entry.
    func resolve(_ customer: Customer, fallbackBilling: Address? = nil, shipping: Address? = nil) -> Resolution {
        let key = Key(customer)
        /// The entry the customer's own fields make; not made for a customer already in the run.
        func entry() -> QBCustomer {
            let contact = contactFields(of: customer, fallbackBilling: fallbackBilling, shipping: shipping)
            return QBCustomer(name: customer.name, sourceID: customer.id, email: contact.email, phone: contact.phone,
                              company: contact.company, billAddress: contact.billing, shipAddress: contact.shipping)
        }
        if let id = customer.id, let earlier = earlierByID[id], !SyncedFields(customer: customer).changes(inFieldsOf: earlier.fields).isEmpty {
            let update = updates && earlier.listID != nil && earlier.editSequence != nil
            var changed = entry()
            let unchangedName = NameKey(SyncedFields.values(earlier.fields)["name"].map(SyncedFields.unescaped) ?? "") == key.name
            changed.name = !update || unchangedName ? earlier.customer ?? customer.name : names.propose(customer.name)
            return .changed(changed, earlier: earlier, update: update)
        }
        if let known = known[key] {
            return .existing(QBCustomer(name: known.name, sourceID: nil, email: nil, phone: nil, company: nil,
                                        billAddress: known.billAddress, shipAddress: nil))
        }
        if let list = books.snapshot.customers {
            let cleaned = names.cleaned(customer.name)
            let candidates = list.named(customer.name) + (NameKey(cleaned) == key.name ? [] : list.named(cleaned))
            if let match = candidates.first(where: { Key(name: customer.name, email: $0.email) == key }) {
                guard match.isActive else { return .unavailable(Problem.customerInactive(match.name)) }
                var matched = entry()
                matched.name = match.name
                return .inBooks(matched)
            }
            guard create else { return .unavailable(Problem.customerNotFound(customer.name, email: customer.email)) }
        }
        var proposed = entry()
        proposed.name = names.propose(customer.name)
        guard create else { return .assumed(proposed) }
        return .new(proposed, renamedFrom: proposed.name == customer.name ? nil : customer.name)
    }

    /// Why a created customer's name differs from its Run a Call name.
    public func renameReason(_ original: String) -> String {
        if let formula = names.formulaReason(original) { return formula }
        if books.snapshot.customers?.named(original).isEmpty == false {
            return "a QuickBooks customer with another email has that name"
        }
        if !books.snapshot.otherNames.named(original).isEmpty {
            return "a QuickBooks vendor, employee or other name has that name"
        }
        return "QuickBooks name rules or a same-named customer"
    }

    /// Records a resolved customer as part of the run, so later records match it.
    func commit(_ resolution: Resolution, for source: Customer) {
        let landing: ListLanding
        switch resolution {
        case .new: landing = .earlierInRun
        case .inBooks: landing = .inBooks
        case .assumed: landing = .assumed
        case .changed: landing = .earlierBatch
        case .existing, .unavailable: return
        }
        guard let customer = resolution.customer else { return }
        if let id = source.id { earlierByID[id] = nil }
        names.claim(customer.name)
        let key = Key(source)
        known[key] = KnownCustomers.Known(name: customer.name, billAddress: customer.billAddress, landing: landing)
    }

    /// A customer an earlier batch created: matched like a books entry, never created again.
    public func remember(name: String, email: String?, as quickBooksName: String) {
        let key = Key(name: name, email: email)
        guard known[key] == nil else { return }
        names.claim(quickBooksName)
        known[key] = KnownCustomers.Known(name: quickBooksName, billAddress: nil, landing: .earlierBatch)
    }

    /// A customer an earlier batch exported under its Run a Call id: a later change of it is told by `resolve`.
    public func remember(_ entry: LedgerEntry, id: String) {
        earlierByID[id] = entry
    }

    /// QuickBooks names customers had before a rename (a qbXML CustomerMod, a confirmed by-hand rename), to their name now.
    private var renamed: [NameKey: String] = [:]
    /// QuickBooks names customers hold now: never taken for another customer's earlier name.
    private var held = Set<NameKey>()

    /// The name QuickBooks holds now for a customer an earlier batch recorded as `recorded` (an earlier invoice's customer).
    public func quickBooksName(_ recorded: String) -> String { renamed[NameKey(recorded)] ?? recorded }

    /// Records that a customer earlier batches exported is `name` in QuickBooks now.
    public func holds(_ name: String) {
        held.insert(NameKey(name))
        renamed[NameKey(name)] = nil
    }

    /// Records that earlier batches named a customer `former` before it became `name`; ignored when another customer holds `former` now.
    public func formerName(_ former: String, of name: String) {
        guard !held.contains(NameKey(former)) else { return }
        renamed[NameKey(former)] = name
    }

    /// Records that the customer QuickBooks held as `old` is now `new` (after this run's CustomerMod, or confirmed).
    public func rename(_ old: String, to new: String) {
        guard NameKey(old) != NameKey(new) else { return }
        held.remove(NameKey(old))
        holds(new)
        for (key, name) in renamed where NameKey(name) == NameKey(old) { renamed[key] = new }
        renamed[NameKey(old)] = new
    }

    /// Keeps `name` from every other customer: the name a customer is to be renamed to by hand.
    public func reserve(_ name: String) { names.claim(name) }

    /// The QuickBooks name a customer renamed in Run a Call should get (what a CustomerMod would give it).
    public func proposedName(for customer: Customer) -> String { names.propose(customer.name) }

    /// How a customer already in the run landed, for later records of the same customer.
    func landing(of source: Customer) -> ListLanding { known[Key(source)]?.landing ?? .earlierInRun }
}
