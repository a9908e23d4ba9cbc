/// What the payments of this export need of each of its invoices (`InvoiceFact`, and QuickBooks' TxnID
/// when an earlier batch wrote it and its response was ingested), recorded as the invoices are decided and
/// looked up as the payments are, and what the payments applied to each so far. The entries are on disk,
/// in a scratch database SQLite deletes when the run ends, so that memory does not grow with the export;
/// customer names and reasons are numbers in the run's `InternedTexts` (bounded by distinct customers and reasons).
final class InvoiceFacts {
    private let database: SQLiteDatabase
    private let texts: InternedTexts

    private enum Kind: Int64 { case written, skipped, notWritable, exported, failed }

    init(texts: InternedTexts) throws {
        self.texts = texts
        database = try SQLiteDatabase(scratch: "invoice facts")
        try database.execute("""
            CREATE TABLE fact(id TEXT PRIMARY KEY, kind INTEGER NOT NULL, text INTEGER NOT NULL, total INTEGER NOT NULL,
                              ref_is_id INTEGER NOT NULL, error TEXT, txn_id TEXT) WITHOUT ROWID;
            CREATE TABLE applied(invoice_id TEXT PRIMARY KEY, cents INTEGER NOT NULL) WITHOUT ROWID;
            BEGIN
            """)
    }

    /// Records what became of invoice `id` (a later record of the same ID replaces it).
    func record(_ fact: InvoiceFact, txnID: String?, for id: String) throws {
        let (kind, text, total, refNumberIsID, error): (Kind, String, Money, Bool, SyncError?) = switch fact {
        case .written(let customer, let refNumber, let total): (.written, customer, total, refNumber == id, nil)
        case .exported(let customer, let refNumber, let total): (.exported, customer, total, refNumber == id, nil)
        case .skipped(let reason): (.skipped, reason, .zero, false, nil)
        case .notWritable(let reason): (.notWritable, reason, .zero, false, nil)
        case .failed(let error): (.failed, "", .zero, false, error)
        }
        try database.run("INSERT OR REPLACE INTO fact(id, kind, text, total, ref_is_id, error, txn_id) VALUES (?, ?, ?, ?, ?, ?, ?)",
                         [.text(id), .integer(kind.rawValue), .integer(Int64(texts.number(of: text))), .integer(total.cents),
                          .integer(refNumberIsID ? 1 : 0), .text(error?.rawValue), .text(txnID)])
    }

    /// What became of invoice `id` and its TxnID, when this export holds it.
    func lookup(_ id: String) throws -> (fact: InvoiceFact, txnID: String?)? {
        var found: (fact: InvoiceFact, txnID: String?)?
        try database.query("SELECT kind, text, total, ref_is_id, error, txn_id FROM fact WHERE id = ?", [.text(id)]) { row in
            let text = texts.text(Int(row.integer(1)))
            let total = Money(cents: row.integer(2))
            let refNumber = row.integer(3) == 1 ? id : nil
            let fact: InvoiceFact = switch Kind(rawValue: row.integer(0)) {
            case .written: .written(customer: text, refNumber: refNumber, total: total)
            case .exported: .exported(customer: text, refNumber: refNumber, total: total)
            case .skipped: .skipped(text)
            case .failed: row.text(4).flatMap(SyncError.init(rawValue:)).map(InvoiceFact.failed) ?? .notWritable(text)
            case .notWritable, nil: .notWritable(text)
            }
            found = (fact, row.text(5))
        }
        return found
    }

    /// Σ payments − refunds the payment rules accepted for invoice `id` in this pass, nil before the first.
    func applied(to id: String) throws -> Money? {
        try database.integer("SELECT cents FROM applied WHERE invoice_id = ?", [.text(id)]).map(Money.init(cents:))
    }

    func setApplied(_ amount: Money, to id: String) throws {
        try database.run("INSERT OR REPLACE INTO applied(invoice_id, cents) VALUES (?, ?)", [.text(id), .integer(amount.cents)])
    }

    /// Starts a pass over the payments again from nothing applied.
    func forgetApplied() throws { try database.run("DELETE FROM applied") }
}
