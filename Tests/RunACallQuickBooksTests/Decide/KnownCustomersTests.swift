import Testing
@testable import RunACallQuickBooks
@testable import RunACallRead
@testable import RunACallDecide
import RunACallSupport

/// The run's known customers, packed: each comes back as it was committed, by name key and email.
@Suite struct KnownCustomersTests {
    @Test func eachCustomerComesBackAsItWasKept() {
        var known = KnownCustomers(names: InternedTexts())
        let full = Address(line1: "12 Elm St", line2: "", city: "Zürich", state: nil, postalCode: "8001", country: "CH")
        let kept: [(CustomerDirectory.Key, KnownCustomers.Known)] = [
            (.init(name: "Jane  Smith", email: " Jane@Example.com "), .init(name: "Jane Smith", billAddress: full, landing: .earlierInRun)),
            (.init(name: "Jane Smith", email: nil), .init(name: "Jane Smith (2)", billAddress: nil, landing: .inBooks)),
            (.init(name: "Ørsted A/S", email: "a@b.dk"), .init(name: "Orsted A/S", billAddress: Address(), landing: .assumed)),
            (.init(name: String(repeating: "long name ", count: 30), email: nil), .init(name: "long", billAddress: nil, landing: .earlierBatch)),
        ]
        for (key, customer) in kept { known[key] = customer }
        for (key, customer) in kept { #expect(known[key] == customer) }
        #expect(known[.init(name: "jane smith", email: "jane@example.com")]?.name == "Jane Smith", "the name key and the email as the seed matches them")
        #expect(known[.init(name: "Jane Smith", email: "other@example.com")] == nil)
        known[.init(name: "Jane Smith", email: nil)] = .init(name: "Jane Smith (3)", billAddress: nil, landing: .earlierBatch)
        #expect(known[.init(name: "jane smith", email: "")]?.name == "Jane Smith (3)")
    }
}
