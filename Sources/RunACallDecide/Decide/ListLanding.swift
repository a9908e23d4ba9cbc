/// How a customer or item lands on a QuickBooks list.
public enum ListLanding: Sendable, Equatable {
    /// Matched in the books: QuickBooks already holds it.
    case inBooks
    /// Created by the run for an earlier record.
    case earlierInRun
    /// Created by an earlier batch (the ledger knows it).
    case earlierBatch
    /// Created by the run; `renamedFrom` is the Run a Call name when QuickBooks gets another.
    case created(renamedFrom: String?)
    /// Not created (creation is off) and no books list to check: expected to exist.
    case assumed

    /// For a person reading the preview.
    public var description: String {
        switch self {
        case .inBooks: "matched in the books (already in QuickBooks)"
        case .earlierInRun: "created by this run for an earlier record (customers or pricebook file, or an earlier invoice)"
        case .earlierBatch: "created by an earlier batch (ledger)"
        case .created(nil): "created by this run"
        case .created(let original?): "created by this run, renamed from \"\(original)\""
        case .assumed: "expected in QuickBooks (creation is off and no books file lists them)"
        }
    }
}
