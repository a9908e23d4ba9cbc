import Foundation
import RunACallRead
import RunACallSupport

/// What an export asks its config to decide, read with the converter's own readers
/// (`rac2qb init --from`): the tax rates its invoices use, the pricebook categories of
/// its items and invoice lines, the payment methods of its payments, and its date range.
public struct ExportSurvey: Sendable {
    /// A tax rate and what the export charges at it.
    public struct Rate: Sendable {
        public var name: String
        /// Invoices that name it (on a tax line or a taxable line).
        public var invoices = 0
        /// Σ the tax lines charged at it.
        public var tax = Money.zero
    }

    /// A pricebook category and how much of the export is filed under it.
    public struct Category: Sendable {
        public var name: String
        /// Pricebook items of the category.
        public var items = 0
        /// Invoice lines of the category.
        public var lines = 0
    }

    /// Tax rates in order of first use (matched case-insensitively, as `tax.rates` matches them).
    public private(set) var rates: [Rate] = []
    /// Categories in order of first use.
    public private(set) var categories: [Category] = []
    /// Payments and refunds per method, for the methods used.
    public private(set) var methods: [PaymentMethod: Int] = [:]
    /// Invoices read, and invoice records that could not be read (`convert` names each).
    public private(set) var invoices = 0
    public private(set) var unreadableInvoices = 0
    /// The earliest and latest invoice date.
    public private(set) var firstDate: CalendarDate?
    public private(set) var lastDate: CalendarDate?
    /// The entity files the export lacks.
    public private(set) var absentEntities: [ExportEntity] = []
    /// The records each entity's files hold, readable or not.
    public private(set) var records: [ExportEntity: Int] = [:]

    private var rateIndex: [NameKey: Int] = [:]
    private var categoryIndex: [NameKey: Int] = [:]

    /// Reads an export already located (and unpacked), as `read(_ paths:)` does.
    public static func read(_ export: ExportFiles) throws -> ExportSurvey {
        var survey = ExportSurvey()
        survey.absentEntities = export.absentEntities
        if let stream = try export.stream(.items) {
            while let record = try stream.next() {
                survey.records[.items, default: 0] += 1
                guard let item = try? RecordDecoder.item(record), let category = item.category else { continue }
                survey.category(category) { $0.items += 1 }
            }
        }
        if let stream = try export.stream(.invoices) {
            while let record = try stream.next() {
                survey.records[.invoices, default: 0] += 1
                guard let invoice = try? RecordDecoder.invoice(record) else { survey.unreadableInvoices += 1; continue }
                survey.add(invoice)
            }
        }
        if let stream = try export.stream(.payments) {
            while let record = try stream.next() {
                survey.records[.payments, default: 0] += 1
                guard let payment = try? RecordDecoder.payment(record) else { continue }
                survey.methods[payment.method, default: 0] += 1
            }
        }
        for entity in [ExportEntity.payouts, .customers] {
            guard let stream = try export.stream(entity) else { continue }
            while try stream.next() != nil { survey.records[entity, default: 0] += 1 }
        }
        return survey
    }

    private mutating func add(_ invoice: Invoice) {
        invoices += 1
        firstDate = min(firstDate ?? invoice.invoiceDate, invoice.invoiceDate)
        lastDate = max(lastDate ?? invoice.invoiceDate, invoice.invoiceDate)
        var named = Set<NameKey>()
        for line in invoice.taxLines {
            rate(line.name) { $0.tax = $0.tax + line.amount }
            named.insert(NameKey(line.name))
        }
        for line in invoice.lines {
            if line.taxable, let name = line.taxRate {
                rate(name) { _ in }
                named.insert(NameKey(name))
            }
            if let category = line.category { self.category(category) { $0.lines += 1 } }
        }
        for key in named { if let index = rateIndex[key] { rates[index].invoices += 1 } }
    }

    private mutating func rate(_ name: String, _ change: (inout Rate) -> Void) {
        let key = NameKey(name)
        if rateIndex[key] == nil {
            rateIndex[key] = rates.count
            rates.append(Rate(name: name))
        }
        change(&rates[rateIndex[key]!])
    }

    private mutating func category(_ name: String, _ change: (inout Category) -> Void) {
        let key = NameKey(name)
        if categoryIndex[key] == nil {
            categoryIndex[key] = categories.count
            categories.append(Category(name: name))
        }
        change(&categories[categoryIndex[key]!])
    }
}
