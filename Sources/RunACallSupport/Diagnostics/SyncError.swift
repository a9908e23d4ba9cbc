/// Every error a record can fail with, in one place: its code, its title (the
/// short error Run a Call's sync log shows, which starts the report's
/// `message`) and, in the `Problem` factories below, its specifics and its fix.
///
/// The seed's five common errors come first. The code never reaches a report
/// column (outputs.md has none for it); the report groups failures by it.
public enum SyncError: String, CaseIterable, Sendable {
    case customerNotFound
    case taxCodeNotMapped
    case itemNotFound
    case closedPeriod
    case accountInactive
    case customerInactive
    case termsNotFound
    case termsNotWritable
    case salesTaxRateDiffers
    case totalMismatch
    case docNumberTooLong
    case docNumberNotAllowed
    case currencyNotSupported
    case duplicateInvoiceID
    case duplicatePaymentID
    case duplicateRefundID
    case duplicatePayoutID
    case invalidRecord
    case textNotUTF8
    case spreadsheetDate
    case invoiceNotFound
    case invoiceNotWritten
    case invoiceInEarlierBatch
    case paymentsNotWritten
    case overpayment
    case refundExceedsPayments
    case payoutDoesNotAddUp
    case payoutNotWritten
    case payoutNotWrittenYet
    case editedAfterPayment
    case editedAndPaid
    case notUpdated
    case unreadableCustomer
    case unreadableItem
    case conflict

    /// Whether a source record failing with it could not be read at all (its money is counted only where
    /// its status and total cells read, and the run never says its totals reconcile).
    public var isUnreadableRecord: Bool {
        switch self {
        case .invalidRecord, .textNotUTF8, .spreadsheetDate: true
        default: false
        }
    }

    /// The short error that starts the message (`Tax code not mapped`).
    public var title: String {
        switch self {
        case .customerNotFound: "Customer not found"
        case .taxCodeNotMapped: "Tax code not mapped"
        case .itemNotFound: "Item not found"
        case .closedPeriod: "Closed period"
        case .accountInactive: "Account inactive"
        case .customerInactive: "Customer inactive"
        case .termsNotFound: "Terms not found"
        case .termsNotWritable: "Terms not writable"
        case .salesTaxRateDiffers: "Sales tax rate differs"
        case .totalMismatch: "Total mismatch"
        case .docNumberTooLong: "Doc number too long"
        case .docNumberNotAllowed: "Doc number not allowed"
        case .currencyNotSupported: "Currency not supported"
        case .duplicateInvoiceID: "Duplicate invoice ID"
        case .duplicatePaymentID: "Duplicate payment ID"
        case .duplicateRefundID: "Duplicate refund ID"
        case .duplicatePayoutID: "Duplicate payout ID"
        case .invalidRecord: "Invalid record"
        case .textNotUTF8: "Text not UTF-8"
        case .spreadsheetDate: "Date as a spreadsheet writes it"
        case .invoiceNotFound: "Invoice not found"
        case .invoiceNotWritten: "Invoice not written"
        case .invoiceInEarlierBatch: "Invoice in an earlier batch"
        case .paymentsNotWritten: "Payments not written"
        case .overpayment: "Overpayment"
        case .refundExceedsPayments: "Refund exceeds payments"
        case .payoutDoesNotAddUp: "Payout does not add up"
        case .payoutNotWritten: "Payout not written"
        case .payoutNotWrittenYet: "Payout not written yet"
        case .editedAfterPayment: "Edited after payment"
        case .editedAndPaid: "Edited and paid"
        case .notUpdated: "Not updated"
        case .unreadableCustomer: "Unreadable customer"
        case .unreadableItem: "Unreadable item"
        case .conflict: "Conflict"
        }
    }
}

// MARK: - The seed's five

extension Problem {
    public static func customerNotFound(_ name: String, email: String?) -> Problem {
        Problem(.customerNotFound, "\"\(name)\"\(email.map { " (\($0))" } ?? "") is not in the QuickBooks customer list and customers.create_in_quickbooks is off",
                fix: "Create the customer in QuickBooks with the same name and email, or set customers.create_in_quickbooks: true so the sync recreates them, then re-run.")
    }

    public static func taxCodeNotMapped(rate: String) -> Problem {
        Problem(.taxCodeNotMapped, "the tax rate \"\(rate)\" has no QuickBooks tax code",
                fix: "Map it under tax.rates in rac2qb.yml (Settings → QuickBooks → Tax), or set tax.default_for_unmapped to a \"To classify\" code, then re-run.")
    }

