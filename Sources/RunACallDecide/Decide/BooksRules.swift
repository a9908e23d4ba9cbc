import RunACallSupport
import RunACallRead

/// A name looked up in one list of the books.
enum BookMatch {
    /// The books have no such list: the name is assumed to exist, or created by the run.
    case noList
    /// The list does not hold the name.
    case missing
    case found(BookEntry)
}

/// What the books snapshot says about the names a record uses. A list the
/// snapshot lacks says nothing: every name is then assumed to exist (or to be
/// created by the run).
public struct BooksRules: Sendable {
    public let snapshot: BooksSnapshot

    public init(_ snapshot: BooksSnapshot = BooksSnapshot()) {
        self.snapshot = snapshot
    }

    /// Whether QuickBooks already holds an account of this name (so the run need not declare it).
    public func hasAccount(_ name: String) -> Bool {
        snapshot.accounts?.named(name).isEmpty == false
    }

    /// Whether the books list a sales tax item (or group) of this name, so an IIF file need not declare it.
    public func hasTaxItem(_ name: String) -> Bool {
        snapshot.taxCodes?.named(name).isEmpty == false || snapshot.items?.named(name).isEmpty == false
    }

    /// Whether the books list a vendor (or other name) of this name, so an IIF file need not declare it.
    public func hasOtherName(_ name: String) -> Bool {
        !snapshot.otherNames.named(name).isEmpty
    }

    /// "Account inactive" when the books list the account only as inactive.
    public func accountProblem(_ name: String, role: String) -> Problem? {
        guard let entries = snapshot.accounts?.named(name), !entries.isEmpty,
              !entries.contains(where: \.isActive) else { return nil }
        return Problem.accountInactive(name, role: role)
    }

    /// "Tax code not mapped" when the mapped code is missing from (or inactive in) the books.
    func taxCodeProblem(_ code: String, key: String) -> Problem? {
        guard let list = snapshot.taxCodes else { return nil }
        let entries = list.named(code)
        if entries.contains(where: \.isActive) { return nil }
        return Problem.taxCodeNotInBooks(code, key: key, active: entries.isEmpty)
    }

    /// The rate the books give a sales tax item (an active entry first); nil when they list no rate for it.
    func taxItemRate(_ name: String) -> ExactDecimal? {
        let entries = (snapshot.taxCodes?.named(name) ?? []) + (snapshot.items?.named(name) ?? [])
        let rated = entries.filter { $0.ratePercent != nil }
        return (rated.first(where: \.isActive) ?? rated.first)?.ratePercent
    }

    /// "Terms not found" when the invoice's terms are missing from (or inactive in) the books.
    func termsProblem(_ terms: String) -> Problem? {
        guard let list = snapshot.terms else { return nil }
        let entries = list.named(terms)
        if entries.contains(where: \.isActive) { return nil }
        return Problem.termsNotFound(terms, active: entries.isEmpty)
    }

    /// The books' entry for an item under its Run a Call name or the cleaned
    /// name an earlier run gave it (an active entry first).
    func item(named name: String, cleaned: String) -> BookMatch {
        guard let list = snapshot.items else { return .noList }
        let entries = list.named(name) + (NameKey(cleaned) == NameKey(name) ? [] : list.named(cleaned))
        return (entries.first(where: \.isActive) ?? entries.first).map(BookMatch.found) ?? .missing
    }

    /// Every name QuickBooks already uses in the customer name space (customers, vendors, employees, other names).
    var takenCustomerNames: [String] {
        (snapshot.customers?.entries.values.flatMap { $0 } ?? []).map(\.name)
            + snapshot.otherNames.entries.values.flatMap { $0 }.map(\.name)
    }

    /// Every item name QuickBooks already uses.
    var takenItemNames: [String] {
        (snapshot.items?.entries.values.flatMap { $0 } ?? []).map(\.name)
            + (snapshot.taxCodes?.entries.values.flatMap { $0 } ?? []).map(\.name)
    }
}
