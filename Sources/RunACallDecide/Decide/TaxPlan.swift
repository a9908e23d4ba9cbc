import RunACallSupport
import RunACallRead

/// How an invoice's tax is written: US editions carry one sales tax item and
/// a taxable flag per line; other editions a tax code (and its tax) on every
/// taxable line.
public struct TaxPlan: Sendable {
    /// US: the invoice's sales tax.
    var salesTax: QBSalesTax?
    /// Non-US: each line's tax code (nil for an untaxed line).
    var lineCodes: [String?]
    /// Non-US: the tax on each line, the invoice's tax lines spread over their lines.
    var lineTaxes: [Money?]

    /// The rates the invoice names (tax lines, taxable lines) that `tax.rates` does not map, each once, in order.
    static func unmappedRates(of invoice: Invoice, configuration: Configuration) -> [String] {
        let named = invoice.taxLines.map(\.name) + invoice.lines.compactMap { $0.taxable ? $0.taxRate : nil }
        var seen = Set<NameKey>()
        return named.filter { configuration.taxCode(forRate: $0) == nil && seen.insert(NameKey($0)).inserted }
    }

    init(invoice: Invoice, configuration: Configuration, books: BooksRules, warnings: inout [String]) throws {
        var codes: [NameKey: String] = [:]
        func code(for rate: String) throws -> String {
            if let known = codes[NameKey(rate)] { return known }
            let mapped: String
            if let direct = configuration.taxCode(forRate: rate) {
                mapped = direct
            } else if let fallback = configuration.tax.defaultForUnmapped {
                mapped = fallback
                warnings.append("Tax rate \"\(rate)\" is not mapped: used tax.default_for_unmapped \"\(fallback)\"")
            } else {
                throw Problem.taxCodeNotMapped(rate: rate)
            }
            codes[NameKey(rate)] = mapped
            return mapped
        }
        let taxLineCodes = try invoice.taxLines.map { try code(for: $0.name) }
        let lineRateCodes = try invoice.lines.map { line in try line.taxable ? line.taxRate.map(code(for:)) : nil }
        let taxTotal = invoice.taxLines.reduce(Money.zero) { $0 + $1.amount }

        if configuration.company.edition == .us {
            var distinct: [String] = []
            for candidate in taxLineCodes + lineRateCodes.compactMap({ $0 })
            where !distinct.contains(where: { NameKey($0) == NameKey(candidate) }) {
                distinct.append(candidate)
            }
            if distinct.count > 1 { throw Problem.severalSalesTaxItems(distinct) }
            let rate = invoice.taxLines.count == 1 ? invoice.taxLines[0].ratePercent : nil
            let taxable = invoice.lines.filter(\.taxable).reduce(Money.zero) { $0 + $1.amount }
            var tax = QBSalesTax(item: distinct.first, ratePercent: rate, amount: taxTotal, taxableAmount: taxable,
                                 booksRatePercent: distinct.first.flatMap(books.taxItemRate))
            if invoice.status != .void {
                try Self.checkQuickBooksComputes(&tax, safetyNet: configuration.tax.defaultForUnmapped,
                                                 formats: configuration.output.formats, warnings: &warnings)
            }
            salesTax = tax
            lineCodes = Array(repeating: nil, count: invoice.lines.count)
            lineTaxes = Array(repeating: nil, count: invoice.lines.count)
            return
        }

        var lineCodes: [String?] = []
        for (position, line) in invoice.lines.enumerated() {
            guard line.taxable else { lineCodes.append(nil); continue }
            if let rateCode = lineRateCodes[position] { lineCodes.append(rateCode); continue }
            guard taxLineCodes.count == 1 else { throw Problem.taxableLineWithoutRate(line: position + 1) }
            lineCodes.append(taxLineCodes[0])
        }
        var lineTaxes: [Money?] = lineCodes.map { $0 == nil ? nil : .zero }
        for (taxLine, taxCode) in zip(invoice.taxLines, taxLineCodes) {
            var targets = invoice.lines.indices.filter { invoice.lines[$0].taxable && invoice.lines[$0].taxRate.map(NameKey.init) == NameKey(taxLine.name) }
            if targets.isEmpty { targets = invoice.lines.indices.filter { lineCodes[$0].map(NameKey.init) == NameKey(taxCode) } }
            if targets.isEmpty { targets = invoice.lines.indices.filter { invoice.lines[$0].taxable } }
            guard !targets.isEmpty else {
                throw Problem.taxWithoutTaxableLine(name: taxLine.name, amount: taxLine.amount)
            }
            for (target, share) in zip(targets, Self.spread(taxLine.amount, over: targets.map { invoice.lines[$0].amount })) {
                lineTaxes[target] = (lineTaxes[target] ?? .zero) + share
                if lineCodes[target] == nil { lineCodes[target] = taxCode }
            }
        }
        self.salesTax = nil
        self.lineCodes = lineCodes
        self.lineTaxes = lineTaxes
    }