    public static func severalSalesTaxItems(_ codes: [String]) -> Problem {
        Problem(.taxCodeNotMapped, "the invoice's tax rates map to \(codes.count) different sales tax items (\(codes.joined(separator: ", "))); a QuickBooks invoice takes one",
                fix: "Create a sales tax group in QuickBooks holding these rates and map each rate to it under tax.rates, then re-run.")
    }

    public static func taxableLineWithoutRate(line: Int) -> Problem {
        Problem(.taxCodeNotMapped, "taxable line \(line) names no tax rate and the invoice has more than one",
                fix: "Set tax_rate on the line in Run a Call and export again.")
    }

    public static func taxWithoutTaxableLine(name: String, amount: Money) -> Problem {
        Problem(.taxCodeNotMapped, "tax \"\(name)\" of \(amount) but no taxable line to carry it",
                fix: "Mark the taxed lines taxable in Run a Call and export again.")
    }

    /// qbXML holds a line's sales tax code in at most 3 characters.
    public static func taxCodeTooLongForQBXML(_ code: String) -> Problem {
        Problem(.taxCodeNotMapped, "\"\(code)\" is longer than the 3 characters qbXML allows for a sales tax code",
                fix: "Map the rate under tax.rates to the QuickBooks tax code's short name (at most 3 characters), then re-run.")
    }

    /// QuickBooks Desktop holds an item's name, a sales tax item's too, in at most `limit` (31) characters.
    public static func salesTaxItemTooLongForDesktop(_ item: String, limit: Int) -> Problem {
        Problem(.taxCodeNotMapped, "sales tax item \"\(item)\" is longer than the \(limit) characters QuickBooks Desktop holds in an item name "
                + "(IIF and qbXML would name another item)",
                fix: "Map the rate under tax.rates (or tax.default_for_unmapped) to the sales tax item's name in QuickBooks Desktop, "
                + "at most \(limit) characters, then re-run.")
    }

    /// `key` is the config key the code comes from (`tax.rates` or `tax.default_for_unmapped`).
    public static func taxCodeNotInBooks(_ code: String, key: String, active: Bool) -> Problem {
        active
            ? Problem(.taxCodeNotMapped, "\(key) maps to \"\(code)\", which is not in the QuickBooks tax codes",
                      fix: "Create the tax code \"\(code)\" in QuickBooks, or change \(key) to a code that exists, then re-run.")
            : Problem(.taxCodeNotMapped, "\(key) maps to \"\(code)\", which is marked inactive in QuickBooks",
                      fix: "Reactivate the tax code \"\(code)\" in QuickBooks, or change \(key) to an active code, then re-run.")
    }

    public static func itemNotFound(_ name: String) -> Problem {
        Problem(.itemNotFound, "\"\(name)\" is not in the QuickBooks item list and items.create_in_quickbooks is off",
                fix: "Create the item in QuickBooks with the same name (\"\(name)\") and re-run, or set items.create_in_quickbooks: true.")
    }

    public static func itemInactive(_ name: String) -> Problem {
        Problem(.itemNotFound, "\"\(name)\" is marked inactive in QuickBooks",
                fix: "Reactivate the item \"\(name)\" in QuickBooks (Item List → Include inactive → Make active), then re-run.")
    }

    public static func closedPeriod(date: CalendarDate, closing: CalendarDate, what: String = "Invoice date") -> Problem {
        Problem(.closedPeriod, "\(what) \(date) is on or before the QuickBooks closing date \(closing)",
                fix: "Either move the closing date (in QuickBooks and company.closing_date) or post to the current period, then re-run.")
    }

    public static func accountInactive(_ account: String, role: String) -> Problem {
        Problem(.accountInactive, "the \(role) account \"\(account)\" is marked inactive in QuickBooks",
                fix: "Reactivate it in QuickBooks (Chart of Accounts → Include inactive → Make account active), or point the config at an active account, then re-run.")
    }
}

// MARK: - What the books hold

extension Problem {
    public static func customerInactive(_ name: String) -> Problem {
        Problem(.customerInactive, "\"\(name)\" is marked inactive in QuickBooks",
                fix: "Reactivate the customer in QuickBooks (Customer Center → View: All customers → Make active), then re-run.")
    }

