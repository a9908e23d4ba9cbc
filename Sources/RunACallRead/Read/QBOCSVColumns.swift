/// The header rows of the QuickBooks Online CSV files rac2qb writes: `QBOCSVWriter` writes them, `InputKind`
/// knows such a file by them (and refuses it where an export or a list is asked for), `FileChecker` checks them.
public enum QBOCSVColumns {
    public static let invoices = [
        "*InvoiceNo", "*Customer", "*InvoiceDate", "*DueDate", "Terms", "Location", "Memo", "Item(Product/Service)",
        "ItemDescription", "ItemQuantity", "ItemRate", "*ItemAmount", "*ItemTaxCode", "ItemTaxAmount", "Service Date",
        "Message displayed on invoice",
    ]
    public static let customers = ["Name", "Company", "Email", "Phone", "Street", "City", "State", "ZIP", "Country"]
    public static let products = ["Name", "Type", "Sales Description", "Sales Price/Rate", "Income Account", "Taxable"]
    public static let deposits = ["Date", "Description", "Amount"]
}
