import Foundation

/// The settings of "QBO → Run a Call" (config.md), as one run applies them.
struct FromQuickBooksSettings: Sendable {
    var customersFromQuickBooks = false
    var syncUpdates = true
    var itemsFromQuickBooks = false
    /// Pricebook category → income account ("Map by category"): an item on one of these accounts gets its category.
    var categoryIncomeAccounts: [(category: String, account: String)] = []

    init(_ configuration: Configuration) {
        customersFromQuickBooks = configuration.customers.fromQuickBooks
        syncUpdates = configuration.customers.syncUpdates
        itemsFromQuickBooks = configuration.items.fromQuickBooks
        categoryIncomeAccounts = configuration.items.categoryIncomeAccounts
    }
}

/// What Run a Call is known to have of one QuickBooks entry, looked up before it is decided.
struct EntryFacts {
    /// The latest `from-quickbooks` sighting of it.
    var sighting: QuickBooksSighting?
    /// `convert`'s latest record of it (by ListID or QuickBooks name).
    var exported: LedgerEntry?
    /// The `--export`'s record of it.
    var exportCustomer: Customer?
    var exportItem: PricebookItem?
    /// Where the same QuickBooks entry was met earlier in this run's lists, if it was.
    var earlierInRun: String?
}

/// The decision on one entry: its report row's status and words, what goes into
/// the Run a Call files, and what the ledger must remember.
struct EntryDecision {
    var status: RowStatus
    var message: String
    var fix = ""
    /// The catalogue's code of a failed entry's error.
    var error: SyncError?
    var warning = ""
    var newCustomer: Customer?
    var newItem: PricebookItem?
    var updates: [CustomerUpdate] = []
    /// What the ledger records of what this run saw and sent.
    var sighting: QuickBooksSighting?
    /// What Run a Call holds once it imports the files, as `convert` reads it (so a QuickBooks change is not pushed back).
    var runACallRecord: LedgerEntry?

    static func skipped(_ message: String) -> EntryDecision { EntryDecision(status: .skipped, message: message) }

    static func failed(_ problem: Problem) -> EntryDecision {
        EntryDecision(status: .failed, message: problem.message, fix: problem.fix, error: problem.code)
    }

    /// Where the row's record went.
    var targets: [OutputTarget] {
        (newCustomer == nil ? [] : [RunACallFiles.customersTarget]) + (newItem == nil ? [] : [RunACallFiles.itemsTarget])
            + (updates.isEmpty ? [] : [RunACallFiles.updatesTarget])
    }
}

/// What no entry escapes, whatever its list: a field that could not be read, no name, inactive, met before in this run.
enum EntryRules {
    static func common(_ entry: QuickBooksListEntry, facts: EntryFacts, noun: String) -> EntryDecision? {
        if !entry.problems.isEmpty {
            return .failed(.unreadableEntry(entry.list.entity, location: entry.location.description, file: entry.location.file, problems: entry.problems))
        }
        if entry.name.trimmingCharacters(in: .whitespaces).isEmpty { return .skipped("No name: a QuickBooks \(noun) without a name is never sent") }
        if !entry.isActive { return .skipped("Inactive in QuickBooks: never sent") }
        if let earlier = facts.earlierInRun { return .skipped("Same QuickBooks \(noun) as \(earlier): already decided in this run") }
        return nil
    }
}
