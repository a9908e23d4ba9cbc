import Foundation

/// The QuickBooks books of a generated export, in all three forms (customers
/// as CSV, items and tax codes as qbXML query responses, accounts and terms as
/// IIF list exports), differing from the export the way real books do:
/// customers missing or inactive, an item missing, an income account
/// inactive, the "To classify" safety-net code and the terms "Net 45" absent.
/// `expected(for:)` is the oracle of each invoice against them, with
/// customer and item creation off.
public enum GeneratedBooks {
    static let missingTerms = "Net 45"
    static let missingItem = "Capacitor 45/5"
    static let inactiveAccount = "Equipment sales"

    /// The config for an export with these books (US edition, creation off, unmapped rates to "To classify").
    public static func configuration() -> String {
        ExportGenerator.configuration(edition: "us", unmappedFails: false) + """

        customers:
          create_in_quickbooks: false
        items:
          create_in_quickbooks: false
        books:
          customers: books/customers.csv
          items: books/items.xml
          accounts: books/accounts.iif
          tax_codes: books/tax-codes.xml
          terms: books/terms.iif

        """
    }

    enum CustomerState { case present, missing, inactive }

    /// Whether the books hold customer number `number` (of `GeneratedInvoice.make`) under its name and email.
    static func customerState(_ number: Int) -> CustomerState {
        if number % 10 == 7 || (number % 10 == 3 && number != 3) { return .missing }
        return number % 23 == 4 ? .inactive : .present
    }

    static func incomeAccount(forCategory category: String) -> String {
        switch category {
        case "Parts": "Parts sales"
        case "Equipment installs": inactiveAccount
        default: "Service revenue"
        }
    }

    /// Writes `books/` into `folder` (the config's folder), for an export of `customerCount` customers.
    public static func write(to folder: URL, customerCount: Int = ExportGenerator.testCustomerCount) throws {
        let books = folder.appendingPathComponent("books")
        try FileManager.default.createDirectory(at: books, withIntermediateDirectories: true)
        var customers = "Name,Email,Type,Active\r\n"
        for number in 0..<customerCount where customerState(number) != .missing {
            customers += [GeneratedCustomer.name(number), GeneratedCustomer.email(number), "Customer", customerState(number) == .inactive ? "false" : "true"]
                .map(CSVInvoiceRow.cell).joined(separator: ",") + "\r\n"
        }
        customers += "Acme Supply,,Vendor,true\r\n"
        try Data(customers.utf8).write(to: books.appendingPathComponent("customers.csv"))

        var items = ""
        for (name, category, _, _) in GeneratedInvoice.items where name != missingItem {
            let kind = category == "Parts" || category == "Equipment installs" ? "ItemNonInventoryRet" : "ItemServiceRet"
            let booksName = name.count > 31 ? String(name.prefix(31)) : name
            items += "<\(kind)><Name>\(xml(booksName))</Name><FullName>\(xml(booksName))</FullName><IsActive>true</IsActive>"
                + "<SalesOrPurchase><AccountRef><FullName>\(incomeAccount(forCategory: category))</FullName></AccountRef></SalesOrPurchase></\(kind)>\n"
        }
        items += "<ItemServiceRet><Name>Refund</Name><IsActive>true</IsActive><SalesOrPurchase><AccountRef><FullName>Service revenue</FullName></AccountRef></SalesOrPurchase></ItemServiceRet>\n"
        for discount in ["Discount", "Member savings"] {
            items += "<ItemDiscountRet><Name>\(discount)</Name><IsActive>true</IsActive><AccountRef><FullName>Discounts given</FullName></AccountRef></ItemDiscountRet>\n"
        }
        try Data(response("ItemQueryRs", items).utf8).write(to: books.appendingPathComponent("items.xml"))
        let taxItems = ["Denver", "Aurora"].map { "<ItemSalesTaxRet><Name>\($0)</Name><IsActive>true</IsActive></ItemSalesTaxRet>\n" }.joined()
        try Data(response("ItemSalesTaxQueryRs", taxItems).utf8).write(to: books.appendingPathComponent("tax-codes.xml"))

        let accounts: [(String, String, Bool)] = [
            ("Accounts Receivable", "AR", true), ("Service revenue", "INC", true), ("Parts sales", "INC", true),
            (inactiveAccount, "INC", false), ("Membership revenue", "INC", true), ("Discounts given", "INC", true),
            ("Sales Tax Payable", "OCLIAB", true), ("Undeposited Funds", "OCASSET", true), ("Business Checking", "BANK", true),
            ("Merchant fees", "EXP", true),
        ]
        let accountLines = ["!ACCNT\tNAME\tACCNTTYPE\tHIDDEN"] + accounts.map { "ACCNT\t\($0.0)\t\($0.1)\t\($0.2 ? "N" : "Y")" }
        try Data((accountLines.joined(separator: "\r\n") + "\r\n").utf8).write(to: books.appendingPathComponent("accounts.iif"))
        try Data("!TERMS\tNAME\tHIDDEN\r\nTERMS\tNet 30\tN\r\nTERMS\tDue on receipt\tN\r\n".utf8)
            .write(to: books.appendingPathComponent("terms.iif"))
    }

