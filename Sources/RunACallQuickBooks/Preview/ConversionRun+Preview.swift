import Foundation

/// Follows the invoice `preview` asks for through the run.
extension ConversionRun {
    /// Records the invoice's row and, when it is written, how its customer, items and accounts land.
    func capturePreview(_ row: ReportRow, invoice: Invoice?, mapping: InvoiceMapping?) {
        guard let wanted = options.previewInvoiceID, row.sourceID == wanted, preview == nil else { return }
        var preview = InvoicePreview(invoiceID: wanted, source: row.source, status: row.status.rawValue, message: row.message,
                                     fix: row.fix, warning: row.warning, paymentAccount: configuration.payments.undepositedFundsAccount,
                                     payoutAccount: configuration.payments.autoReconcilePayouts ? configuration.payments.stripePayoutAccount : nil)
        if let invoice {
            preview.customer = invoice.customer.email.map { "\(invoice.customer.name) <\($0)>" } ?? invoice.customer.name
        }
        if let mapping, case .write(let posting) = mapping.outcome {
            preview.quickBooksCustomer = posting.customer
            preview.customerLanding = mapping.customerLanding?.description
            preview.lines = zip(posting.lines, mapping.itemLandings).map { line, landing in
                InvoicePreview.Line(item: line.item, landing: landing.description, account: line.account,
                                    amount: line.amount.description, taxCode: line.taxCode)
            }
            preview.salesTax = posting.salesTax.map { tax in "\(tax.item ?? "none") — \(tax.amount)" + quickBooksTaxNote(tax) }
            preview.total = posting.total.description
            var lists = RunLists()
            lists.items = mapping.createdItems.map(\.item)
            var declared = Set<NameKey>()
            let accounts = Self.accounts(of: posting) + lists.items.map { ($0.account, .income) }
            for (name, type) in accounts where !books.hasAccount(name) && declared.insert(NameKey(name)).inserted {
                lists.accounts.append(QBAccount(name: name, type: type))
            }
            previewPosting = (posting, mapping.createdCustomer?.customer, lists)
        }
        self.preview = preview
    }

    /// What QuickBooks computes where it computes the tax itself (qbXML, QBO CSV), or that qbXML carries the tax as its own line.
    private func quickBooksTaxNote(_ tax: QBSalesTax) -> String {
        let computing = TaxPlan.computingFormats(formats)
        guard !computing.isEmpty, tax.item != nil else { return "" }
        if let computed = tax.quickBooksComputes, let rate = tax.booksRatePercent, !tax.asTaxLine {
            return " (\(computing.map(\.displayName).joined(separator: ", ")): QuickBooks computes \(computed) at the item's \(rate)%)"
        }
        var notes: [String] = []
        if tax.asTaxLine, let exactLine = TaxPlan.exactLineFormat(formats) {
            let line = tax.amount == .zero ? "no tax line" : "its own line of \(tax.amount) on the item"
            notes.append("\(exactLine.displayName): \(line), every other line non-taxable")
        }
        if let computedOnly = TaxPlan.computedOnlyFormat(formats), tax.booksRatePercent == nil {
            notes.append("\(computedOnly.displayName): QuickBooks computes it at the item's own rate, which the books do not give")
        }
        return notes.isEmpty ? "" : " (\(notes.joined(separator: "; ")))"
    }

    /// Records a payment or refund row of the previewed invoice.
    func capturePreviewPayment(_ row: ReportRow, invoiceID: String?) {
        guard let wanted = options.previewInvoiceID, invoiceID == wanted else { return }
        preview?.payments.append(InvoicePreview.Payment(id: row.sourceID, kind: row.entityType.rawValue, status: row.status.rawValue,
                                                        message: row.message, fix: row.fix, warning: row.warning))
    }

    /// The finished preview, with the text each format gets for the invoice; nil when the export has no such invoice.
    func finishPreview(scratch: URL) throws -> InvoicePreview? {
        guard var preview else { return nil }
        if let (invoice, customer, lists) = previewPosting {
            preview.files = try PreviewRenderer.render(invoice, customer: customer, lists: lists, configuration: configuration,
                                                       into: scratch.appendingPathComponent("preview"))
        }
        return preview
    }
}
