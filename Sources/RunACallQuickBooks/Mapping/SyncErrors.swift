/// The sync log's errors, worded as Run a Call's help pages word them, with
/// the specifics of the record and the seed's fix.
enum SyncErrors {
    static func closedPeriod(date: CalendarDate, closing: CalendarDate, what: String = "Invoice date") -> Problem {
        Problem("Closed period: \(what) \(date) is on or before the QuickBooks closing date \(closing)",
                fix: "Either move the closing date (in QuickBooks and company.closing_date) or post to the current period, then re-run.")
    }

    /// Terms QuickBooks holds under a name a spreadsheet would evaluate: they cannot be renamed in one format only.
    static func termsLikeAFormula(_ terms: String, reason: String) -> Problem {
        Problem("Terms not writable: the invoice's terms \"\(terms)\" cannot go to QuickBooks Online CSV (\(reason))",
                fix: "Rename the terms in QuickBooks and in Run a Call so they do not start with =, +, - or @, or write without qbo-csv, then re-run.")
    }

    static func taxCodeNotMapped(rate: String) -> Problem {
        Problem("Tax code not mapped: the tax rate \"\(rate)\" has no QuickBooks tax code",
                fix: "Map it under tax.rates in rac2qb.yml (Settings → QuickBooks → Tax), or set tax.default_for_unmapped to a \"To classify\" code, then re-run.")
    }

    static func severalSalesTaxItems(_ codes: [String]) -> Problem {
        Problem("Tax code not mapped: the invoice's tax rates map to \(codes.count) different sales tax items (\(codes.joined(separator: ", "))); a QuickBooks invoice takes one",
                fix: "Create a sales tax group in QuickBooks holding these rates and map each rate to it under tax.rates, then re-run.")
    }

    /// US qbXML and QBO CSV let QuickBooks compute the tax from the item's own rate, which would not give Run a Call's tax.
    static func salesTaxRateDiffers(item: String, booksRate: ExactDecimal, computed: Money, charged: Money, chargedRate: ExactDecimal?) -> Problem {
        let rate = chargedRate.map { "\($0)%" } ?? "Run a Call's rate"
        return Problem("Sales tax rate differs: QuickBooks computes \(computed) from sales tax item \"\(item)\" at its \(booksRate)% but Run a Call charged \(charged)",
                       fix: "Set the item's rate to \(rate) in QuickBooks or map the rate to an item with that rate (tax.rates), then re-run.")
    }

    static func taxableLineWithoutRate(line: Int) -> Problem {
        Problem("Tax code not mapped: taxable line \(line) names no tax rate and the invoice has more than one",
                fix: "Set tax_rate on the line in Run a Call and export again.")
    }

    static func lineMismatch(line: Int, amount: Money, quantity: ExactDecimal, unitPrice: ExactDecimal, computed: Money) -> Problem {
        Problem("Total mismatch: line \(line) amount is \(amount) but quantity \(quantity) × unit price \(unitPrice) = \(computed)",
                fix: totalFix)
    }

    static func totalMismatch(field: String, given: Money, computed: Money, formula: String) -> Problem {
        Problem("Total mismatch: \(field) is \(given) but \(formula) = \(computed)", fix: totalFix)
    }

    static let totalFix = "Correct the invoice in Run a Call and export again: rac2qb never posts an invoice whose figures disagree with each other."

    static func docNumberTooLong(id: String, limit: Int, target: String) -> Problem {
        Problem("Doc number too long: invoice ID \"\(id)\" has \(id.count) characters; \(target) allows \(limit)",
                fix: "Set invoices.numbering: quickbooks to let QuickBooks number invoices, or shorten the invoice ID in Run a Call, then re-run.")
    }

    static func docNumberCharacters(id: String) -> Problem {
        Problem("Doc number not allowed: invoice ID \"\(id)\" holds characters QuickBooks cannot keep in a doc number (tab, line break, quote, semicolon or characters outside Latin-1)",
                fix: "Set invoices.numbering: quickbooks to let QuickBooks number invoices, or change the invoice ID in Run a Call, then re-run.")
    }

    static func currency(_ currency: String, home: String) -> Problem {
        Problem("Currency not supported: the invoice is in \(currency) and the company's home currency is \(home)",
                fix: "Set company.home_currency if the QuickBooks company uses \(currency), or enter this invoice in QuickBooks by hand.")
    }

    static func duplicateID(_ id: String, entity: String, file: String) -> Problem {
        Problem("Duplicate \(entity) ID: \"\(id)\" appears more than once in \(file) (or its rows are not consecutive)",
                fix: "Export again from Run a Call, or keep one record per ID (an invoice's CSV rows together), then re-run.")
    }
}
