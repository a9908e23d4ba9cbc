import Foundation

/// Payments, refunds and payouts: two passes over the payments (the first
/// decides which payouts add up, the second writes), then one deposit per payout.
extension ConversionRun {
    /// A payout as read: where, its id, the payout or why it could not be read, and then its net when that still reads.
    typealias PayoutEntry = (location: SourceLocation, id: String?, payout: Result<Payout, Problem>, readableNet: Money?)

    func readPaymentsAndPayouts() throws {
        let payouts = try readPayouts()
        let payoutIDs = Set(payouts.compactMap { (try? $0.payout.get().id) ?? $0.id })
        let rules = PaymentRules(configuration: configuration,
                                 paymentProblem: books.accountProblem(configuration.payments.undepositedFundsAccount, role: "deposit"),
                                 refundProblem: refundProblem())
        let (duplicateIDs, paymentRecords) = try duplicatePaymentIDs()
        let lines = try PayoutLines(customers: names)
        var tallies = try tallyPayments(rules, duplicateIDs: duplicateIDs, lines: lines)
        for id in payoutIDs.sorted() where try exportedBatch(.payout, id) == nil {
            try addWaitingInLedger(forPayout: id, to: &tallies[id, default: PayoutTally()], lines: lines)
        }
        let decodedPayouts = payouts.compactMap { try? $0.payout.get() }
        let idCounts = decodedPayouts.reduce(into: [String: Int]()) { $0[$1.id, default: 0] += 1 }
        var verdicts: [String: PayoutVerdict] = [:]
        for entry in payouts {
            if case .failure(let problem) = entry.payout, let id = entry.id { verdicts[id] = .fail(problem) }
        }
        for payout in decodedPayouts {
            if let batch = try exportedBatch(.payout, payout.id) {
                verdicts[payout.id] = .skip("Already exported in batch \(batch)")
                continue
            }
            verdicts[payout.id] = payoutDecider.verdict(payout, tally: tallies[payout.id] ?? PayoutTally(), duplicated: idCounts[payout.id, default: 0] > 1)
        }
        try invoiceFacts?.forgetApplied()
        progress.begin("payments", total: paymentRecords)
        try forEachPayment { record, read in
            try writePayment(record, read, rules: rules, duplicateIDs: duplicateIDs, payoutIDs: payoutIDs, payoutVerdicts: verdicts,
                             depositLines: lines)
        }
        for entry in payouts { try writePayout(entry, verdicts: verdicts, lines: lines, tallies: tallies) }
        try recordWaitingForPayouts()
    }

    // MARK: Payouts

    /// The export's payouts as read; for one that could not be read, its net when that cell still reads.
    private func readPayouts() throws -> [PayoutEntry] {
        guard let stream = try export.stream(.payouts) else { return [] }
        progress.begin("payouts")
        var payouts: [PayoutEntry] = []
        while let record = try stream.next() {
            tick()
            let payout = Self.decode { try RecordDecoder.payout(record) }
            let readableNet = if case .failure = payout { RecordDecoder.readableNet(ofUnreadable: record) } else { Money?.none }
            payouts.append((record.location, record.id, payout, readableNet))
        }
        return payouts
    }

