import RunACallSupport

/// Per QuickBooks customer, over the export's invoices QuickBooks holds (written now or by an earlier batch):
/// Σ balance_due, and what QuickBooks will hold of them (totals − payments of every batch). A customer is its
/// name's number in the run's `InternedTexts`; beside it, 24 bytes: its place and the two sums in cents.
struct CustomerBalances {
    private let names: InternedTexts
    /// By name number: the customer's place in `customers`, -1 for a text not counted here.
    private var places: [Int32] = []
    /// The customers' name numbers, in the order first counted.
    private var customers: [Int32] = []
    private var export: [Int64] = []
    private var written: [Int64] = []

    init(names: InternedTexts) { self.names = names }

    /// Adds an invoice: what the export says is due, and what QuickBooks will hold of it.
    mutating func add(customer: String, due: Money, held: Money) {
        let number = names.number(of: customer)
        if number >= places.count { places.append(contentsOf: repeatElement(-1, count: number + 1 - places.count)) }
        if places[number] < 0 {
            places[number] = Int32(customers.count)
            customers.append(Int32(number))
            export.append(0)
            written.append(0)
        }
        let place = Int(places[number])
        export[place] += due.cents
        written[place] += held.cents
    }

    /// Takes a payment off what QuickBooks will hold of a customer it already counts; nothing for another customer.
    mutating func pay(customer: String, _ amount: Money) {
        guard let number = names.existingNumber(of: customer), number < places.count, places[number] >= 0 else { return }
        written[Int(places[number])] -= amount.cents
    }

    /// Each customer with its two sums, in the order first counted.
    func forEach(_ body: (_ customer: String, _ export: Money, _ written: Money) -> Void) {
        for place in customers.indices {
            body(names.text(Int(customers[place])), Money(cents: export[place]), Money(cents: written[place]))
        }
    }
}
