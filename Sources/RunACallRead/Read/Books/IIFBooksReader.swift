import Foundation

/// Reads QuickBooks Desktop IIF list exports (`!CUST`, `!VEND`, `!EMP`,
/// `!OTHERNAME`, `!INVITEM`, `!ACCNT`, `!TERMS`, `!SALESTAXCODE`); `HIDDEN` = `Y` is inactive;
/// a `COMPTAX` item's rate is its `PRICE` (`8.5%`).
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
                var item = entry(type: record["INVITEMTYPE"])
                if ["COMPTAX", "STAX"].contains(record["INVITEMTYPE"] ?? "") {
                    item.ratePercent = try BookEntry.rate(record["PRICE"], place: "\(url.lastPathComponent):\(record.line) INVITEM \"\(item.name)\" PRICE")
                    lists.taxCodes.add(item)
                }
                lists.items.add(item)
            case "ACCNT": lists.accounts.add(entry(type: record["ACCNTTYPE"]))
            case "TERMS": lists.terms.add(entry())
            case "SALESTAXCODE": lists.taxCodes.add(entry("CODE"))
            default: break
            }
        }
        return lists
    }
}
