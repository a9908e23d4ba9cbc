import Foundation
import RunACallSupport

/// Reads qbXML query responses (`CustomerQueryRs`, `ItemQueryRs`,
/// `AccountQueryRs`, `SalesTaxCodeQueryRs`, `ItemSalesTaxQueryRs`, `TermsQueryRs`)
/// with libxml2's streaming reader, so responses of any size fit; `IsActive`
/// false is inactive; an `ItemSalesTaxRet`'s `TaxRate` is its rate. Responses are not schema-validated (QuickBooks returns
/// values newer than the 13.0 schema knows).
enum QBXMLBooksReader {
    private enum List { case customers, otherNames, items, taxItems, accounts, taxCodes, terms }

    private static let lists: [String: List] = [
        "CustomerRet": .customers, "VendorRet": .otherNames, "EmployeeRet": .otherNames, "OtherNameRet": .otherNames,
        "ItemServiceRet": .items, "ItemNonInventoryRet": .items, "ItemOtherChargeRet": .items, "ItemInventoryRet": .items,
        "ItemInventoryAssemblyRet": .items, "ItemFixedAssetRet": .items, "ItemDiscountRet": .items, "ItemSubtotalRet": .items,
        "ItemGroupRet": .items, "ItemPaymentRet": .items, "ItemSalesTaxRet": .taxItems, "ItemSalesTaxGroupRet": .taxItems,
        "AccountRet": .accounts, "SalesTaxCodeRet": .taxCodes, "StandardTermsRet": .terms, "DateDrivenTermsRet": .terms,
    ]
    private static let accountReferences: Set<String> = ["AccountRef", "IncomeAccountRef"]

    static func read(_ url: URL) throws -> BookLists {
        var result = BookLists()
        var current: (list: List, kind: String, depth: Int, name: String?, fullName: String?, active: Bool,
                      email: String?, type: String?, account: String?, rate: String?)?
        try XMLStream.read(url, label: url.lastPathComponent) { event, path, _ in
            switch event {
            case .start(let name, let isEmpty):
                if current == nil, let list = lists[name], !isEmpty {
                    current = (list, name, path.count, nil, nil, true, nil, nil, nil, nil)
                }
            case .text(let text):
                guard current != nil, let element = path.last else { return }
                let parent = path.count >= 2 ? path[path.count - 2] : ""
                let isTop = path.count - 1 == (current?.depth ?? 0) + 1
                switch element {
                case "FullName" where accountReferences.contains(parent) && current?.account == nil: current?.account = text
                case "FullName" where isTop: current?.fullName = text
                case "Name" where isTop: current?.name = text
                case "IsActive" where isTop: current?.active = text.lowercased() != "false"
                case "Email" where isTop: current?.email = text
                case "AccountType" where isTop: current?.type = text
                case "TaxRate" where isTop: current?.rate = text
                default: break
                }
            case .end(let name):
                guard let record = current, record.depth == path.count, record.kind == name else { return }
                let entry = BookEntry(name: record.fullName ?? record.name ?? "", isActive: record.active, email: record.email,
                                      type: record.list == .accounts ? record.type : record.kind.replacingOccurrences(of: "Ret", with: ""),
                                      account: record.account,
                                      ratePercent: try BookEntry.rate(record.rate, place: "\(url.lastPathComponent): \(record.kind) \"\(record.fullName ?? record.name ?? "")\" TaxRate"))
                switch record.list {
                case .customers: result.customers.add(entry)
                case .otherNames: result.otherNames.add(entry)
                case .items: result.items.add(entry)
                case .taxItems:
                    result.items.add(entry)
                    result.taxCodes.add(entry)
                case .accounts: result.accounts.add(entry)
                case .taxCodes: result.taxCodes.add(entry)
                case .terms: result.terms.add(entry)
                }
                current = nil
            }
        }
        return result
    }
}
