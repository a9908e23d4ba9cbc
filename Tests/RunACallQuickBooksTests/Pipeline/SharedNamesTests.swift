import Testing
@testable import RunACallQuickBooks
@testable import RunACallDecide
@testable import RunACallRead
import RunACallSupport

/// One `InternedTexts` is shared by the run's tables that name customers: each table keeps its own order and
/// its own members, whatever order the others numbered the names in.
@Suite struct SharedNamesTests {
    @Test func aNameIsStoredOnceWhateverTablesUseIt() {
        let names = InternedTexts()
        #expect(names.number(of: "Jane Smith") == 0)
        #expect(names.number(of: "Acme Co") == 1)
        #expect(names.number(of: "Jane Smith") == 0)
        #expect(names.existingNumber(of: "jane smith") == nil, "exact bytes, not the name key")
        #expect(names.text(1) == "Acme Co")
        #expect(names.count == 2)
    }

    @Test func balancesKeepTheOrderTheyCountedIn() {
        let names = InternedTexts()
        _ = names.number(of: "Not counted: a reason")
        _ = names.number(of: "Zed")
        var balances = CustomerBalances(names: names)
        balances.add(customer: "Acme Co", due: Money(cents: 500), held: Money(cents: 400))
        balances.add(customer: "Zed", due: Money(cents: 100), held: Money(cents: 100))
        balances.add(customer: "Acme Co", due: Money(cents: 50), held: Money(cents: 50))
        balances.pay(customer: "Zed", Money(cents: 30))
        balances.pay(customer: "Not counted: a reason", Money(cents: 1))
        balances.pay(customer: "Never named", Money(cents: 1))
        var seen: [String] = []
        balances.forEach { customer, export, written in seen.append("\(customer) \(export.cents) \(written.cents)") }
        #expect(seen == ["Acme Co 550 450", "Zed 100 70"])
    }

    @Test func knownCustomersFindTheirNameInTheSharedTable() {
        let names = InternedTexts()
        var known = KnownCustomers(names: names)
        _ = names.number(of: "Someone Else")
        known[.init(name: "Jane Smith", email: "j@example.com")] = .init(name: "Jane Smith (2)", billAddress: nil, landing: .earlierInRun)
        #expect(names.existingNumber(of: "Jane Smith (2)") == 1, "the QuickBooks name is the shared table's")
        #expect(known[.init(name: "JANE SMITH", email: "J@example.com")]?.name == "Jane Smith (2)")
        #expect(names.count == 2)
    }
}
