import Foundation

/// The Run a Call import files `from-quickbooks` writes under `run-a-call/`:
/// `customers.csv` and `items.csv` with export-format.md's columns, and
/// `customer-updates.csv`, one row per changed field. Rows stream to the
/// staging folder; every text cell is formula-guarded (`CSVText.row`).
final class RunACallFiles {
    static let folder = "run-a-call"
    static let customerColumns = ["id", "name", "email", "phone", "company",
                                  "billing_line1", "billing_line2", "billing_city", "billing_state", "billing_postal_code", "billing_country",
                                  "service_line1", "service_line2", "service_city", "service_state", "service_postal_code", "service_country",
                                  "created_at", "updated_at"]
    static let itemColumns = ["id", "name", "description", "category", "type", "unit_price", "taxable", "active"]
    static let updateColumns = ["id", "quickbooks_name", "field", "old_value", "new_value"]

    static let customersTarget = OutputTarget(runACallFile: "customers")
    static let itemsTarget = OutputTarget(runACallFile: "items")
    static let updatesTarget = OutputTarget(runACallFile: "customer-updates")

    private let customers: PartFile
    private let items: PartFile
    private let updates: PartFile

    init(staging: URL) throws {
        let folder = staging.appendingPathComponent(Self.folder)
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        customers = try PartFile(url: folder.appendingPathComponent("customers.csv"))
        items = try PartFile(url: folder.appendingPathComponent("items.csv"))
        updates = try PartFile(url: folder.appendingPathComponent("customer-updates.csv"))
        try customers.append(Data(CSVText.row(Self.customerColumns).utf8))
        try items.append(Data(CSVText.row(Self.itemColumns).utf8))
        try updates.append(Data(CSVText.row(Self.updateColumns).utf8))
    }

    /// A new Run a Call customer (its id empty: Run a Call assigns it).
    func add(_ customer: Customer) throws {
        let cells = ["", customer.name, customer.email ?? "", customer.phone ?? "", customer.company ?? ""]
            + AddressReading.parts(customer.billingAddress) + AddressReading.parts(customer.serviceAddress) + ["", ""]
        try customers.append(Data(CSVText.row(cells).utf8))
    }

    /// A new pricebook item.
    func add(_ item: PricebookItem) throws {
        let cells = ["", item.name, item.description ?? "", item.category ?? "", item.type?.rawValue ?? "",
                     item.unitPrice?.formatted(minimumPlaces: 2) ?? "", item.taxable.map(String.init) ?? "", String(item.active)]
        try items.append(Data(CSVText.row(cells).utf8))
    }

    /// One changed field of a Run a Call customer.
    func add(_ update: CustomerUpdate) throws {
        try updates.append(Data(CSVText.row([update.id, update.quickBooksName, update.field, update.oldValue, update.newValue]).utf8))
    }

    /// Closes the files; returns their paths relative to the staging folder.
    func finish() throws -> [String] {
        try customers.close()
        try items.close()
        try updates.close()
        return ["customers", "items", "customer-updates"].map { "\(Self.folder)/\($0).csv" }
    }
}

/// One changed field of a customer Run a Call and QuickBooks share: a row of `customer-updates.csv`.
struct CustomerUpdate: Equatable {
    /// The Run a Call customer id.
    var id: String
    var quickBooksName: String
    /// The column of `customers.csv` it changes (`email`, `billing_city`, ...).
    var field: String
    var oldValue: String
    var newValue: String
}

extension OutputTarget {
    /// A Run a Call import file (`run-a-call/customers.csv`), written by `from-quickbooks`.
    init(runACallFile base: String) {
        self.init(folder: RunACallFiles.folder, base: base, fileExtension: "csv", part: 1, anchor: nil)
    }
}