    private func writePayout(_ entry: PayoutEntry,
                             verdicts: [String: PayoutVerdict], lines: PayoutLines,
                             tallies: [String: PayoutTally]) throws {
        var row = ReportRow(timestamp: "", entityType: .payout, sourceID: entry.id ?? "", entity: "Payout \(entry.id ?? "?")",
                            status: .failed, message: "", fix: "", source: entry.location.description, targets: [], isSourceRow: true)
        switch entry.payout {
        case .failure(let problem):
            row.fail(problem)
            if let net = entry.readableNet {
                row.describe(date: nil, amount: net)
                log.recordMoney { $0.payoutNetInExport = $0.payoutNetInExport + net; $0.payoutNetFailed = $0.payoutNetFailed + net }
            }
        case .success(let payout):
            row.timestamp = payout.arrivalDate.description
            row.describe(date: payout.arrivalDate.description, amount: payout.net)
            log.recordMoney { $0.payoutNetInExport = $0.payoutNetInExport + payout.net }
            let verdict = verdicts[payout.id] ?? .fail(.unexpected("payout \(payout.id) without a verdict"))
            row.status = verdict.status
            row.message = verdict.note
            if let problem = verdict.problem { row.fail(problem) }
            switch verdict.status {
            case .failed: log.recordMoney { $0.payoutNetFailed = $0.payoutNetFailed + payout.net }
            case .skipped: log.recordMoney { $0.payoutNetSkipped = $0.payoutNetSkipped + payout.net }
            case .success:
                let earlier = tallies[payout.id] ?? PayoutTally()
                var depositLines = try lines.lines(ofPayout: payout.id) + earlier.earlierLines
                if payout.fees != .zero { depositLines.append(.fee(account: configuration.payments.stripeFeeAccount, amount: payout.fees)) }
                let deposit = QBDeposit(sourceID: payout.id, date: payout.arrivalDate, account: configuration.payments.stripePayoutAccount,
                                        fromAccount: configuration.payments.undepositedFundsAccount, lines: depositLines, net: payout.net)
                guard deposit.balances else {
                    throw FatalError(.unwritableOutput, "payout \(payout.id): its deposit's lines add up to \(depositLines.reduce(Money.zero) { $0 + $1.signedAmount }) but its net is \(payout.net); rac2qb writes no transaction that does not balance, so nothing was written (please report this)")
                }
                addAccount(deposit.account, .bank)
                addAccount(deposit.fromAccount, .undepositedFunds)
                if payout.fees != .zero { addAccount(configuration.payments.stripeFeeAccount, .expense) }
                for writer in writers { row.targets += try writer.add(deposit) }
                try recordPayout(payout, lines: depositLines, targets: row.targets)
                let fromEarlier = earlier.earlierLines.isEmpty ? "" : ", \(earlier.earlierLines.count) of them written by earlier batches"
                row.message = "Deposit of \(payout.net) into \(deposit.account) (\(depositLines.count) lines\(fromEarlier))"
                    + formats.compactMap(\.profile.depositStep).map { "; \($0)" }.joined()
                log.recordMoney {
                    $0.depositsWritten = $0.depositsWritten + payout.net
                    $0.depositedFromEarlierBatches = $0.depositedFromEarlierBatches + earlier.earlierPayments - earlier.earlierRefunds
                }
            }
        }
        try log.add(row)
    }

    // MARK: Payments

    /// A payment record as read: its decoding, and what its row needs of it even when it does not decode.
    struct PaymentRead {
        var payment: Result<Payment, Problem>
        var isRefund: Bool
        var invoiceID: String?

        init(_ record: RawRecord) {
            payment = ConversionRun.decode { try RecordDecoder.payment(record) }
            let fields = try? record.content.get()
            isRefund = fields?.string("kind") == "refund"
            invoiceID = fields?.string("invoice_id")
        }
    }

    /// Streams the payments file, each record decoded on the reading thread.
    private func forEachPayment(_ body: (RawRecord, PaymentRead) throws -> Void) throws {
        guard let stream = try export.stream(.payments) else { return }
        let reader = RecordReader(stream, decode: PaymentRead.init, readsAhead: options.readsAhead)
        defer { reader.stop() }
        while let (record, read) = try reader.next() {
            try body(record, read)
        }
    }

    /// Payment ids that occur more than once (all their records fail), and how many records the files hold.
    private func duplicatePaymentIDs() throws -> (ids: Set<String>, records: Int) {
        try DuplicateIDs.find({ try export.stream(.payments) }, tick: {})
    }

    /// What this run decided of the payment's invoice, and what earlier batches tell of it that the rules do not know yet
    /// (nothing from them without a ledger).
    private func history(of payment: Payment) throws -> PaymentHistory {
        var history = PaymentHistory(decidedInvoice: try invoiceFacts?.lookup(payment.invoiceID),
                                     appliedInRun: try invoiceFacts?.applied(to: payment.invoiceID) ?? nil)
        guard ledger != nil else { return history }
        if history.decidedInvoice == nil { history.earlierInvoice = try earlierExport(of: .invoice, payment.invoiceID) }
        if history.appliedInRun == nil { history.appliedEarlier = try appliedEarlier(toInvoice: payment.invoiceID) }
        return history
    }

    /// The rules' verdict on a payment, its history gathered first; what an accepted one leaves applied to its invoice is kept.
    private func decide(_ payment: Payment, rules: PaymentRules) throws -> (verdict: PaymentRules.Verdict, history: PaymentHistory) {
        let history = try history(of: payment)
        let verdict = rules.verdict(payment, history: history)
        if case .accept(_, _, _, let applied) = verdict { try invoiceFacts?.setApplied(applied, to: payment.invoiceID) }
        return (verdict, history)
    }

    /// A decoded record, or the `Problem` that failed it.
    static func decode<T>(_ decoder: () throws -> T) -> Result<T, Problem> {
        Result(catching: decoder).mapError { $0 as? Problem ?? .undecodable($0) }
    }

