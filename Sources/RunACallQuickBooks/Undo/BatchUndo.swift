import Foundation

/// `rac2qb undo BATCH`: what removes a batch from QuickBooks, and the ledger
/// forgetting it. Records whose QuickBooks identity is known (ingested qbXML
/// responses) are deleted by a qbXML file of TxnDelRq / ListDelRq, in reverse
/// dependency order (deposits, credit memos, payments, invoices, then the
/// customers and items the batch created); the rest (IIF and CSV batches,
/// responses not ingested, updates and voids, which no delete reverses) are
/// listed for the user to undo by hand.
public enum BatchUndo {
    /// One record of the batch and how it is undone.
    public struct Step: Sendable, Equatable {
        public enum Kind: String, Sendable { case qbxml = "qbXML request", byHand = "by hand" }
        public let kind: Kind
        public let entity: String
        public let sourceID: String
        /// Its doc number or QuickBooks name, and amount, as the batch wrote them.
        public let quickBooksName: String
        public let amount: String
        public let instruction: String
    }

    public struct Plan: Sendable {
        public let batch: Int64
        public let steps: [Step]
        /// Files written (with a dry run: the files undo would write), relative to `folder`.
        public internal(set) var files: [String] = []
        public internal(set) var folder = URL(fileURLWithPath: ".")
    }

    /// Plans the undo of the latest committed batch (`batch` must be it: later batches may build on earlier ones),
    /// writes its files into `output` (default: the folder the batch was written to), and makes the ledger forget the batch.
    /// A `dryRun` only plans: it writes nothing, and reads the ledger without taking it from another run.
    public static func undo(batch: Int64, ledger url: URL, output: URL?, qbxmlVersion: String, dryRun: Bool,
                            ledgerWait: TimeInterval? = nil) throws -> Plan {
        let ledger = try dryRun ? Ledger(url: url) : Ledger(url: url, lockingFor: "rac2qb undo", wait: ledgerWait ?? LedgerLock.defaultWait)
        guard let latest = try ledger.batches().last?.id else { throw FatalError(.usage, "\(url.path): the ledger holds no batch") }
        guard batch == latest else {
            throw FatalError(.usage, "batch \(batch) is not the latest batch (\(latest)): undo the later batches first, newest first (they may pay, update or void what batch \(batch) wrote)")
        }
        var entries: [LedgerEntry] = []
        try ledger.exports(inBatch: batch) { entries.append($0) }
        let ordered = entries.enumerated().sorted { lhs, rhs in
            let (left, right) = (order(lhs.element), order(rhs.element))
            return left != right ? left < right : lhs.offset > rhs.offset
        }.map(\.element)
        var plan = Plan(batch: batch, steps: ordered.map(step))
        let folder = try output ?? URL(fileURLWithPath: ledger.batches().last?.output ?? ".")
        plan.folder = folder
        guard !dryRun else {
            plan.files = (ordered.contains { deletion($0) != nil } ? ["undo/batch-\(batch).xml"] : []) + ["undo/batch-\(batch).csv"]
            return plan
        }
        plan.files = try write(plan, entries: ordered, into: folder, version: qbxmlVersion)
        try ledger.forget(batch: batch)
        return plan
    }

    /// Reverse dependency order: what uses a record goes before it.
    private static func order(_ entry: LedgerEntry) -> Int {
        switch entry.entity {
        case .payout: 0
        case .refund: 1
        case .payment: 2
        case .invoice: 3
        case .customer, .item: 4
        }
    }

    /// The TxnDelType or ListDelType and the QuickBooks id that deletes an entry, when it can be deleted.
    private static func deletion(_ entry: LedgerEntry) -> (request: String, type: String, idElement: String, id: String)? {
        guard entry.action == .add, entry.answer == .ok else { return nil }
        switch entry.entity {
        case .invoice: return entry.txnID.map { ("TxnDelRq", "Invoice", "TxnID", $0) }
        case .payment: return entry.txnID.map { ("TxnDelRq", "ReceivePayment", "TxnID", $0) }
        case .refund: return entry.txnID.map { ("TxnDelRq", "CreditMemo", "TxnID", $0) }
        case .payout: return entry.txnID.map { ("TxnDelRq", "Deposit", "TxnID", $0) }
        case .customer: return entry.listID.map { ("ListDelRq", "Customer", "ListID", $0) }
        case .item:
            let kind = SyncedFields.values(entry.fields)["kind"].flatMap(QBItemKind.init(rawValue:)) ?? .service
            let type = switch kind {
            case .service: "ItemService"
            case .nonInventory: "ItemNonInventory"
            case .discount: "ItemDiscount"
            }
            return entry.listID.map { ("ListDelRq", type, "ListID", $0) }
        }
    }

