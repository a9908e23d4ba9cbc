import Foundation

/// Reads QuickBooks Desktop IIF list exports (`!CUST`, `!VEND`, `!EMP`,
/// `!OTHERNAME`, `!INVITEM`, `!ACCNT`, `!TERMS`, `!SALESTAXCODE`); `HIDDEN` = `Y` is inactive.
enum IIFBooksReader {
    static func read(_ url: URL) throws -> BookLists {
        var lists = BookLists()
        for record in try IIFReader(url: url).records {
            let active = record["HIDDEN"] != "Y"
            func entry(_ nameColumn: String = "NAME", type: String? = nil) -> BookEntry {
                BookEntry(name: record[nameColumn] ?? "", isActive: active, email: record["EMAIL"], type: type, account: record["ACCNT"])
            }
            switch record.keyword {
            case "CUST": lists.customers.add(entry())
            case "VEND", "EMP", "OTHERNAME": lists.otherNames.add(entry())
            case "INVITEM":
                let item = entry(type: record["INVITEMTYPE"])
                lists.items.add(item)
                if ["COMPTAX", "STAX"].contains(record["INVITEMTYPE"] ?? "") { lists.taxCodes.add(item) }
            case "ACCNT": lists.accounts.add(entry(type: record["ACCNTTYPE"]))
            case "TERMS": lists.terms.add(entry())
            case "SALESTAXCODE": lists.taxCodes.add(entry("CODE"))
            default: break
            }
        }
        return lists
    }
}
