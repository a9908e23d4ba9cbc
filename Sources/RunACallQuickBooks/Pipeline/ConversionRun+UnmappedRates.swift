/// The tax rates the export uses that `tax.rates` does not map, said once in the summary with their
/// counts and where to map them (each invoice's row says it too): on the safety net, or failed without one.
extension ConversionRun {
    /// Counts an invoice's unmapped rates.
    func countUnmappedRates(_ rates: [String]) {
        for rate in rates { unmappedRates.add(rate) }
    }

    /// The summary note, when some rate was not mapped.
    func noteUnmappedRates() {
        guard !unmappedRates.rates.isEmpty else { return }
        let list = unmappedRates.rates.map { "\"\($0.name)\" (\($0.invoices) invoice\($0.invoices == 1 ? "" : "s"))" }.joined(separator: ", ")
        let place = configuration.file.map { "under tax.rates in \(DisplayPath.of($0))" }
            ?? "under tax.rates in a config file (rac2qb init --from EXPORT writes one listing them)"
        let note = if let safetyNet = configuration.tax.defaultForUnmapped {
            "tax rates not mapped: \(list) posted to the safety net \"\(safetyNet)\" (tax.default_for_unmapped); "
                + "map each to its QuickBooks sales tax item or tax code \(place)"
        } else {
            "tax rates not mapped: \(list) failed (\"Tax code not mapped\") with no safety net (tax.default_for_unmapped "
                + "not set); map each to its QuickBooks sales tax item or tax code \(place), then re-run"
        }
        log.recordMoney { $0.notes.append(note) }
    }
}

/// Rates by name (case-insensitive, as `tax.rates` matches them) with the invoices naming each; bounded by distinct rates.
struct UnmappedRateTally {
    private(set) var rates: [(name: String, invoices: Int)] = []
    private var index: [NameKey: Int] = [:]

    mutating func add(_ rate: String) {
        let key = NameKey(rate)
        if let position = index[key] { rates[position].invoices += 1; return }
        index[key] = rates.count
        rates.append((rate, 1))
    }
}