    public static func termsNotFound(_ terms: String, active: Bool) -> Problem {
        active
            ? Problem(.termsNotFound, "the invoice's terms \"\(terms)\" are not in the QuickBooks terms list",
                      fix: "Create the terms \"\(terms)\" in QuickBooks (Lists → Customer & Vendor Profile Lists → Terms), or change the invoice's terms in Run a Call, then re-run.")
            : Problem(.termsNotFound, "the invoice's terms \"\(terms)\" are marked inactive in QuickBooks",
                      fix: "Reactivate the terms \"\(terms)\" in QuickBooks, or change the invoice's terms in Run a Call, then re-run.")
    }

    /// Terms QuickBooks holds under a name a spreadsheet would evaluate: they cannot be renamed in one format only.
    public static func termsLikeAFormula(_ terms: String, reason: String) -> Problem {
        Problem(.termsNotWritable, "the invoice's terms \"\(terms)\" cannot go to QuickBooks Online CSV (\(reason))",
                fix: "Rename the terms in QuickBooks and in Run a Call so they do not start with =, +, - or @, or write without qbo-csv, then re-run.")
    }

    /// US qbXML and QBO CSV let QuickBooks compute the tax from the item's own rate, which would not give Run a Call's tax.
    public static func salesTaxRateDiffers(item: String, booksRate: ExactDecimal, computed: Money, charged: Money, chargedRate: ExactDecimal?) -> Problem {
        let rate = chargedRate.map { "\($0)%" } ?? "Run a Call's rate"
        return Problem(.salesTaxRateDiffers, "QuickBooks computes \(computed) from sales tax item \"\(item)\" at its \(booksRate)% but Run a Call charged \(charged)",
                       fix: "Set the item's rate to \(rate) in QuickBooks or map the rate to an item with that rate (tax.rates), then re-run.")
    }
}

// MARK: - The invoice itself

extension Problem {
    public static func lineMismatch(line: Int, amount: Money, quantity: ExactDecimal, unitPrice: ExactDecimal, computed: Money) -> Problem {
        Problem(.totalMismatch, "line \(line) amount is \(amount) but quantity \(quantity) × unit price \(unitPrice) = \(computed)",
                fix: totalFix)
    }

    public static func totalMismatch(field: String, given: Money, computed: Money, formula: String) -> Problem {
        Problem(.totalMismatch, "\(field) is \(given) but \(formula) = \(computed)", fix: totalFix)
    }

    private static let totalFix = "Correct the invoice in Run a Call and export again: rac2qb never posts an invoice whose figures disagree with each other."

    public static func docNumberTooLong(id: String, limit: Int, target: String) -> Problem {
        Problem(.docNumberTooLong, "invoice ID \"\(id)\" has \(id.count) characters; \(target) allows \(limit)",
                fix: "Set invoices.numbering: quickbooks to let QuickBooks number invoices, or shorten the invoice ID in Run a Call, then re-run.")
    }

    public static func docNumberCharacters(id: String) -> Problem {
        Problem(.docNumberNotAllowed, "invoice ID \"\(id)\" holds characters QuickBooks cannot keep in a doc number (tab, line break, quote, semicolon or characters outside Latin-1)",
                fix: "Set invoices.numbering: quickbooks to let QuickBooks number invoices, or change the invoice ID in Run a Call, then re-run.")
    }

    public static func currency(_ currency: String, home: String) -> Problem {
        Problem(.currencyNotSupported, "the invoice is in \(currency) and the company's home currency is \(home)",
                fix: "Set company.home_currency if the QuickBooks company uses \(currency), or enter this invoice in QuickBooks by hand.")
    }

    /// An invoice, payment or refund ID met twice in `file`.
    public static func duplicateID(_ id: String, entity: EntityType, file: String) -> Problem {
        let code: SyncError = switch entity {
        case .payment: .duplicatePaymentID
        case .refund: .duplicateRefundID
        default: .duplicateInvoiceID
        }
        return Problem(code, "\"\(id)\" appears more than once in \(file) (or its rows are not consecutive)",
                       fix: "Export again from Run a Call, or keep one record per ID (an invoice's CSV rows together), then re-run.")
    }

    public static func duplicatePayoutID(_ id: String) -> Problem {
        Problem(.duplicatePayoutID, "\"\(id)\" appears more than once in the payouts file",
                fix: "Export again from Run a Call, or keep one record per payout, then re-run.")
    }
}

