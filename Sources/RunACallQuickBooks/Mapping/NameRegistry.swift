/// Hands out QuickBooks list names that are clean, within the target's length
/// limit and unique (case-insensitively), deterministically in order of use.
struct NameRegistry {
    /// Longest name every requested target accepts.
    let limit: Int
    /// Whether a QuickBooks Desktop target is written (Latin-1 names).
    let desktop: Bool
    private var taken = Set<NameKey>()

    init(limit: Int, desktop: Bool) {
        self.limit = limit
        self.desktop = desktop
    }

    /// `original` cleaned and cut to the limit: the name an earlier run gave it in QuickBooks.
    func cleaned(_ original: String) -> String {
        let base = QuickBooksText.prefix(QuickBooksText.listName(original, desktop: desktop), limit)
        return base.isEmpty ? "Unnamed" : base
    }

    /// The name `original` would get now; nothing is reserved.
    func propose(_ original: String) -> String {
        let base = cleaned(original)
        if !taken.contains(NameKey(base)) { return base }
        var counter = 2
        while true {
            let suffix = " (\(counter))"
            let candidate = QuickBooksText.prefix(base, limit - suffix.count) + suffix
            if !taken.contains(NameKey(candidate)) { return candidate }
            counter += 1
        }
    }

    /// Reserves a name.
    mutating func claim(_ name: String) { taken.insert(NameKey(name)) }

}

/// The name limits of the requested targets.
struct NameLimits {
    let customer: Int
    let item: Int
    let docNumber: Int
    let desktop: Bool

    init(formats: [OutputFormat]) {
        desktop = formats.contains { $0.isDesktop }
        customer = desktop ? 41 : 100
        item = desktop ? 31 : 100
        docNumber = desktop ? 11 : 21
    }

    /// Which target sets the doc number limit, for messages.
    var docNumberTarget: String { desktop ? "QuickBooks Desktop (IIF and qbXML)" : "QuickBooks Online" }
}
