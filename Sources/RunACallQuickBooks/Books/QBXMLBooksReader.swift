import Foundation
internal import CLibXML2

/// Reads qbXML query responses (`CustomerQueryRs`, `ItemQueryRs`,
/// `AccountQueryRs`, `SalesTaxCodeQueryRs`, `ItemSalesTaxQueryRs`, `TermsQueryRs`)
/// with libxml2's streaming reader, so responses of any size fit; `IsActive`
/// false is inactive. Responses are not schema-validated (QuickBooks returns
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
        xmlInitParser()
        guard let reader = xmlReaderForFile(url.path, nil, Int32(XML_PARSE_NONET.rawValue)) else {
            throw FatalError(.unreadableInput, "\(url.lastPathComponent): cannot be opened as XML")
        }
        defer { xmlFreeTextReader(reader) }
        var result = BookLists()
        var path: [String] = []
        var current: (list: List, kind: String, depth: Int, name: String?, fullName: String?, active: Bool,
                      email: String?, type: String?, account: String?)?
        while true {
            let status = xmlTextReaderRead(reader)
            if status == 0 { break }
            guard status == 1 else {
                throw FatalError(.unreadableInput, "\(url.lastPathComponent):\(xmlTextReaderGetParserLineNumber(reader)): not well-formed XML")
            }
            let nodeType = xmlTextReaderNodeType(reader)
            let name = xmlTextReaderConstLocalName(reader).map { String(cString: $0) } ?? ""
            switch nodeType {
            case 1: // element
                let isEmpty = xmlTextReaderIsEmptyElement(reader) == 1
                if current == nil, let list = lists[name], !isEmpty {
                    current = (list, name, path.count, nil, nil, true, nil, nil, nil)
                }
                if !isEmpty { path.append(name) }
            case 3, 4: // text, CDATA
                guard current != nil, let element = path.last else { continue }
                let text = xmlTextReaderConstValue(reader).map { String(cString: $0) }?
                    .trimmingCharacters(in: .whitespacesAndNewlines) ?? ""
                let parent = path.count >= 2 ? path[path.count - 2] : ""
                let isTop = path.count - 1 == (current?.depth ?? 0) + 1
                switch element {
                case "FullName" where accountReferences.contains(parent) && current?.account == nil: current?.account = text
                case "FullName" where isTop: current?.fullName = text
                case "Name" where isTop: current?.name = text
                case "IsActive" where isTop: current?.active = text.lowercased() != "false"
                case "Email" where isTop: current?.email = text
                case "AccountType" where isTop: current?.type = text
                default: break
                }
            case 15: // end of element
                path.removeLast()
                if let record = current, record.depth == path.count, record.kind == name {
                    let entry = BookEntry(name: record.fullName ?? record.name ?? "", isActive: record.active, email: record.email,
                                          type: record.list == .accounts ? record.type : record.kind.replacingOccurrences(of: "Ret", with: ""),
                                          account: record.account)
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
            default: break
            }
        }
        return result
    }
}
