import Foundation
import RunACallSupport

/// Streams the customers and items of qbXML query responses (`CustomerQueryRs`,
/// `ItemQueryRs`, or the item-type queries) with libxml2's streaming reader, one
/// `…Ret` at a time, in constant memory.
enum QBXMLListStream {
    private static let customerElements: Set<String> = ["CustomerRet"]
    private static let itemElements: Set<String> = [
        "ItemServiceRet", "ItemNonInventoryRet", "ItemOtherChargeRet", "ItemInventoryRet", "ItemInventoryAssemblyRet",
        "ItemFixedAssetRet", "ItemDiscountRet", "ItemSubtotalRet", "ItemGroupRet", "ItemPaymentRet", "ItemSalesTaxRet",
        "ItemSalesTaxGroupRet",
    ]

    static func read(_ url: URL, label: String, _ body: (QuickBooksListEntry) throws -> Void) throws {
        var current: (kind: String, depth: Int, fields: [String: String], line: Int)?
        try XMLStream.read(url, label: label) { event, path, node in
            switch event {
            case .start(let name, let isEmpty):
                if current == nil, !isEmpty, customerElements.contains(name) || itemElements.contains(name) {
                    current = (name, path.count, [:], node.line)
                }
            case .text(let text):
                guard let record = current, path.count > record.depth + 1, !text.isEmpty else { return }
                let key = path[(record.depth + 1)...].joined(separator: "/")
                if current?.fields[key] == nil { current?.fields[key] = text }
            case .end(let name):
                guard let record = current, record.depth == path.count, record.kind == name else { return }
                current = nil
                try body(entry(record.kind, record.fields, location: .line(record.line, in: label)))
            }
        }
    }

    private static func entry(_ kind: String, _ fields: [String: String], location: SourceLocation) -> QuickBooksListEntry {
        let isCustomer = customerElements.contains(kind)
        var entry = QuickBooksListEntry(list: isCustomer ? .customer : .item, name: fields["FullName"] ?? fields["Name"] ?? "", location: location)
        entry.listID = fields["ListID"]
        entry.editSequence = fields["EditSequence"]
        entry.modifiedAt = fields["TimeModified"]
        entry.parent = fields["ParentRef/FullName"]
        if let active = fields["IsActive"]?.lowercased() {
            if active == "true" || active == "false" { entry.isActive = active == "true" }
            else { entry.problems.append("IsActive is \"\(active)\"; allowed: true or false") }
        }
        if isCustomer {
            entry.email = fields["Email"]
            entry.phone = fields["Phone"]
            entry.company = fields["CompanyName"]
            entry.billing = address(fields, "BillAddress")
            entry.shipping = address(fields, "ShipAddress")
            return entry
        }
        entry.type = String(kind.dropLast(3))
        entry.description = fields["SalesOrPurchase/Desc"] ?? fields["SalesAndPurchase/SalesDesc"] ?? fields["SalesDesc"] ?? fields["ItemDesc"]
        entry.price = fields["SalesOrPurchase/Price"] ?? fields["SalesAndPurchase/SalesPrice"] ?? fields["SalesPrice"]
            ?? fields["SalesOrPurchase/PricePercent"].map { "\($0)%" }
        entry.incomeAccount = fields["SalesOrPurchase/AccountRef/FullName"] ?? fields["SalesAndPurchase/IncomeAccountRef/FullName"]
            ?? fields["IncomeAccountRef/FullName"] ?? fields["AccountRef/FullName"]
        if let code = fields["SalesTaxCodeRef/FullName"] { entry.taxable = code.lowercased() != "non" }
        return entry
    }

    private static func address(_ fields: [String: String], _ element: String) -> QuickBooksAddress? {
        let address = QuickBooksAddress(lines: (1...5).compactMap { fields["\(element)/Addr\($0)"] }, city: fields["\(element)/City"],
                                        state: fields["\(element)/State"], postalCode: fields["\(element)/PostalCode"],
                                        country: fields["\(element)/Country"])
        return address.isEmpty ? nil : address
    }
}
