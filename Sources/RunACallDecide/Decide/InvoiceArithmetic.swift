import RunACallSupport
import RunACallRead

/// Checks an invoice's figures against each other: line amount = quantity ×
/// unit price (half-up to cents), subtotal = Σ lines, tax total = Σ tax
/// lines, total = subtotal − discount − member discount + tax.
enum InvoiceArithmetic {
    static func check(_ invoice: Invoice) throws {
        for (position, line) in invoice.lines.enumerated() {
            let computed = line.quantity.multipliedRoundingToCents(line.unitPrice)
            if computed != line.amount {
                throw Problem.lineMismatch(line: position + 1, amount: line.amount, quantity: line.quantity,
                                              unitPrice: line.unitPrice, computed: computed)
            }
        }
        let subtotal = invoice.lines.reduce(Money.zero) { $0 + $1.amount }
        if let given = invoice.subtotal, given != subtotal {
            throw Problem.totalMismatch(field: "subtotal", given: given, computed: subtotal, formula: "the sum of the line amounts")
        }
        let tax = invoice.taxLines.reduce(Money.zero) { $0 + $1.amount }
        if let given = invoice.taxTotal, given != tax {
            throw Problem.totalMismatch(field: "tax_total", given: given, computed: tax, formula: "the sum of the tax lines")
        }
        let discount = invoice.discount?.amount ?? .zero
        let memberDiscount = invoice.memberDiscount?.amount ?? .zero
        let total = subtotal - discount - memberDiscount + tax
        if let given = invoice.total, given != total {
            throw Problem.totalMismatch(
                field: "total", given: given, computed: total,
                formula: "subtotal \(subtotal) − discount \(discount) − member discount \(memberDiscount) + tax \(tax)")
        }
    }

    /// The invoice total as its lines, discounts and tax make it.
    static func total(of invoice: Invoice) -> Money {
        invoice.lines.reduce(Money.zero) { $0 + $1.amount } - (invoice.discount?.amount ?? .zero)
            - (invoice.memberDiscount?.amount ?? .zero) + invoice.taxLines.reduce(Money.zero) { $0 + $1.amount }
    }
}