    /// The formats in which QuickBooks computes US sales tax from the item's own rate (IIF carries the amount).
    public static func computingFormats(_ formats: [OutputFormat]) -> [OutputFormat] {
        formats.having { $0.salesTax != .carriesAmount }
    }

    /// The first format that writes the exact tax as its own line where the item's rate would not give it (qbXML).
    public static func exactLineFormat(_ formats: [OutputFormat]) -> OutputFormat? {
        formats.first { $0.profile.salesTax == .computedOrExactLine }
    }

    /// The first format that can only leave QuickBooks to compute the tax (QBO CSV).
    public static func computedOnlyFormat(_ formats: [OutputFormat]) -> OutputFormat? {
        formats.first { $0.profile.salesTax == .computedOnly }
    }

    /// Where QuickBooks would compute the tax from the item's own rate: keeps that plain form when the books'
    /// rate gives Run a Call's tax; fails when a mapped item's rate would not; in qbXML writes the exact form
    /// (`asTaxLine`) when the rate is unknown or is the `safetyNet` item's and would not give it (only then
    /// can every format carry the exact tax: QBO CSV cannot), and warns where QBO CSV computes at an unknown rate.
    private static func checkQuickBooksComputes(_ tax: inout QBSalesTax, safetyNet: String?, formats: [OutputFormat],
                                                warnings: inout [String]) throws {
        guard !computingFormats(formats).isEmpty, let item = tax.item else { return }
        let exactLine = exactLineFormat(formats), computedOnly = computedOnlyFormat(formats)
        if let computed = tax.quickBooksComputes, let booksRate = tax.booksRatePercent {
            guard computed != tax.amount else { return }
            let isSafetyNet = safetyNet.map { NameKey($0) == NameKey(item) } ?? false
            guard isSafetyNet, let exactLine, computedOnly == nil else {
                throw Problem.salesTaxRateDiffers(item: item, booksRate: booksRate, computed: computed, charged: tax.amount,
                                                     chargedRate: tax.chargedRatePercent)
            }
            tax.asTaxLine = true
            warnings.append(taxLineWarning(tax, item: item, format: exactLine, reason: "its \(booksRate)% in the books would give \(computed)",
                                           fix: "map the rate to a sales tax item at Run a Call's rate (tax.rates)"))
            return
        }
        guard tax.amount != .zero || tax.taxableAmount != .zero else { return }
        if let exactLine {
            tax.asTaxLine = true
            warnings.append(taxLineWarning(tax, item: item, format: exactLine, reason: "the books give no rate for it",
                                           fix: "list the item with its rate in books.tax_codes"))
        }
        guard let computedOnly else { return }
        let assumed = tax.chargedRatePercent.map { " only if its rate is \($0)%" } ?? ""
        warnings.append("\(computedOnly.displayName): QuickBooks computes the sales tax itself from item \"\(item)\", "
            + "whose rate the books do not give: Run a Call's tax \(tax.amount) holds\(assumed)")
    }

    /// The row's word on the exact form: what was written, why, and what it costs.
    private static func taxLineWarning(_ tax: QBSalesTax, item: String, format: OutputFormat, reason: String, fix: String) -> String {
        let written = tax.amount == .zero
            ? "no sales tax line (Run a Call charged none)"
            : "Run a Call's tax \(tax.amount) as its own line on sales tax item \"\(item)\""
        return "\(format.displayName): \(written) and every other line non-taxable, so QuickBooks adds no tax of its own "
            + "(item \"\(item)\": \(reason)); QuickBooks' sales tax reports count this invoice's sales as non-taxable: "
            + "\(fix) to write taxable lines"
    }

    /// Splits `amount` in proportion to `weights`, to the cent, the remainder on the last share.
    static func spread(_ amount: Money, over weights: [Money]) -> [Money] {
        let total = weights.reduce(Int128(0)) { $0 + Int128($1.cents) }
        guard total != 0 else {
            return weights.indices.map { $0 == weights.count - 1 ? amount : .zero }
        }
        var shares = weights.map { Money(cents: Int64(Int128(amount.cents) * Int128($0.cents) / total)) }
        let remainder = amount - shares.reduce(.zero, +)
        shares[shares.count - 1] = shares[shares.count - 1] + remainder
        return shares
    }
}
