import Foundation

/// Streams the records of a `.json` export file: a top-level array, or an
/// object whose member named after the entity holds the array.
final class JSONRecordStream: RawRecordStream {
    private let reader: ByteReader
    private let parser: JSONParser
    private let fileName: String
    private let entity: String
    private var index = 0
    private var started = false
    private var finished = false

    init(url: URL, entity: String) throws {
        reader = try ByteReader(url: url)
        parser = JSONParser(reader: reader)
        fileName = url.lastPathComponent
        self.entity = entity
    }

    func next() throws -> RawRecord? {
        do {
            if !started {
                started = true
                try openArray()
                parser.skipWhitespace()
                if reader.peek() == UInt8(ascii: "]") { reader.next(); finished = true }
            } else if !finished {
                parser.skipWhitespace()
                switch reader.next() {
                case UInt8(ascii: ","): break
                case UInt8(ascii: "]"): finished = true
                default: throw parser.fail("expected ',' or ']' after a record")
                }
            }
            guard !finished else { return nil }
            let value = try parser.parseValue()
            defer { index += 1 }
            return RawRecord(location: .index(index, in: fileName), content: .success(value),
                             fromCSV: false, rowLines: [], id: value["id"].flatMap(Self.idText))
        } catch let error as JSONSyntaxError {
            throw FatalError(.unreadableInput, "\(fileName): not valid JSON at \(error) (record #\(index))")
        }
    }

    private func openArray() throws {
        parser.skipWhitespace()
        switch reader.next() {
        case UInt8(ascii: "["): return
        case UInt8(ascii: "{"):
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

    static func idText(_ value: JSONValue) -> String? {
        switch value {
        case .string(let text): return text
        case .number(let text): return text
        default: return nil
        }
    }
}

/// Streams a `.jsonl` export file: one JSON object per line, blank lines skipped.
/// A line that is not valid JSON fails that record only.
final class JSONLinesRecordStream: RawRecordStream {
    private let reader: ByteReader
    private let fileName: String

    init(url: URL) throws {
        reader = try ByteReader(url: url)
        fileName = url.lastPathComponent
    }

    func next() throws -> RawRecord? {
        while true {
            let lineNumber = reader.line
            guard var bytes = reader.readLine() else { return nil }
            if bytes.last == 0x0D { bytes.removeLast() }
            guard bytes.contains(where: { $0 != 0x20 && $0 != 0x09 }) else { continue }
            let location = SourceLocation.line(lineNumber, in: fileName)
            let lineReader = ByteReader(bytes: bytes, firstLine: lineNumber)
            let parser = JSONParser(reader: lineReader)
            do {
                let value = try parser.parseValue()
                parser.skipWhitespace()
                guard lineReader.peek() == nil else { throw parser.fail("more than one JSON value on the line") }
                guard case .object = value else { throw parser.fail("expected a JSON object, found \(value.typeName)") }
                return RawRecord(location: location, content: .success(value), fromCSV: false,
                                 rowLines: [], id: value["id"].flatMap(JSONRecordStream.idText))
            } catch let error as JSONSyntaxError {
                let problem = Problem("Invalid record: not valid JSON (\(error.reason))",
                                      fix: "Correct line \(lineNumber) of \(fileName) so that it holds one JSON object, then re-run.")
                return RawRecord(location: location, content: .failure(problem), fromCSV: false, rowLines: [], id: nil)
            }
        }
    }
}