// MARK: - Unreadable records

extension Problem {
    /// An error rac2qb did not expect (a bug): `what` is what went wrong.
    public static func unexpected(_ what: String) -> Problem {
        Problem(.invalidRecord, what, fix: "Report this to the rac2qb maintainers.")
    }

    /// A record that could not be decoded for an error of no known kind.
    public static func undecodable(_ error: any Error) -> Problem {
        Problem(.invalidRecord, "\(error)", fix: "Correct the record, then re-run.")
    }

    /// `place` is where the field is (`invoices.json record #3, field customer.name`).
    public static func invalidField(_ field: String, found: String, allowed: String, place: String) -> Problem {
        Problem(.invalidRecord, "field \(field) is \(found); allowed: \(allowed)", fix: "Correct \(place), then re-run.")
    }

    public static func missingField(_ field: String, allowed: String, place: String) -> Problem {
        Problem(.invalidRecord, "required field \(field) is not set; allowed: \(allowed)", fix: "Set it in \(place), then re-run.")
    }

    /// `field` is `a member name` or `field NAME`.
    public static func notUTF8(_ field: String, line: Int, place: String) -> Problem {
        Problem(.invalidRecord, "\(field) is not valid UTF-8 text (line \(line)); allowed: UTF-8 text",
                fix: "Correct \(place) (\(field)): save the file as UTF-8, then re-run (a file saved in Windows-1252 is read with --encoding windows-1252).")
    }

    /// Invalid UTF-8 that reads as Windows-1252, as Excel saves "CSV (Comma delimited)": `lines` (`line 4` or
    /// `lines 4, 6`) of `file`, `reasons` each line's column and its text read as Windows-1252.
    public static func windows1252Text(reasons: [String], lines: String, file: String) -> Problem {
        Problem(.textNotUTF8, "\(reasons.joined(separator: "; ")) (its bytes read as Windows-1252, as Excel saves \"CSV (Comma delimited)\")",
                fix: "Save \(file) in Excel as \"CSV UTF-8 (Comma delimited)\", or re-run with --encoding windows-1252 (\(lines)).")
    }

    /// A date written `10/1/2026` (a spreadsheet's date, month/day/year in the US) where `YYYY-MM-DD` is
    /// allowed; `reading` says which date it is, or the two it may be.
    public static func spreadsheetDate(_ field: String, found: String, reading: String, place: String,
                                allowed: String = "a date YYYY-MM-DD such as 2026-10-01") -> Problem {
        Problem(.spreadsheetDate, "field \(field) is \"\(found)\", a date as Excel writes it (\(reading)); allowed: \(allowed)",
                fix: "Take the file from Run a Call again and do not save it in Excel (or, before saving, format the date columns as yyyy-mm-dd: Format Cells → Custom), then re-run (\(place)).")
    }

    public static func nulCharacter(field: String, line: Int, place: String) -> Problem {
        Problem(.invalidRecord, "field \(field) holds a NUL character (\\u0000, 0x00) (line \(line)); allowed: text without NUL characters, which no QuickBooks file may hold",
                fix: "Correct \(place) (field \(field)): remove the \\u0000, then re-run.")
    }

    public static func duplicateMember(field: String, line: Int, place: String) -> Problem {
        Problem(.invalidRecord, "field \(field) is given twice in one object (line \(line)); allowed: each field once, so that no value is silently dropped",
                fix: "Correct \(place) (field \(field)): keep the one right value, then re-run.")
    }

    public static func notJSON(reason: String, line: Int, file: String) -> Problem {
        Problem(.invalidRecord, "not valid JSON (\(reason))",
                fix: "Correct line \(line) of \(file) so that it holds one JSON object, then re-run.")
    }

    public static func notAnObject(entity: String, found: String, place: String) -> Problem {
        Problem(.invalidRecord, "expected a JSON object for the \(entity), found \(found)",
                fix: "Correct \(place) so that it holds one \(entity) object, then re-run.")
    }

    /// `lines`: `line 4` or `lines 4, 6`.
    public static func malformedCSV(reasons: [String], lines: String, file: String) -> Problem {
        Problem(.invalidRecord, "malformed CSV row (\(reasons.joined(separator: "; ")))",
                fix: "Correct \(lines) of \(file) (RFC 4180, UTF-8: quote cells holding commas, quotes or line breaks), then re-run.")
    }

