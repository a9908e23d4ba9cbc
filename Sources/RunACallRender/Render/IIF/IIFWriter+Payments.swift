import Foundation
import RunACallDecide
import RunACallSupport

/// IIF payments, credit memos and deposits, with the kit's sign rules:
/// PAYMENT debits Undeposited Funds and credits A/R; CREDIT MEMO credits A/R;
/// DEPOSIT debits the bank and credits what it moves out of Undeposited Funds.
/// IIF cannot link a payment to its invoice: the report's worksheet lists how to apply each.
extension IIFWriter {
    func add(_ payment: QBPayment) throws -> [OutputTarget] {
        try append { [self] in rows(of: payment) }
    }

    private func rows(of payment: QBPayment) -> IIFRows {
        let date = payment.date.usSlashed
        let memo = "Payment for invoice #\(payment.invoiceRefNumber ?? payment.invoiceID)"
        var rows = IIFRows()
        transactionRow(type: "PAYMENT", date: date, account: payment.depositAccount, name: payment.customer,
                       amount: payment.amount, docNumber: payment.reference, memo: memo, paymentMethod: payment.method, into: &rows)
        splitRow(type: "PAYMENT", date: date, account: QBInvoice.receivableAccount, name: payment.customer,
                 amount: -payment.amount, docNumber: payment.reference, memo: memo, into: &rows)
        rows.row(["ENDTRNS"])
        return rows
    }

    func add(_ creditMemo: QBCreditMemo) throws -> [OutputTarget] {
        try append { [self] in rows(of: creditMemo) }
    }

    private func rows(of creditMemo: QBCreditMemo) -> IIFRows {
        let date = creditMemo.date.usSlashed
        let memo = "Refund \(creditMemo.sourceID) of invoice #\(creditMemo.invoiceRefNumber ?? creditMemo.invoiceID)"
        var rows = IIFRows()
        transactionRow(type: "CREDIT MEMO", date: date, account: QBInvoice.receivableAccount, name: creditMemo.customer,
                       amount: -creditMemo.amount, docNumber: nil, memo: memo, paymentMethod: nil, into: &rows)
        splitRow(type: "CREDIT MEMO", date: date, account: creditMemo.account, name: nil, amount: creditMemo.amount,
                 docNumber: nil, memo: memo, quantity: "1", price: creditMemo.amount.description, item: creditMemo.item, into: &rows)
        if edition == .us {
            let auto = autoTax(item: nil, ratePercent: nil)
            splitRow(type: "CREDIT MEMO", date: date, account: QBInvoice.salesTaxAccount, name: auto.agency, amount: .zero,
                     docNumber: nil, memo: nil, price: auto.rate, item: auto.item, extra: "AUTOSTAX", into: &rows)
        }
        rows.row(["ENDTRNS"])
        return rows
    }

    func add(_ deposit: QBDeposit) throws -> [OutputTarget] {
        try append(weight: deposit.lines.count) { [self] in rows(of: deposit) }
    }

    private func rows(of deposit: QBDeposit) -> IIFRows {
        let date = deposit.date.usSlashed
        var rows = IIFRows()
        transactionRow(type: "DEPOSIT", date: date, account: deposit.account, name: nil, amount: deposit.net,
                       docNumber: nil, memo: "Stripe payout \(deposit.sourceID)", paymentMethod: nil, into: &rows)
        for line in deposit.lines {
            switch line {
            case .payment(let id, let customer, let amount, _):
                splitRow(type: "DEPOSIT", date: date, account: deposit.fromAccount, name: customer, amount: -amount,
                         docNumber: nil, memo: "Payment \(id)", into: &rows)
            case .refund(let id, let customer, let amount):
                splitRow(type: "DEPOSIT", date: date, account: QBInvoice.receivableAccount, name: customer, amount: amount,
                         docNumber: nil, memo: "Refund \(id)", into: &rows)
            case .fee(let account, let amount):
                splitRow(type: "DEPOSIT", date: date, account: account, name: nil, amount: amount,
                         docNumber: nil, memo: "Stripe fees", into: &rows)
            }
        }
        rows.row(["ENDTRNS"])
        return rows
    }

    private func transactionRow(type: String, date: String, account: String, name: String?, amount: Money,
                                docNumber: String?, memo: String, paymentMethod: String?, into rows: inout IIFRows) {
        rows.cells(["TRNS", "", type, date, IIFEncoding.cell(account), IIFEncoding.cell(name)])
        rows.cell(amount)
        rows.cells([IIFEncoding.cell(docNumber), IIFEncoding.cell(memo), "N", "N", "N", "", "", "", "", "", "", "", "N", "",
                    "", "", "", "", "", "N", IIFEncoding.cell(paymentMethod)])
        rows.endRow()
    }

    private func splitRow(type: String, date: String, account: String, name: String?, amount: Money, docNumber: String?,
                          memo: String?, quantity: String = "", price: String = "", item: String? = nil, extra: String = "",
                          into rows: inout IIFRows) {
        rows.cells(["SPL", "", type, date, IIFEncoding.cell(account), IIFEncoding.cell(name)])
        rows.cell(amount)
        rows.cells([IIFEncoding.cell(docNumber), IIFEncoding.cell(memo), "N", quantity, price, IIFEncoding.cell(item), "N", extra])
        if edition != .us { rows.cell("") }
        rows.endRow()
    }
}
