import Foundation
import RunACallSupport

/// Streams a `.jsonl` export file: one JSON object per line, blank lines skipped.
/// A line that is not valid JSON fails that record only. Each line is read into a `JSONTape`:
/// nothing is built but the text its fields' readers ask for (members never synced are checked, never built).
public final class JSONLinesRecordStream: RawRecordStream {
    private let reader: ByteReader
    private let fileName: String

    public init(url: URL, name: String? = nil, encoding: ExportEncoding = .utf8) throws {
        fileName = name ?? url.lastPathComponent
        reader = try ByteReader(url: url, name: fileName, encoding: encoding)
    }

    public func next() throws -> RawRecord? {
        guard let (lineNumber, parsed) = try nextLine(looksForFlaws: true) else { return nil }
        let location = SourceLocation.line(lineNumber, in: fileName)
        switch parsed {
        case .success(let (value, flaw)):
            let id = value.id
            if let flaw {
                let problem = JSONRecordStream.failure(flaw, place: "\(fileName) line \(lineNumber)")
                return RawRecord(location: location, content: .failure(problem), fromCSV: false, rowLines: [], id: id)
            }
            return RawRecord(location: location, content: .success(value), fromCSV: false, rowLines: [], id: id)
        case .failure(let error):
            let problem = Problem.notJSON(reason: error.reason, line: lineNumber, file: fileName)
            return RawRecord(location: location, content: .failure(problem), fromCSV: false, rowLines: [], id: nil)
        }
    }

    public func nextID() throws -> String?? {
        guard let (_, parsed) = try nextLine(looksForFlaws: false) else { return nil }
        guard case .success(let (value, _)) = parsed else { return .some(nil) }
        return .some(value.id)
    }

    /// The next non-blank line's id as `JSONLineIDScan` finds it, the line parsed in full only where the scan
    /// is unsure or `exact` accepts the id it found.
    public func nextID(exactWhen exact: (String) -> Bool) throws -> String?? {
        while true {
            let lineNumber = reader.line
            let scanned: LineScan? = reader.withNextLine { whole in
                guard let line = Self.record(in: whole) else { return .blank }
                switch JSONLineIDScan.id(in: line) {
                case .id(let id) where !(id.map(exact) ?? false): return .id(id)
                case .id, .unsure: return .unsure(Array(line))
                }
            }
            switch scanned {
            case nil: return nil
            case .blank: continue
            case .id(let id): return .some(id)
            case .unsure(let bytes):
                guard case .success(let (value, _)) = try parse(bytes, lineNumber: lineNumber, looksForFlaws: false) else { return .some(nil) }
                return .some(value.id)
            }
        }
    }

    /// What the quick id pass makes of a line.
    private enum LineScan {
        case blank
        case id(String?)
        case unsure([UInt8])
    }

    /// The next non-blank line's number and object with its flaw (looked for when `looksForFlaws`; when not,
    /// only the object's members are kept, enough to find its id), or why it is not one JSON object; nil after the last line.
    private func nextLine(looksForFlaws: Bool) throws -> (Int, Result<(RecordNode, ValueFlaw?), JSONSyntaxError>)? {
        while true {
            let lineNumber = reader.line
            guard let read = reader.withNextLine({ Self.record(in: $0).map(Array.init) }) else { return nil }
            guard let bytes = read else { continue }
            return (lineNumber, try parse(bytes, lineNumber: lineNumber, looksForFlaws: looksForFlaws))
        }
    }

    /// A line's record: the line without the carriage return that may end it; nil for a blank line
    /// (nothing but spaces and tabs), which holds no record.
    private static func record(in line: UnsafeBufferPointer<UInt8>) -> UnsafeBufferPointer<UInt8>? {
        let record = line.last == 0x0D ? UnsafeBufferPointer(rebasing: line.dropLast()) : line
        return record.contains(where: { $0 != 0x20 && $0 != 0x09 }) ? record : nil
    }

    /// One line's object with its flaw (looked for when `looksForFlaws`), or why it is not one JSON object.
    private func parse(_ bytes: [UInt8], lineNumber: Int, looksForFlaws: Bool) throws -> Result<(RecordNode, ValueFlaw?), JSONSyntaxError> {
        do {
            let (tokens, flaw) = try bytes.withUnsafeBufferPointer { line in
                var parser = JSONTapeParser(bytes: line, line: lineNumber, looksForFlaws: looksForFlaws, topLevelOnly: !looksForFlaws)
                try parser.parseWhole()
                return (parser.tokens, parser.flaw)
            }
            let tape = JSONTape(bytes: bytes, tokens: tokens, namesAreUnique: looksForFlaws && flaw == nil)
            let value = RecordNode(tape, at: 0)
            guard value.kind == .object else {
                throw JSONSyntaxError(line: lineNumber, reason: "expected a JSON object, found \(value.typeName)")
            }
            return .success((value, flaw))
        } catch let error as JSONSyntaxError {
            return .failure(error)
        }
    }
}
