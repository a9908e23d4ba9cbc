import Foundation

/// A double-entry general ledger as QuickBooks keeps one: each transaction posts
/// debits (positive cents) and credits (negative cents) to accounts, Accounts
/// Receivable and Undeposited Funds by name, and is refused unless it balances.
/// A transaction is kept under a key so an edit replaces its postings and a void empties them.
final class StandInBooks {
    struct Posting: Hashable {
        let account: String
        let name: String?
        let cents: Int64
    }

    struct Unbalanced: Error, CustomStringConvertible {
        let key: String
        let off: Int64
        var description: String { "transaction \(key) does not balance: debits − credits = \(off) cents" }
    }

    static let receivable = "Accounts Receivable"
    static let undeposited = "Undeposited Funds"
    static let salesTax = "Sales Tax Payable"

    private(set) var transactions: [String: [Posting]] = [:]
    /// How many transactions were posted (an edit or void of one counts again), to show what a test exercised.
    private(set) var posted = 0

    /// Posts (or replaces) transaction `key`; refuses it, leaving the books as they were, unless Σ debits = Σ credits.
    func post(_ key: String, _ postings: [Posting]) throws {
        let off = postings.reduce(Int64(0)) { $0 + $1.cents }
        guard off == 0 else { throw Unbalanced(key: key, off: off) }
        transactions[key] = postings.filter { $0.cents != 0 }
        posted += 1
    }

    /// Voids transaction `key`: it stays, with nothing posted.
    func void(_ key: String) {
        transactions[key] = []
        posted += 1
    }

    /// Renames a name (a customer renamed in QuickBooks): its postings follow it.
    func rename(_ old: String, to new: String) {
        transactions = transactions.mapValues { postings in
            postings.map { $0.name == old ? Posting(account: $0.account, name: new, cents: $0.cents) : $0 }
        }
    }

    /// The postings of a transaction, if it was posted.
    func postings(_ key: String) -> [Posting]? { transactions[key] }

    /// An account's balance (debits − credits), for one name or all.
    func balance(_ account: String, name: String? = nil) -> Int64 {
        transactions.values.joined().filter { $0.account == account && (name == nil || $0.name == name) }.reduce(0) { $0 + $1.cents }
    }

    /// An account's balance per name (names with a zero balance left out).
    func balances(_ account: String) -> [String: Int64] {
        var result: [String: Int64] = [:]
        for posting in transactions.values.joined() where posting.account == account { result[posting.name ?? "", default: 0] += posting.cents }
        return result.filter { $0.value != 0 }
    }

    /// Σ every posting: zero when every transaction balanced.
    var trialBalance: Int64 { transactions.values.joined().reduce(0) { $0 + $1.cents } }
}
