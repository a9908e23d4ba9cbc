import Foundation
import RunACallSupport

/// Streams the records of a `.json` export file: a top-level array, or an
/// object whose member named after the entity holds the array. The file must
/// be one JSON document: text after it (a second array, say) or a second
/// member of the entity's name stops the run rather than being ignored.
public final class JSONRecordStream: RawRecordStream {
    private let reader: ByteReader
    private let parser: JSONParser
    private let fileName: String
    private let entity: String
    /// What of each record is built.
    private let keeping: JSONKeeping
    private var index = 0
    private var started = false
    private var finished = false
    /// Whether the array is a member of a top-level object (whose other members follow it).
    private var wrapped = false

    /// Streams `url`'s records of `entity`, dropping the top-level members named in `unsynced`.
    public init(url: URL, name: String? = nil, entity: String, unsynced: Set<String> = [], encoding: ExportEncoding = .utf8) throws {
        fileName = name ?? url.lastPathComponent
        reader = try ByteReader(url: url, name: fileName, encoding: encoding)
        parser = JSONParser(reader: reader)
        self.entity = entity
        keeping = unsynced.isEmpty ? .all : .allBut(unsynced)
    }

    public func next() throws -> RawRecord? {
        guard let value = try nextValue(keeping: keeping) else { return nil }
        defer { index += 1 }
        let id = RecordNode(value).id
        if let flaw = parser.flaw {
            let problem = Self.failure(flaw, place: "\(fileName) record #\(index)")
            return RawRecord(location: .index(index, in: fileName), content: .failure(problem), fromCSV: false, rowLines: [], id: id)
        }
        return RawRecord(location: .index(index, in: fileName), content: .success(RecordNode(value)), fromCSV: false, rowLines: [], id: id)
    }

    public func nextID() throws -> String?? {
        guard let value = try nextValue(keeping: .only("id")) else { return nil }
        index += 1
        return .some(RecordNode(value).id)
    }

    /// The next record's value, built as `keeping` says, with its flaw left in `parser.flaw`; nil after the last.
    private func nextValue(keeping: JSONKeeping) throws -> JSONValue? {
        do {
            if !started {
                started = true
                try openArray()
                parser.skipWhitespace()
                if reader.peek() == UInt8(ascii: "]") { reader.next(); try finish() }
            } else if !finished {
                parser.skipWhitespace()
                let separator = reader.next()
                switch separator {
                case UInt8(ascii: ","): break
                case UInt8(ascii: "]"): try finish()
                default: throw parser.fail("expected ',' or ']' after a record, found \(separator.map(JSONParser.describe) ?? "the end of the file")")
                }
            }
            guard !finished else { return nil }
            parser.flaw = nil
            return try parser.parseValue(keeping: keeping)
        } catch let error as JSONSyntaxError {
            throw FatalError(.unreadableInput, "\(fileName): not valid JSON at \(error) (record #\(index))")
        }
    }

    /// The array has closed: what follows it may only end the document.
    private func finish() throws {
        finished = true
        if wrapped {
            while true {
                parser.skipWhitespace()
                switch reader.next() {
                case UInt8(ascii: "}"): break
                case UInt8(ascii: ","):
                    parser.skipWhitespace()
                    let line = reader.line
                    let key = try parser.parseValue()
                    if key == .string(entity) {
                        throw FatalError(.usage, "\(fileName): line \(line): a second \"\(entity)\" member, whose records would not be read; allowed: one \"\(entity)\" array per file (join the arrays into one). Nothing was written.")
                    }
                    try parser.expect(UInt8(ascii: ":"))
                    try parser.skipValue()
                    continue
                default: throw parser.fail("expected ',' or '}' in the top-level object")
                }
                break
            }
        }
        parser.skipWhitespace()
        guard reader.peek() == nil else {
            throw FatalError(.usage, "\(fileName): line \(reader.line): more content after the end of the JSON document (a second array or other text), which would not be read; allowed: one JSON document per file (join the arrays into one). Nothing was written.")
        }
    }

    private func openArray() throws {
        parser.skipWhitespace()
        switch reader.next() {
        case UInt8(ascii: "["): return
        case UInt8(ascii: "{"):
            wrapped = true
            parser.skipWhitespace()
            if reader.peek() == UInt8(ascii: "}") { break }
            while true {
                let key = try parser.parseValue()
                try parser.expect(UInt8(ascii: ":"))
                if key == .string(entity) {
                    parser.skipWhitespace()
                    guard reader.peek() == UInt8(ascii: "[") else {
                        throw FatalError(.unreadableInput, "\(fileName): the member \"\(entity)\" must be an array of records")
                    }
                    reader.next()
                    return
                }
                try parser.skipValue()
                parser.skipWhitespace()
                guard reader.next() == UInt8(ascii: ",") else { break }
                parser.skipWhitespace()
            }
        default:
            throw FatalError(.unreadableInput, "\(fileName): expected a JSON array of \(entity) or an object with an \"\(entity)\" array")
        }
        throw FatalError(.unreadableInput, "\(fileName): the object has no \"\(entity)\" array")
    }

    /// The failure of a record with `flaw`, at `place` (`invoices.json record #3`).
    static func failure(_ flaw: ValueFlaw, place: String) -> Problem {
        switch flaw.kind {
        case .notUTF8:
            let field = flaw.path.isEmpty ? "a member name" : "field \(flaw.field)"
            return .notUTF8(field, line: flaw.line, place: place)
        case .nulCharacter:
            return .nulCharacter(field: flaw.field, line: flaw.line, place: place)
        case .duplicateMember:
            return .duplicateMember(field: flaw.field, line: flaw.line, place: place)
        }
    }
}