    private static func label(_ entry: LedgerEntry) -> String {
        switch entry.entity {
        case .invoice: "invoice #\(entry.docNumber ?? entry.sourceID)"
        case .payment: "payment \(entry.sourceID)"
        case .refund: "credit memo of refund \(entry.sourceID)"
        case .payout: "deposit of payout \(entry.sourceID)"
        case .customer: "customer \"\(entry.customer ?? entry.sourceID)\""
        case .item: "item \"\(entry.customer ?? entry.sourceID)\""
        }
    }

    private static func step(_ entry: LedgerEntry) -> Step {
        let name = entry.docNumber ?? entry.customer ?? entry.sourceID
        let amount = entry.total?.description ?? ""
        if let deletion = deletion(entry) {
            return Step(kind: .qbxml, entity: entry.entity.rawValue, sourceID: entry.sourceID, quickBooksName: name, amount: amount,
                        instruction: "\(deletion.request) deletes \(label(entry)) (\(deletion.idElement) \(deletion.id))")
        }
        let instruction: String
        switch entry.action {
        case .update:
            instruction = "This batch updated \(label(entry)); a delete would remove the invoice itself: change it back in QuickBooks by hand (the next convert then sees the edit again)"
        case .noted:
            instruction = "Nothing to do: this batch only reported a change of \(label(entry)); the next convert reports it again"
        case .void:
            instruction = "This batch voided \(label(entry)); QuickBooks cannot un-void: re-enter it by hand if the void was wrong"
        case .add:
            let why = entry.answer == .failed ? "QuickBooks refused it (\(entry.answerMessage ?? "")), so there is nothing to delete"
                : entry.requestID == nil ? "written to \(entry.targets)"
                : "no QuickBooks response for it was ingested, so its QuickBooks id is unknown"
            instruction = entry.answer == .failed ? "Nothing to do: \(why)" : "Delete \(label(entry)) in QuickBooks by hand (\(why))"
        }
        return Step(kind: .byHand, entity: entry.entity.rawValue, sourceID: entry.sourceID, quickBooksName: name, amount: amount,
                    instruction: instruction)
    }

    /// Writes `undo/batch-N.xml` (when a record can be deleted by request) and `undo/batch-N.csv` (every record), all or nothing.
    private static func write(_ plan: Plan, entries: [LedgerEntry], into output: URL, version: String) throws -> [String] {
        let staging = try Staging(outputDirectory: output)
        defer { staging.discard() }
        var files: [String] = []
        let deletions = entries.compactMap(deletion)
        if !deletions.isEmpty {
            let (opening, closing) = QBXMLWriter.document(version: version)
            var data = Data(opening.utf8)
            for (index, deletion) in deletions.enumerated() {
                let xml = XMLFragmentWriter()
                xml.start(deletion.request, ["requestID": "req-undo-\(plan.batch)-\(index + 1)"])
                xml.element(deletion.request == "TxnDelRq" ? "TxnDelType" : "ListDelType", deletion.type)
                xml.element(deletion.idElement, deletion.id)
                xml.end()
                data.append(xml.finish())
            }
            data.append(Data(closing.utf8))
            files.append("undo/batch-\(plan.batch).xml")
            try FileManager.default.createDirectory(at: staging.url.appendingPathComponent("undo"), withIntermediateDirectories: true)
            try FileManager.default.createFile(at: staging.url.appendingPathComponent(files[0]), contents: data)
        }
        var csv = CSVText.worksheetHeader(["how", "entity", "source_id", "quickbooks", "amount", "what to do"])
        for step in plan.steps {
            csv += CSVText.row([step.kind.rawValue, step.entity, step.sourceID, step.quickBooksName, step.amount, step.instruction])
        }
        files.append("undo/batch-\(plan.batch).csv")
        try FileManager.default.createDirectory(at: staging.url.appendingPathComponent("undo"), withIntermediateDirectories: true)
        try FileManager.default.createFile(at: staging.url.appendingPathComponent(files[files.count - 1]), contents: Data(csv.utf8))
        try staging.publish(files)
        return files
    }
}
