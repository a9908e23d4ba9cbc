/// The kinds of record the sync report lists.
public enum EntityType: String, Sendable, CaseIterable {
    case invoice, payment, refund, payout, customer, item
}

/// A row's outcome, as Run a Call's sync log words it.
public enum RowStatus: String, Sendable, CaseIterable {
    case success = "Success"
    case failed = "Failed"
    case skipped = "Skipped"
}

/// One row of the sync report: one source record, or one QuickBooks record
/// created on a source record's behalf.
public struct ReportRow: Sendable {
    public var timestamp: String
    public var direction = "Run a Call → QBO"
    public var entityType: EntityType
    public var sourceID: String
    public var entity: String
    public var status: RowStatus
    public var message: String
    public var fix: String
    public var source: String
    /// Where it was written; resolved to paths when the report is rendered.
    public var targets: [OutputTarget]
    /// True for the one row of each source record; false for a record created on its behalf.
    public var isSourceRow: Bool

    /// The report's columns, in order.
    public static let columns = ["timestamp", "direction", "entity_type", "source_id", "entity", "status", "message",
                                 "fix", "source", "targets"]

    /// The cells of the columns, with targets resolved to paths.
    public func cells(parts: [String: Int]) -> [String] {
        [timestamp, direction, entityType.rawValue, sourceID, entity, status.rawValue, message, fix, source,
         targets.map { $0.label(parts: parts[$0.fileKey] ?? 1) }.joined(separator: "; ")]
    }
}

extension ReportRow {
    /// The row as the run's temporary file keeps it (targets unresolved).
    var storedCells: [String] {
        [timestamp, entityType.rawValue, sourceID, entity, status.rawValue, message, fix, source, isSourceRow ? "1" : "0"]
            + targets.map(\.stored)
    }

    init?(storedCells cells: [String]) {
        guard cells.count >= 9, let entityType = EntityType(rawValue: cells[1]), let status = RowStatus(rawValue: cells[4]) else {
            return nil
        }
        let targets = cells.dropFirst(9).compactMap(OutputTarget.init(stored:))
        guard targets.count == cells.count - 9 else { return nil }
        self.init(timestamp: cells[0], entityType: entityType, sourceID: cells[2], entity: cells[3], status: status,
                  message: cells[5], fix: cells[6], source: cells[7], targets: targets, isSourceRow: cells[8] == "1")
    }
}

extension Money: Encodable {
    /// Money is written as an exact decimal string (`"129.00"`), never a JSON number.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }
}

extension ReportRow {
    /// How the message of a row that updates a record an earlier batch wrote begins.
    static let updatedPrefix = "Updated:"
}
