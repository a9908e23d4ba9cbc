import RunACallSupport

/// One record as read from an export file, before it is given a type.
public struct RawRecord {
    /// Where it came from.
    public let location: SourceLocation
    /// Its fields, or why it could not even be read as a record.
    public let content: Result<RecordNode, Problem>
    /// CSV cells are text: booleans may be `yes`/`no`/`1`/`0` there.
    let fromCSV: Bool
    /// For a CSV invoice: the line each of its rows (invoice lines) starts on.
    let rowLines: [Int]
    /// The record's `id`, when one could be read even if the record is broken.
    public let id: String?
    /// For a record that could not be read (`content` a failure): the fields that still read, whose
    /// money the summary counts (an invoice's `status` and `total`); nil when none is sure.
    var partial: JSONValue? = nil

    /// What is kept of a record once it is decoded: where it came from and its id, not its fields.
    public var withoutContent: RawRecord {
        RawRecord(location: location, content: .success(RecordNode(.null)), fromCSV: fromCSV, rowLines: rowLines, id: id)
    }
}

/// A pull stream of raw records from one export file.
public protocol RawRecordStream: AnyObject {
    /// The next record, nil at the end; throws only when the file cannot be read any further.
    func next() throws -> RawRecord?
    /// The next record's `id` alone, as `next()` would give it in `RawRecord.id`, read without
    /// building the record: `.some(nil)` for a record whose id cannot be read, nil at the end;
    /// throws where `next()` would.
    func nextID() throws -> String??
    /// Like `nextID`, but maybe quicker: exactly `nextID`'s id for each record that reads and for each whose
    /// id found `exact` accepts; for a record that does not read, possibly an id where `nextID` finds none.
    func nextID(exactWhen exact: (String) -> Bool) throws -> String??
}

extension RawRecordStream {
    /// The id of the record `next()` builds, for streams with no cheaper way to it.
    func nextID() throws -> String?? { try next().map(\.id) }

    /// `nextID`, for streams with no quicker way.
    public func nextID(exactWhen exact: (String) -> Bool) throws -> String?? { try nextID() }
}