    /// `first` and `other`: the two rows' values as shown (`"Net 30"` or `empty`).
    public static func invoiceRowsDisagree(column: String, first: String, firstLine: Int, other: String, otherLine: Int, file: String) -> Problem {
        Problem(.invalidRecord, "the rows of this invoice disagree on \(column) (\(first) on line \(firstLine), \(other) on line \(otherLine))",
                fix: "Make \(column) the same on every row of the invoice in \(file), then re-run.")
    }

    /// A malformed row of an invoice of several rows: the whole invoice fails.
    public func failingWholeInvoice(rows: Int, lines: String) -> Problem {
        Problem(code, message: message + "; the whole invoice fails: none of its \(rows) rows (lines \(lines)) is written", fix: fix, cause: cause)
    }
}

// MARK: - Payments and payouts

extension Problem {
    /// `what` is `payment` or `refund`.
    public static func invoiceNotFound(_ invoiceID: String, what: String) -> Problem {
        Problem(.invoiceNotFound, "the \(what) is for invoice \"\(invoiceID)\", which is not in the export",
                fix: "Export the invoice together with its payments, or record this \(what) in QuickBooks by hand.")
    }

    /// The invoice was not written for `reason` (`void`, `failed: Tax code not mapped`).
    public static func invoiceNotWritten(_ invoiceID: String, reason: String, what: String) -> Problem {
        Problem(.invoiceNotWritten, "invoice #\(invoiceID) was not written (\(reason)), so the \(what) has nothing to apply to",
                fix: "Fix the invoice first (see its row in this report), then re-run; the \(what) follows it.",
                cause: "invoice #\(invoiceID) was not written (\(reason))")
    }

    public static func invoiceFailed(_ invoiceID: String, error: SyncError, what: String) -> Problem {
        Problem(.invoiceNotWritten, "invoice #\(invoiceID) was not written (failed: \(error.title)), so the \(what) has nothing to apply to",
                fix: "Fix the invoice first (see its row in this report), then re-run; the \(what) follows it.",
                cause: "invoice #\(invoiceID) failed: \(error.title)")
    }

    public static func invoiceTxnIDUnknown(_ invoice: String, what: String) -> Problem {
        Problem(.invoiceInEarlierBatch, "qbXML applies a \(what) to its invoice through the invoice's QuickBooks TxnID, which rac2qb does not know for invoice #\(invoice)",
                fix: "Ingest the QuickBooks responses of the batch that wrote the invoice (rac2qb ingest RESPONSES.xml), then re-run; or receive this \(what) in QuickBooks by hand.")
    }

    public static func paymentsInSplitQBXML(what: String) -> Problem {
        Problem(.paymentsNotWritten, "qbXML links a \(what) to its invoice only inside one file, and output.split_every splits the file",
                fix: "Set output.split_every: 0 (or leave qbxml out of output.formats) to write payments, then re-run.")
    }

    public static func overpayment(_ invoiceID: String, after: Money, total: Money) -> Problem {
        Problem(.overpayment, "payments of \(after) would exceed invoice #\(invoiceID)'s total of \(total)",
                fix: "Correct the payment in Run a Call, or record the extra as a customer credit in QuickBooks by hand; rac2qb never applies more than is owed.")
    }

    public static func refundExceedsPayments(_ invoiceID: String, refund: Money, paid: Money) -> Problem {
        Problem(.refundExceedsPayments, "refund of \(refund) but only \(paid) was paid on invoice #\(invoiceID)",
                fix: "Check the refund in the Stripe Dashboard and correct the export, then re-run.")
    }

    /// `tally` describes what the payout's payments and refunds add up to.
    public static func payoutGrossDiffers(tally: String, gross: Money) -> Problem {
        Problem(.payoutDoesNotAddUp, "\(tally) but gross is \(gross)",
                fix: "Check the payout in the Stripe Dashboard and export its payments and refunds together, then re-run.")
    }

    public static func payoutNetDiffers(gross: Money, fees: Money, net: Money) -> Problem {
        Problem(.payoutDoesNotAddUp, "gross \(gross) − fees \(fees) = \(gross - fees) but net is \(net)",
                fix: "Check the payout in the Stripe Dashboard and correct the export, then re-run.")
    }