    /// Pass one: what each payout's payments add up to (those earlier batches wrote at the ledger's figures),
    /// and whether one of them fails on its own.
    private func tallyPayments(_ rules: PaymentRules, duplicateIDs: Set<String>, lines: PayoutLines) throws -> [String: PayoutTally] {
        var tallies: [String: PayoutTally] = [:]
        try forEachPayment { _, read in
            guard case .success(let payment) = read.payment, let payout = payment.payoutID else { return }
            try lines.add(payment.id, toPayout: payout)
            if !duplicateIDs.contains(payment.id), let earlier = try earlierExport(of: payment.kind == .refund ? .refund : .payment, payment.id) {
                try addEarlier(earlier, to: &tallies[payout, default: PayoutTally()])
                return
            }
            switch payment.kind {
            case .payment: tallies[payout, default: PayoutTally()].payments = tallies[payout, default: PayoutTally()].payments + payment.amount
            case .refund: tallies[payout, default: PayoutTally()].refunds = tallies[payout, default: PayoutTally()].refunds + payment.amount
            }
            guard tallies[payout]?.failedPayment == nil else { return }
            if duplicateIDs.contains(payment.id) {
                tallies[payout]?.failedPayment = "its \(payment.kind.rawValue) \(payment.id) has a duplicate ID"
            } else if case .fail(let problem) = try decide(payment, rules: rules).verdict {
                tallies[payout]?.failedPayment = problem.cause.map { "\($0) (its \(payment.kind.rawValue) \(payment.id) applies to it)" }
                    ?? "its \(payment.kind.rawValue) \(payment.id) failed: \(problem.message)"
            }
        }
        return tallies
    }

    private func writePayment(_ record: RawRecord, _ read: PaymentRead, rules: PaymentRules,
                              duplicateIDs: Set<String>, payoutIDs: Set<String>, payoutVerdicts: [String: PayoutVerdict],
                              depositLines: PayoutLines) throws {
        tick()
        let isRefund = read.isRefund
        var row = ReportRow(timestamp: "", entityType: isRefund ? .refund : .payment, sourceID: record.id ?? "",
                            entity: "\(isRefund ? "Refund" : "Payment") \(record.id ?? "?")", status: .failed, message: "", fix: "",
                            source: record.location.description, targets: [], isSourceRow: true)
        defer {
            if let invoiceID = read.invoiceID { capturePreviewPayment(row, invoiceID: invoiceID) }
            try? log.add(row)
        }
        let payment: Payment
        switch read.payment {
        case .failure(let problem):
            row.fail(problem)
            return
        case .success(let value): payment = value
        }
        row.timestamp = payment.receivedAt.text
        row.describe(customer: "invoice #\(payment.invoiceID)", date: payment.receivedAt.date.description, amount: payment.amount)
        if duplicateIDs.contains(payment.id) {
            let problem = Problem.duplicateID(payment.id, entity: payment.kind == .refund ? .refund : .payment, file: export.fileNames(.payments))
            row.fail(problem)
            return
        }
        if let batch = try exportedBatch(payment.kind == .refund ? .refund : .payment, payment.id) {
            row.status = .skipped
            row.message = "Already exported in batch \(batch)"
            if let payout = payment.payoutID, payoutVerdicts[payout]?.status == .success {
                row.message += payment.kind == .refund ? "; the deposit of Stripe payout \(payout) pays it out now"
                    : "; the deposit of Stripe payout \(payout) takes it out of \(configuration.payments.undepositedFundsAccount) now"
            }
            return
        }
        let (verdict, history) = try decide(payment, rules: rules)
        let (customer, invoiceRef, invoiceTxnID): (String, String?, String?)
        switch verdict {
        case .skip(let reason):
            row.status = .skipped
            row.message = reason
            return
        case .fail(let problem):
            row.fail(problem)
            return
        case .accept(let name, let ref, let txnID, _): (customer, invoiceRef, invoiceTxnID) = (customers.quickBooksName(name), ref, txnID)
        }
        if let payout = payment.payoutID, let payoutVerdict = payoutVerdicts[payout], payoutVerdict.status == .failed {
            let cause = payoutVerdict.problem.map { $0.cause ?? $0.message } ?? "the payout failed"
            row.fail(.paymentPayoutFailed(cause: cause, payout: payout, what: payment.kind.rawValue))
            return
        }
        row.status = .success
        let waitsFor = payment.payoutID.flatMap { payoutIDs.contains($0) ? nil : $0 }
        try write(payment, customer: customer, invoiceRef: invoiceRef, invoiceTxnID: invoiceTxnID, waitsFor: waitsFor,
                  invoiceHeldByQuickBooks: history.decidedInvoice?.fact.isHeldByQuickBooks ?? false, into: &row)
        try recordPayment(payment, customer: customer, targets: row.targets)
        if let payout = payment.payoutID, payoutVerdicts[payout]?.status == .success {
            try depositLines.append(payment.kind == .payment
                ? .payment(sourceID: payment.id, customer: customer, amount: payment.amount)
                : .refund(sourceID: payment.id, customer: customer, amount: payment.amount), toPayout: payout)
        }
    }

