import Foundation
import RunACallDecide
import RunACallRead
import RunACallSupport

/// qbXML payments, credit memos and deposits. A payment applies to its invoice
/// through the invoice's macro (`AppliedToTxnAdd/TxnID useMacro`), never IsAutoApply;
/// a deposit takes its payments out of Undeposited Funds through theirs, or through the TxnID QuickBooks
/// gave a payment of an earlier batch (`DepositLineAdd/PaymentTxnID`, which the 13.0 schema allows either way).
extension QBXMLWriter {
    static let paymentReferenceLimit = 20

    public func add(_ payment: QBPayment) throws -> [OutputTarget] {
        try transaction("ReceivePaymentAdd", name: Self.transactionName("pay", payment.sourceID)) { xml in
            xml.reference("CustomerRef", payment.customer)
            xml.element("TxnDate", payment.date.description)
            xml.element("RefNumber", payment.reference.map { QuickBooksText.prefix(QBXMLText.clean($0), Self.paymentReferenceLimit) })
            xml.element("TotalAmount", payment.amount.description)
            xml.reference("PaymentMethodRef", QuickBooksText.prefix(QBXMLText.clean(payment.method), Self.referenceLimit))
            let reference = payment.fullReference.map { ", reference \(QBXMLText.clean($0))" } ?? ""
            xml.element("Memo", QBXMLText.clean("Payment \(payment.sourceID) for invoice #\(payment.invoiceRefNumber ?? payment.invoiceID)\(reference)"))
            xml.reference("DepositToAccountRef", payment.depositAccount)
            xml.start("AppliedToTxnAdd")
            if let txnID = payment.invoiceTxnID {
                xml.element("TxnID", txnID)
            } else {
                xml.empty("TxnID", ["useMacro": "TxnID:\(Self.transactionName("inv", payment.invoiceID))"])
            }
            xml.element("PaymentAmount", payment.amount.description)
            xml.end()
        }
    }

    public func add(_ creditMemo: QBCreditMemo) throws -> [OutputTarget] {
        try transaction("CreditMemoAdd", name: Self.transactionName("cm", creditMemo.sourceID)) { [edition] xml in
            xml.reference("CustomerRef", creditMemo.customer)
            xml.element("TxnDate", creditMemo.date.description)
            xml.element("Memo", QBXMLText.clean("Refund \(creditMemo.sourceID) of invoice #\(creditMemo.invoiceRefNumber ?? creditMemo.invoiceID)"))
            xml.start("CreditMemoLineAdd")
            xml.reference("ItemRef", creditMemo.item)
            xml.element("Desc", "Refund")
            xml.element("Amount", creditMemo.amount.description)
            if edition == .us { xml.reference("SalesTaxCodeRef", "Non") }
            xml.end()
        }
    }

    public func add(_ deposit: QBDeposit) throws -> [OutputTarget] {
        try transaction("DepositAdd", name: Self.transactionName("dep", deposit.sourceID), weight: deposit.lines.count) { xml in
            xml.element("TxnDate", deposit.date.description)
            xml.reference("DepositToAccountRef", deposit.account)
            xml.element("Memo", "Stripe payout \(QBXMLText.clean(deposit.sourceID))")
            for line in deposit.lines {
                xml.start("DepositLineAdd")
                switch line {
                case .payment(_, _, _, let txnID?):
                    xml.element("PaymentTxnID", txnID)
                case .payment(let id, _, _, nil):
                    xml.empty("PaymentTxnID", ["useMacro": "TxnID:\(Self.transactionName("pay", id))"])
                case .refund(let id, let customer, let amount):
                    xml.reference("EntityRef", customer)
                    xml.reference("AccountRef", QBInvoice.receivableAccount)
                    xml.element("Memo", "Refund \(QBXMLText.clean(id))")
                    xml.element("Amount", (-amount).description)
                case .fee(let account, let amount):
                    xml.reference("AccountRef", account)
                    xml.element("Memo", "Stripe fees")
                    xml.element("Amount", (-amount).description)
                }
                xml.end()
            }
        }
    }

    /// One `<kind>Rq` request named `req-<name>` whose transaction defines the macro `TxnID:<name>`.
    private func transaction(_ kind: String, name: String, weight: Int = 1, body: @escaping (XMLFragmentWriter) -> Void) throws -> [OutputTarget] {
        try append(anchor: "req-\(name)", weight: weight) { xml in
            xml.start("\(kind)Rq", ["requestID": "req-\(name)"])
            xml.start(kind, ["defMacro": "TxnID:\(name)"])
            body(xml)
            xml.end()
            xml.end()
        }
    }
}