    /// `failed` says which of its payments failed and why.
    public static func payoutPaymentFailed(_ failed: String) -> Problem {
        Problem(.payoutNotWritten, failed, fix: "Fix that payment first (see its row in this report); the payout follows it.", cause: failed)
    }

    /// A payment (or refund) whose payout failed for `cause`.
    public static func paymentPayoutFailed(cause: String, payout: String, what: String) -> Problem {
        Problem(.payoutNotWritten, "\(cause) (payout \(payout) carries this \(what))", fix: "Fix the payout first (see its row in this report), then re-run.")
    }

    public static func payoutTxnIDUnknown(payment: String, batch: Int64, account: String) -> Problem {
        Problem(.payoutNotWrittenYet, "qbXML takes payment \(payment) of batch \(batch) out of \(account) through its QuickBooks TxnID, which rac2qb does not know",
                fix: "Ingest the QuickBooks responses of batch \(batch) first (rac2qb ingest RESPONSES.xml), then re-run: the run after the ingest writes the deposit.")
    }
}

// MARK: - Records an earlier batch wrote, and QuickBooks' lists

extension Problem {
    /// `number`: the invoice's number; `changes`: what changed since `batch`.
    public static func editedAfterPayment(_ number: String, batch: Int64, changes: String, edited: String, paid: String) -> Problem {
        Problem(.editedAfterPayment, "invoice #\(number) changed in Run a Call after batch \(batch) (\(changes)) at \(edited), after its first payment at \(paid); post-payment edits are blocked",
                fix: voidAndReissue(number))
    }

    public static func editedAndPaid(_ number: String, batch: Int64, changes: String, why: String) -> Problem {
        Problem(.editedAndPaid, "invoice #\(number) changed in Run a Call after batch \(batch) (\(changes)) and was paid, but the export does not say whether the edit came before the payment (\(why)); post-payment edits are blocked",
                fix: "If the edit came after the payment: " + voidAndReissue(number) + " If it came before: change it in QuickBooks by hand (\(changes)).")
    }

    private static func voidAndReissue(_ number: String) -> String {
        "Void invoice #\(number) in Run a Call and re-issue it: the void and the new invoice are then written; the paid invoice is never changed in place."
    }

    /// An edit of an invoice an earlier batch wrote that fails with `problem`.
    public static func editNotWritable(_ number: String, batch: Int64, problem: Problem) -> Problem {
        Problem(.notUpdated, "invoice #\(number) was edited in Run a Call after batch \(batch), and the edit cannot be written: \(problem.message)", fix: problem.fix)
    }

    public static func customerIDUnknown(_ name: String, since: String, described: String) -> Problem {
        Problem(.notUpdated, "customer \"\(name)\" changed in QuickBooks since \(since) (\(described)), but its Run a Call id is not known (it was sent as new)",
                fix: "Give --export with Run a Call's customers (after it imported customers.csv), so the update names the customer's id, then re-run.")
    }

    public static func changedOnBothSides(_ name: String, since: String, both: String) -> Problem {
        Problem(.conflict, "customer \"\(name)\" changed in both QuickBooks and Run a Call since \(since): \(both)",
                fix: "Decide which value is right and give it to the other side: in Run a Call (then from-quickbooks sends nothing for it) or in QuickBooks (then convert and import its update), then re-run.")
    }

    /// A QuickBooks list entry (a customer or an item) with fields that could not be read (`problems`), at `location` of `file`.
    public static func unreadableEntry(_ list: EntityType, location: String, file: String, problems: [String]) -> Problem {
        let noun = list.rawValue
        return Problem(list == .customer ? .unreadableCustomer : .unreadableItem, "\(location): \(problems.joined(separator: "; "))",
                       fix: "Correct the \(noun) in QuickBooks (or the field in \(file)), export the list again, then re-run.")
    }

    public static func unknownItemType(_ type: String, location: String) -> Problem {
        Problem(.unreadableItem, "\(location): Type is \"\(type)\"; allowed: Service, Non-inventory, Inventory, Other Charge (or QuickBooks' own item types, never sent)",
                fix: "Export the list from QuickBooks again (its own type names), then re-run.")
    }

    public static func unreadableItemPrice(_ text: String, location: String) -> Problem {
        Problem(.unreadableItem, "\(location): price is \"\(text)\"; allowed: a decimal amount such as 1,392.00 or -5.5",
                fix: "Correct the item's price in QuickBooks, export the list again, then re-run.")
    }
}
