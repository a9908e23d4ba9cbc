/// What to do about a status code QuickBooks refused a request with, in the
/// seed's manner: the cause in a few words, then the fix. Codes are Intuit's
/// (qbXML "Status codes in response messages").
enum QuickBooksStatusFixes {
    static let rerun = "the next convert writes it again"

    static func fix(for code: Int) -> String {
        switch code {
        case 3100:
            return "The name is already in use in QuickBooks (customers, vendors, employees and other names share one list; items have their own). Export that list from QuickBooks into the config's books file so the next run matches it, or rename it in Run a Call; \(rerun)."
        case 3140:
            return "A list entry it refers to (customer, item, terms, account, tax code, payment method) is not in QuickBooks: create it there or fix the mapping in the config; if a request of the same file that adds it was refused too, fix that one first. Then \(rerun)."
        case 3120:
            return "The QuickBooks record it refers to was deleted or never created: check that the record it depends on is in QuickBooks (ingest that batch's responses); \(rerun)."
        case 3200:
            return "The record was changed in QuickBooks after rac2qb learned its edit sequence: ingest a newer response for it, or make the change in QuickBooks by hand."
        case 3170, 3175, 3176, 3180:
            return "QuickBooks could not save it (record open or locked by another user, or a QuickBooks rule): close it in QuickBooks, check the message; \(rerun)."
        case 3210:
            return "QuickBooks refused a value (for a payment: more than the invoice's open balance). Correct the record in Run a Call; \(rerun)."
        case 3000..<3100:
            return "QuickBooks refused the format of a value named in the message: correct it in Run a Call (or report it to rac2qb with the record); \(rerun)."
        case 9100..<9200:
            return "The request used a transaction of the same file that QuickBooks refused (a macro): fix that one first; \(rerun)."
        default:
            return "Correct what QuickBooks' message names, in Run a Call or in QuickBooks; \(rerun)."
        }
    }
}
