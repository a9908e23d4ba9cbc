import Foundation

/// IIF payments, credit memos and deposits, with the kit's sign rules:
/// PAYMENT debits Undeposited Funds and credits A/R; CREDIT MEMO credits A/R;
/// DEPOSIT debits the bank and credits what it moves out of Undeposited Funds.
/// IIF cannot link a payment to its invoice: the report's worksheet lists how to apply each.
extension IIFWriter {
    func add(_ payment: QBPayment) throws -> [OutputTarget] {
        let date = payment.date.usSlashed
        let memo = "Payment for invoice #\(payment.invoiceRefNumber ?? payment.invoiceID)"
        var data = transactionRow(type: "PAYMENT", date: date, account: payment.depositAccount, name: payment.customer,
                                  amount: payment.amount, docNumber: payment.reference, memo: memo, paymentMethod: payment.method)
        data.append(splitRow(type: "PAYMENT", date: date, account: QBInvoice.receivableAccount, name: payment.customer,
                             amount: -payment.amount, docNumber: payment.reference, memo: memo))
        data.append(IIFEncoding.row(["ENDTRNS"]))
        return try append(data)
    }

    func add(_ creditMemo: QBCreditMemo) throws -> [OutputTarget] {
        let date = creditMemo.date.usSlashed
        let memo = "Refund \(creditMemo.sourceID) of invoice #\(creditMemo.invoiceRefNumber ?? creditMemo.invoiceID)"
        var data = transactionRow(type: "CREDIT MEMO", date: date, account: QBInvoice.receivableAccount, name: creditMemo.customer,
                                  amount: -creditMemo.amount, docNumber: nil, memo: memo, paymentMethod: nil)
        data.append(splitRow(type: "CREDIT MEMO", date: date, account: creditMemo.account, name: nil, amount: creditMemo.amount,
                             docNumber: nil, memo: memo, quantity: "1", price: creditMemo.amount.description, item: creditMemo.item))
        if edition == .us {
            let auto = autoTax(item: nil, ratePercent: nil)
            data.append(splitRow(type: "CREDIT MEMO", date: date, account: QBInvoice.salesTaxAccount, name: auto.agency, amount: .zero,
                                 docNumber: nil, memo: nil, price: auto.rate, item: auto.item, extra: "AUTOSTAX"))
        }
        data.append(IIFEncoding.row(["ENDTRNS"]))
        return try append(data)
    }

    func add(_ deposit: QBDeposit) throws -> [OutputTarget] {
        let date = deposit.date.usSlashed
        var data = transactionRow(type: "DEPOSIT", date: date, account: deposit.account, name: nil, amount: deposit.net,
                                  docNumber: nil, memo: "Stripe payout \(deposit.sourceID)", paymentMethod: nil)
        for line in deposit.lines {
            switch line {
            case .payment(let id, let customer, let amount, _):
                data.append(splitRow(type: "DEPOSIT", date: date, account: deposit.fromAccount, name: customer, amount: -amount,
                                     docNumber: nil, memo: "Payment \(id)"))
            case .refund(let id, let customer, let amount):
                data.append(splitRow(type: "DEPOSIT", date: date, account: QBInvoice.receivableAccount, name: customer, amount: amount,
                                     docNumber: nil, memo: "Refund \(id)"))
            case .fee(let account, let amount):
                data.append(splitRow(type: "DEPOSIT", date: date, account: account, name: nil, amount: amount,
                                     docNumber: nil, memo: "Stripe fees"))
            }
        }
        data.append(IIFEncoding.row(["ENDTRNS"]))
        return try append(data)
    }

    private func transactionRow(type: String, date: String, account: String, name: String?, amount: Money,
                                docNumber: String?, memo: String, paymentMethod: String?) -> Data {
        let blanks = Array(repeating: "", count: 5)
        return IIFEncoding.row(["TRNS", "", type, date, IIFEncoding.cell(account), IIFEncoding.cell(name), amount.description,
                                IIFEncoding.cell(docNumber), IIFEncoding.cell(memo), "N", "N", "N"] + blanks +
                               ["", "", "N", ""] + blanks + ["N", IIFEncoding.cell(paymentMethod)])
    }

    private func splitRow(type: String, date: String, account: String, name: String?, amount: Money, docNumber: String?,
                          memo: String?, quantity: String = "", price: String = "", item: String? = nil, extra: String = "") -> Data {
        var cells = ["SPL", "", type, date, IIFEncoding.cell(account), IIFEncoding.cell(name), amount.description,
                     IIFEncoding.cell(docNumber), IIFEncoding.cell(memo), "N", quantity, price, IIFEncoding.cell(item), "N", extra]
        if edition != .us { cells.append("") }
        return IIFEncoding.row(cells)
    }
}
