/// Per QuickBooks customer, over the export's invoices QuickBooks holds (written now or by an earlier batch):
/// Σ balance_due, and what QuickBooks will hold of them (totals − payments of every batch). The names are
/// interned in a `PackedTable` and the two sums kept in cents beside them, 16 bytes a customer.
struct CustomerBalances {
    private var names = PackedTable()
    private var export: [Int64] = []
    private var written: [Int64] = []

    /// Adds an invoice: what the export says is due, and what QuickBooks will hold of it.
    mutating func add(customer: String, due: Money, held: Money) {
        let index = names.intern(customer.utf8)
        if index == export.count {
            export.append(0)
            written.append(0)
        }
        export[index] += due.cents
        written[index] += held.cents
    }

    /// Takes a payment off what QuickBooks will hold of a customer it already counts; nothing for another customer.
    mutating func pay(customer: String, _ amount: Money) {
        guard let index = names.index(of: customer.utf8) else { return }
        written[index] -= amount.cents
    }

    /// Each customer with its two sums, in the order first counted.
    func forEach(_ body: (_ customer: String, _ export: Money, _ written: Money) -> Void) {
        for index in export.indices {
            body(String(decoding: names.key(at: index), as: UTF8.self), Money(cents: export[index]), Money(cents: written[index]))
        }
    }
}
