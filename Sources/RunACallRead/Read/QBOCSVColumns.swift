/// The header rows of the QuickBooks Online CSV files rac2qb writes: `QBOCSVWriter` writes them, `InputKind`
/// knows such a file by them (and refuses it where an export or a list is asked for), `FileChecker` checks them.
package enum QBOCSVColumns {
    package static let invoices = [
        "*InvoiceNo", "*Customer", "*InvoiceDate", "*DueDate", "Terms", "Location", "Memo", "Item(Product/Service)",
        "ItemDescription", "ItemQuantity", "ItemRate", "*ItemAmount", "*ItemTaxCode", "ItemTaxAmount", "Service Date",
        "Message displayed on invoice",
    ]
    package static let customers = ["Name", "Company", "Email", "Phone", "Street", "City", "State", "ZIP", "Country"]
    package static let products = ["Name", "Type", "Sales Description", "Sales Price/Rate", "Income Account", "Taxable"]
    package static let deposits = ["Date", "Description", "Amount"]
}
