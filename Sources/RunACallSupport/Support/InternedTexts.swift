/// Texts stored once each and referred to by number: the customers' QuickBooks names (and the few reasons
/// a scratch database records). One is shared by the run's tables that name customers (the customers already
/// in the run, the invoices' facts, the payouts' lines, the balances), so that each of a quarter of a million
/// names is kept once, not once a table. Packed (`PackedTable`), beyond 256 KiB the older texts on disk;
/// numbers from 0 in the order first given.
/// Not thread-safe: the run's apply step, on one thread, owns it.
public final class InternedTexts {
    private var table = PackedTable(spillingBeyond: 1 << 18)

    public init() {}

    /// How many texts hold a number.
    public var count: Int { table.count }

    /// The number of `text`, given it the first time.
    public func number(of text: String) -> Int { table.intern(text.utf8) }

    /// The number of `text`, nil when it was never given one.
    public func existingNumber(of text: String) -> Int? { table.index(of: text.utf8) }

    /// The text numbered `number`.
    public func text(_ number: Int) -> String { String(decoding: table.key(at: number), as: UTF8.self) }
}
