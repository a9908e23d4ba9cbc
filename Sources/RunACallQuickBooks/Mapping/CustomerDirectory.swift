import Foundation

/// The QuickBooks customers of a run, matched by name and email (the seed's
/// rule): a name match with a different email is a different customer and
/// gets a distinct QuickBooks name.
final class CustomerDirectory {
    /// How a Run a Call customer lands in QuickBooks.
    enum Resolution {
        /// Already in this run's customer list.
        case existing(QBCustomer)
        /// To be created; `renamedFrom` is set when the name had to change.
        case new(QBCustomer, renamedFrom: String?)
        /// Not created (creation is off): assumed to exist under this name.
        case assumed(QBCustomer)

        var customer: QBCustomer {
            switch self {
            case .existing(let customer), .new(let customer, _), .assumed(let customer): return customer
            }
        }
    }

    struct Key: Hashable {
        let name: NameKey
        let email: String

        init(_ customer: Customer) {
            name = NameKey(customer.name)
            email = customer.email?.trimmingCharacters(in: .whitespacesAndNewlines).lowercased() ?? ""
        }
    }

    private var byKey: [Key: QBCustomer] = [:]
    private var names: NameRegistry
    private let create: Bool

    init(limits: NameLimits, create: Bool) {
        names = NameRegistry(limit: limits.customer, desktop: limits.desktop)
        self.create = create
    }

    /// Where `customer` lands, with `fallbackBilling` and `shipping` used for a new entry.
    func resolve(_ customer: Customer, fallbackBilling: Address? = nil, shipping: Address? = nil) -> Resolution {
        if let known = byKey[Key(customer)] { return .existing(known) }
        let name = names.propose(customer.name)
        let entry = QBCustomer(name: name, sourceID: customer.id, email: customer.email, phone: customer.phone,
                               company: customer.company, billAddress: customer.billingAddress ?? fallbackBilling,
                               shipAddress: customer.serviceAddress ?? shipping)
        guard create else { return .assumed(entry) }
        return .new(entry, renamedFrom: name == customer.name ? nil : customer.name)
    }

    /// Records a customer as part of the run, so later records match it.
    func commit(_ customer: QBCustomer, for source: Customer) {
        names.claim(customer.name)
        byKey[Key(source)] = customer
    }

}