    private static func response(_ kind: String, _ body: String) -> String {
        "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<QBXML><QBXMLMsgsRs>\n<\(kind) requestID=\"1\" statusCode=\"0\" statusSeverity=\"Info\" statusMessage=\"Status OK\">\n"
            + body + "</\(kind)>\n</QBXMLMsgsRs></QBXML>\n"
    }

    private static func xml(_ text: String) -> String {
        text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;").replacingOccurrences(of: ">", with: "&gt;")
    }

    /// The oracle: the seed's check order (terms, tax code, customer, each line's item and account) after the export's own checks.
    static func expected(for invoice: GeneratedInvoice) -> ExpectedInvoice {
        let base = invoice.expected
        func failed(_ prefix: String, fix: String) -> ExpectedInvoice {
            var result = ExpectedInvoice(id: base.id, status: base.status, outcome: .failed, messagePrefix: prefix,
                                         totalCents: base.totalCents, taxCents: base.taxCents, isVoid: false)
            result.fixPrefix = fix
            return result
        }
        if base.messagePrefix == "Tax code not mapped" {
            return failed("Tax code not mapped: tax.default_for_unmapped maps to \"To classify\", which is not in the QuickBooks tax codes",
                          fix: "Create the tax code \"To classify\" in QuickBooks")
        }
        guard base.outcome == .written else { return base }
        if invoice.terms == missingTerms {
            return failed("Terms not found: the invoice's terms \"\(missingTerms)\" are not in the QuickBooks terms list",
                          fix: "Create the terms \"\(missingTerms)\" in QuickBooks")
        }
        let number = Int(invoice.customer.id.dropFirst("cust-".count)) ?? 0
        switch customerState(number) {
        case .missing:
            return failed("Customer not found: \"\(invoice.customer.name)\" (\(invoice.customer.email)) is not in the QuickBooks customer list",
                          fix: "Create the customer in QuickBooks with the same name and email")
        case .inactive:
            return failed("Customer inactive: \"\(invoice.customer.name)\" is marked inactive in QuickBooks", fix: "Reactivate the customer")
        case .present: break
        }
        for line in invoice.lines {
            if line.item == missingItem {
                return failed("Item not found: \"\(missingItem)\" is not in the QuickBooks item list",
                              fix: "Create the item in QuickBooks with the same name (\"\(missingItem)\") and re-run")
            }
            if incomeAccount(forCategory: line.category) == inactiveAccount {
                return failed("Account inactive: the income account \"\(inactiveAccount)\" is marked inactive in QuickBooks",
                              fix: "Reactivate it in QuickBooks")
            }
        }
        return base
    }
}
