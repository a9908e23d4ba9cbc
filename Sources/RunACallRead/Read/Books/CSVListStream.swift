import Foundation
import RunACallSupport

/// Streams a QuickBooks Online list export saved as CSV, one row at a time:
/// customers (`Name`/`Customer`, `Company`, `Email`, `Phone`, billing and
/// shipping address columns, `Active`) or products and services
/// (`Name`/`Product/Service`, `Description`/`Sales Description`, `Type`,
/// `Price`/`Sales Price/Rate`, `Income Account`, `Taxable`, `Active`). Which
/// list it is comes from its header.
enum CSVListStream {
    /// The header names each field may have (compared case-insensitively, spaces trimmed).
    private enum Column: CaseIterable {
        case name, company, email, phone, active, parent
        case billingStreet, billingStreet2, billingCity, billingState, billingPostalCode, billingCountry
        case shippingStreet, shippingStreet2, shippingCity, shippingState, shippingPostalCode, shippingCountry
        case description, type, price, incomeAccount, taxable

        var names: [String] {
            switch self {
            case .name: ["name", "customer", "full name", "display name", "product/service", "product/service name", "item"]
            case .company: ["company", "company name"]
            case .email: ["email", "e-mail"]
            case .phone: ["phone", "phone numbers", "main phone"]
            case .active: ["active", "status"]
            case .parent: ["parent", "sub-customer of", "parent customer"]
            case .billingStreet: ["billing street", "billing address line 1", "billing address", "street"]
            case .billingStreet2: ["billing address line 2"]
            case .billingCity: ["billing city", "city"]
            case .billingState: ["billing state", "state"]
            case .billingPostalCode: ["billing zip", "billing postal code", "zip", "postal code"]
            case .billingCountry: ["billing country", "country"]
            case .shippingStreet: ["shipping street", "shipping address line 1", "shipping address"]
            case .shippingStreet2: ["shipping address line 2"]
            case .shippingCity: ["shipping city"]
            case .shippingState: ["shipping state"]
            case .shippingPostalCode: ["shipping zip", "shipping postal code"]
            case .shippingCountry: ["shipping country"]
            case .description: ["description", "sales description"]
            case .type: ["type", "item type"]
            case .price: ["price", "sales price/rate", "sales price / rate", "sales price", "rate"]
            case .incomeAccount: ["income account", "account"]
            case .taxable: ["taxable"]
            }
        }
    }

    private static let itemColumns: [Column] = [.description, .type, .price, .incomeAccount, .taxable]
    private static let customerColumns: [Column] = [.company, .email, .phone, .billingStreet, .billingCity, .shippingStreet]

    static func read(_ url: URL, label: String, _ body: (QuickBooksListEntry) throws -> Void) throws {
        let table = try CSVTable(url: url, name: label)
        let lowered = Dictionary(table.columns.map { ($0.lowercased(), $0) }, uniquingKeysWith: { first, _ in first })
        var header: [Column: String] = [:]
        for column in Column.allCases {
            if let found = column.names.lazy.compactMap({ lowered[$0] }).first { header[column] = found }
        }
        guard header[.name] != nil else {
            throw FatalError(.unreadableInput, "\(label): a QuickBooks list CSV needs a name column; found \(table.columns.joined(separator: ", ")); allowed: Name, Customer or Product/Service")
        }
        let isItems = itemColumns.contains { header[$0] != nil }
        guard isItems || customerColumns.contains(where: { header[$0] != nil }) || header[.name].map({ ["customer"].contains($0.lowercased()) }) == true else {
            throw FatalError(.unreadableInput, "\(label): cannot tell whether it lists customers or products and services (header: \(table.columns.joined(separator: ", "))); allowed: a customer list (Company, Email, Phone, billing columns) or a product list (Type, Sales Price/Rate, Income Account)")
        }
        while let (row, problem) = try table.nextRow() {
            func cell(_ column: Column) -> String? {
                header[column].flatMap { table.cell($0, in: row) }?.trimmingCharacters(in: .whitespaces).nilWhenEmpty
            }
            var entry = QuickBooksListEntry(list: isItems ? .item : .customer, name: cell(.name) ?? "", location: .line(row.line, in: label))
            if let problem { entry.problems.append(problem.message) }
            if let active = cell(.active)?.lowercased() {
                if ["true", "yes", "1", "active"].contains(active) { entry.isActive = true }
                else if ["false", "no", "0", "inactive"].contains(active) { entry.isActive = false }
                else { entry.problems.append("\(header[.active] ?? "Active") is \"\(active)\"; allowed: true or false") }
            }
            entry.parent = cell(.parent)
            if isItems {
                entry.type = cell(.type)
                entry.description = cell(.description)
                entry.price = cell(.price)
                entry.incomeAccount = cell(.incomeAccount)
                if let taxable = cell(.taxable)?.lowercased() {
                    if ["true", "yes", "1", "y"].contains(taxable) { entry.taxable = true }
                    else if ["false", "no", "0", "n"].contains(taxable) { entry.taxable = false }
                    else { entry.problems.append("\(header[.taxable] ?? "Taxable") is \"\(taxable)\"; allowed: yes or no") }
                }
            } else {
                entry.company = cell(.company)
                entry.email = cell(.email)
                entry.phone = cell(.phone)
                func lines(_ columns: Column...) -> [String] {
                    columns.compactMap(cell).flatMap { $0.split(whereSeparator: \.isNewline).map(String.init) }
                }
                let billing = QuickBooksAddress(lines: lines(.billingStreet, .billingStreet2), city: cell(.billingCity),
                                                state: cell(.billingState), postalCode: cell(.billingPostalCode), country: cell(.billingCountry))
                let shipping = QuickBooksAddress(lines: lines(.shippingStreet, .shippingStreet2), city: cell(.shippingCity),
                                                 state: cell(.shippingState), postalCode: cell(.shippingPostalCode), country: cell(.shippingCountry))
                entry.billing = billing.isEmpty ? nil : billing
                entry.shipping = shipping.isEmpty ? nil : shipping
            }
            try body(entry)
        }
    }
}

extension String {
    /// nil for empty text.
    var nilWhenEmpty: String? { isEmpty ? nil : self }
}
