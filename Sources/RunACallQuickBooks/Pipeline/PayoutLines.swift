/// The payments and refunds this export gives each payout, and the deposit lines of those the run wrote,
/// in payment order: on disk, in a scratch database SQLite deletes when the run ends, so that memory does not
/// grow with the export (customer names are numbers in the run's `InternedTexts`).
final class PayoutLines {
    private let database: SQLiteDatabase
    private let customers: InternedTexts
    /// The last line's position.
    private var position: Int64 = 0

    init(customers: InternedTexts) throws {
        self.customers = customers
        database = try SQLiteDatabase(scratch: "payout lines")
        try database.execute("""
            CREATE TABLE member(payout_id TEXT NOT NULL, source_id TEXT NOT NULL, PRIMARY KEY(payout_id, source_id)) WITHOUT ROWID;
            CREATE TABLE line(payout_id TEXT NOT NULL, position INTEGER NOT NULL, refund INTEGER NOT NULL, source_id TEXT NOT NULL,
                              customer INTEGER NOT NULL, cents INTEGER NOT NULL, PRIMARY KEY(payout_id, position)) WITHOUT ROWID;
            BEGIN
            """)
    }

    /// Notes that the export's payment or refund `sourceID` names payout `payoutID`.
    func add(_ sourceID: String, toPayout payoutID: String) throws {
        try database.run("INSERT OR IGNORE INTO member(payout_id, source_id) VALUES (?, ?)", [.text(payoutID), .text(sourceID)])
    }

    /// Whether the export's payments or refunds name `sourceID` as one of payout `payoutID`'s.
    func holds(_ sourceID: String, payout payoutID: String) throws -> Bool {
        try database.integer("SELECT 1 FROM member WHERE payout_id = ? AND source_id = ?", [.text(payoutID), .text(sourceID)]) != nil
    }

    /// Appends the deposit line of a payment or refund the run wrote to payout `payoutID`'s (fee lines are the payout's own).
    func append(_ line: QBDepositLine, toPayout payoutID: String) throws {
        let (refund, sourceID, customer, amount): (Bool, String, String, Money)
        switch line {
        case .payment(let id, let name, let value, _): (refund, sourceID, customer, amount) = (false, id, name, value)
        case .refund(let id, let name, let value): (refund, sourceID, customer, amount) = (true, id, name, value)
        case .fee: return
        }
        position += 1
        try database.run("INSERT INTO line(payout_id, position, refund, source_id, customer, cents) VALUES (?, ?, ?, ?, ?, ?)",
                         [.text(payoutID), .integer(position), .integer(refund ? 1 : 0), .text(sourceID),
                          .integer(Int64(customers.number(of: customer))), .integer(amount.cents)])
    }

    /// Payout `payoutID`'s deposit lines of the run's payments and refunds, in the order they were appended.
    func lines(ofPayout payoutID: String) throws -> [QBDepositLine] {
        var lines: [QBDepositLine] = []
        try database.query("SELECT refund, source_id, customer, cents FROM line WHERE payout_id = ? ORDER BY position", [.text(payoutID)]) { row in
            let sourceID = row.text(1) ?? ""
            let customer = customers.text(Int(row.integer(2)))
            let amount = Money(cents: row.integer(3))
            lines.append(row.integer(0) == 1 ? .refund(sourceID: sourceID, customer: customer, amount: amount)
                : .payment(sourceID: sourceID, customer: customer, amount: amount))
        }
        return lines
    }
}