    /// `waitsFor`: the Stripe payout the payment names when this export does not hold it; `invoiceHeldByQuickBooks`:
    /// whether the export's invoice is in QuickBooks after this batch (its balance then drops by the payment).
    private func write(_ payment: Payment, customer: String, invoiceRef: String?, invoiceTxnID: String?, waitsFor: String?,
                       invoiceHeldByQuickBooks: Bool, into row: inout ReportRow) throws {
        let date = payment.receivedAt.date
        let invoiceLabel = "invoice #\(invoiceRef ?? payment.invoiceID)"
        switch payment.kind {
        case .payment:
            let named = configuration.payments.paymentMethodNames[payment.method] ?? payment.method.rawValue
            let (cutMethod, methodCut) = FieldLimits.cut(named, .paymentMethod, formats: formats)
            let method = cutMethod ?? named
            let (reference, referenceCut) = FieldLimits.cut(payment.reference, .paymentReference, formats: formats)
            for note in [methodCut, referenceCut].compactMap({ $0 }) { row.warn(note) }
            let posting = QBPayment(sourceID: payment.id, customer: customer, date: date, amount: payment.amount, method: method,
                                    reference: reference, fullReference: payment.reference,
                                    depositAccount: configuration.payments.undepositedFundsAccount,
                                    invoiceID: payment.invoiceID, invoiceRefNumber: invoiceRef, invoiceTxnID: invoiceTxnID)
            addAccount(posting.depositAccount, .undepositedFunds)
            addAccount(QBInvoice.receivableAccount, .accountsReceivable)
            for writer in writers { row.targets += try writer.add(posting) }
            row.message = "Applied to \(invoiceLabel) (\(customer)), \(payment.amount) by \(method) into \(posting.depositAccount)"
            if let waitsFor {
                row.message += "; waits there for Stripe payout \(waitsFor)"
                row.warn("Waits in \(posting.depositAccount) for Stripe payout \(waitsFor) (not in this export): its deposit takes it out when an export holds the payout")
                log.recordMoney { $0.paymentsWaitingForPayout = $0.paymentsWaitingForPayout + payment.amount }
            }
            for caveat in formats.compactMap(\.profile.paymentUnlinked) + formats.compactMap(\.profile.paymentByHand) { row.warn(caveat) }
            try worksheet?.add(posting)
            log.recordMoney { $0.paymentsWritten = $0.paymentsWritten + payment.amount }
            if invoiceHeldByQuickBooks { balances.pay(customer: customer, payment.amount) }
        case .refund:
            let item = try refundItem()
            let memo = QBCreditMemo(sourceID: payment.id, customer: customer, date: date, amount: payment.amount, item: item.name,
                                    account: item.account, invoiceID: payment.invoiceID, invoiceRefNumber: invoiceRef)
            addAccount(QBInvoice.receivableAccount, .accountsReceivable)
            useSalesTaxItem(nil, ratePercent: nil)
            for writer in writers { row.targets += try writer.add(memo) }
            row.message = "Credit memo of \(payment.amount) for \(customer) (\(invoiceLabel))"
            if payment.payoutID != nil, configuration.payments.autoReconcilePayouts {
                row.message += "; paid out of payout \(payment.payoutID ?? "")'s deposit"
                if let waitsFor {
                    row.message += ", which it waits for"
                    row.warn("Waits for Stripe payout \(waitsFor) (not in this export): its deposit pays the refund out when an export holds the payout")
                    log.recordMoney { $0.refundsWaitingForPayout = $0.refundsWaitingForPayout + payment.amount }
                }
            } else {
                row.warn("Refund the credit from QuickBooks (it was not paid out of a Stripe payout)")
            }
            for caveat in formats.compactMap(\.profile.creditMemoByHand) { row.warn(caveat) }
            log.recordMoney { $0.refundsWritten = $0.refundsWritten + payment.amount }
        }
    }

    /// Why refunds cannot be written: the `Refund` item is unusable, or its income account inactive.
    private func refundProblem() -> Problem? {
        switch items.resolveRefund() {
        case .unavailable(let problem): problem
        case let resolution: resolution.item.flatMap { books.accountProblem($0.account, role: "income") }
        }
    }

    /// The `Refund` item, added to the lists the first time a refund needs it
    /// (the payment rules have refused refunds when it is unusable).
    private func refundItem() throws -> QBItem {
        let resolution = items.resolveRefund()
        items.commit(resolution, as: ItemCatalog.refundItem)
        switch resolution {
        case .new(let item, _):
            try log.add(ReportRow(timestamp: "", entityType: .item, sourceID: "", entity: "Item \(item.name)", status: .success,
                                  message: "Created for refunds' credit memos", fix: "", source: "",
                                  targets: addItem(item, original: ItemCatalog.refundItem), isSourceRow: false))
            return item
        case .assumed(let item), .inBooks(let item), .existing(let item):
            return item
        case .unavailable(let problem):
            throw problem
        }
    }
}
