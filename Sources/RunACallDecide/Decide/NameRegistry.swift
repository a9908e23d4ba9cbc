import RunACallSupport

/// Hands out QuickBooks list names that are clean, within the target's length
/// limit and unique (case-insensitively), deterministically in order of use.
/// A name is decided here once, and every format and the ledger use it as it is.
struct NameRegistry {
    /// Longest name every requested target accepts.
    let limit: Int
    /// Whether a QuickBooks Desktop target is written (Latin-1 names).
    let desktop: Bool
    /// Whether QuickBooks Online CSV is written, so a name must not read as a spreadsheet formula.
    let formulaSafe: Bool
    /// The name keys handed out or claimed, packed (a customer list grows to a quarter of a million names);
    /// beyond 256 KiB, the older ones on disk.
    private var taken = PackedTable(spillingBeyond: 1 << 18)

    init(limit: Int, desktop: Bool, formulaSafe: Bool) {
        self.limit = limit
        self.desktop = desktop
        self.formulaSafe = formulaSafe
    }

    /// `original` cleaned and cut to the limit: the name an earlier run gave it in QuickBooks.
    func cleaned(_ original: String) -> String {
        var base = QuickBooksText.listName(original, desktop: desktop)
        if formulaSafe { base = QuickBooksText.formulaSafe(base) }
        base = QuickBooksText.prefix(base, limit)
        return base.isEmpty ? "Unnamed" : base
    }

    /// Why `original` is renamed, when the formula rule renamed it.
    func formulaReason(_ original: String) -> String? {
        formulaSafe ? QuickBooksText.formulaReason(QuickBooksText.listName(original, desktop: desktop)) : nil
    }

    /// The name `original` would get now; nothing is reserved.
    func propose(_ original: String) -> String {
        let base = cleaned(original)
        if !taken.contains(NameKey(base).value.utf8) { return base }
        var counter = 2
        while true {
            let suffix = " (\(counter))"
            let candidate = QuickBooksText.prefix(base, limit - suffix.count) + suffix
            if !taken.contains(NameKey(candidate).value.utf8) { return candidate }
            counter += 1
        }
    }

    /// Reserves a name.
    mutating func claim(_ name: String) { taken.set(NameKey(name).value.utf8, value: EmptyCollection()) }

}

/// The name limits of the requested targets.
public struct NameLimits: Sendable {
    let customer: Int
    let item: Int
    let docNumber: Int
    let desktop: Bool
    /// QuickBooks Online CSV is written: names must not read as spreadsheet formulas (a doc number is guarded in its cell alone).
    let formulaSafe: Bool
    /// The formats written, whose strictest text limits apply (`FieldLimits`).
    let formats: [OutputFormat]

    public init(formats: [OutputFormat]) {
        self.formats = formats
        desktop = formats.contains { $0.isDesktop }
        formulaSafe = formats.any(\.guardsFormulas)
        customer = desktop ? 41 : 100
        item = desktop ? 31 : 100
        docNumber = desktop ? 11 : 21
    }

    /// Which target sets the doc number limit, for messages.
    var docNumberTarget: String { desktop ? "QuickBooks Desktop (IIF and qbXML)" : "QuickBooks Online" }
}
