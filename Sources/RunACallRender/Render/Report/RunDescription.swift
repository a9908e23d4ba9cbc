/// What the report's header says of a run: when it ran, with which config and
/// ledger, on which export, for which company, and the batch it recorded.
public struct RunDescription: Sendable, Encodable {
    /// When the run started, ISO 8601.
    public var startedAt: String
    /// The config file's path, or that the built-in defaults were used.
    public var config: String
    /// The ledger's path, or that there was none.
    public var ledger: String
    /// The export folders and files, as named on the command line.
    public var export: [String]
    /// The config's company name (empty when it names none).
    public var company: String
    /// The ledger batch the run recorded; nil without a ledger, or when nothing was recorded.
    public var batch: Int64?

    public init(startedAt: String, config: String, ledger: String, export: [String], company: String, batch: Int64? = nil) {
        self.startedAt = startedAt
        self.config = config
        self.ledger = ledger
        self.export = export
        self.company = company
        self.batch = batch
    }

    /// What the config line says when no config file was read, and the ledger line without a ledger.
    public static let defaultsUsed = "none (the built-in defaults)"
    public static let noLedger = "none"

    enum CodingKeys: String, CodingKey {
        case startedAt = "started_at", config, ledger, export, company, batch
    }

    /// The header's rows, label and value, in order.
    var rows: [(String, String)] {
        [("Run", startedAt), ("Company", company.isEmpty ? "(the config names none)" : company), ("Config", config),
         ("Ledger", ledger), ("Batch", batch.map(String.init) ?? "none recorded"), ("Export", export.joined(separator: ", "))]
    }
}
