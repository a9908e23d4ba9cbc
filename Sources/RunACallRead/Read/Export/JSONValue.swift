import RunACallSupport

/// A parsed JSON value. Numbers keep their literal text so that money is
/// never routed through binary floating point.
public enum JSONValue: Sendable, Equatable {
    /// The byte a one-letter JSON escape stands for (`\n`, `\"`, `\/`, …); nil for `\u` and for what is no escape.
    static func escapedByte(_ letter: UInt8) -> UInt8? {
        switch letter {
        case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): letter
        case UInt8(ascii: "b"): 0x08
        case UInt8(ascii: "f"): 0x0C
        case UInt8(ascii: "n"): 0x0A
        case UInt8(ascii: "r"): 0x0D
        case UInt8(ascii: "t"): 0x09
        default: nil
        }
    }

    case null
    case bool(Bool)
    case number(String)
    case string(String)
    case array([JSONValue])
    case object([String: JSONValue])

    /// The member named `key` of an object.
    public subscript(key: String) -> JSONValue? {
        if case .object(let members) = self { return members[key] }
        return nil
    }
}

/// Which parts of a value the parser builds. The parts it drops are read and checked
/// exactly as the parts it keeps (syntax errors stop it the same way) but no text,
/// array or object is made for them.
public enum JSONKeeping: Sendable {
    /// The whole value.
    case all
    /// Nothing, yet its flaws (UTF-8, NULs, members given twice) are noted as if kept,
    /// and `null` stands for it in its object: dropping it changes no error and no flaw.
    case none
    /// Nothing, and its flaws are not looked for: only its syntax is checked.
    case syntax
    /// Of a top-level object, only the member of this name, and no flaw is looked for
    /// elsewhere: an id pre-pass, which reads the id of a flawed record all the same.
    case only(String)
    /// Of a top-level object, all but the members of these names (those never synced), as `none`.
    case allBut(Set<String>)

    /// What is kept of the member `key` of an object kept this way.
    func member(_ key: String) -> JSONKeeping {
        switch self {
        case .all, .none, .syntax: return self
        case .only(let kept): return key == kept ? .all : .syntax
        case .allBut(let dropped): return dropped.contains(key) ? .none : .all
        }
    }

    /// What is kept of each element of an array kept this way.
    var element: JSONKeeping {
        switch self {
        case .none, .syntax: return self
        case .all, .only, .allBut: return .all
        }
    }

    var keepsAnything: Bool {
        switch self {
        case .none, .syntax: return false
        case .all, .only, .allBut: return true
        }
    }

    /// Whether flaws are noted.
    var looksForFlaws: Bool {
        switch self {
        case .syntax, .only: return false
        case .all, .none, .allBut: return true
        }
    }
}

/// A JSON syntax error at a line of the file.
public struct JSONSyntaxError: Error, CustomStringConvertible {
    let line: Int
    let reason: String
    public var description: String { "line \(line): \(reason)" }
}

/// The first flaw met in a value that fails its record rather than the file:
/// a string that is not valid UTF-8 or that holds a NUL (`\u0000`), or a member given twice in one object;
/// with the line, and the path of members and indexes down to it (`lines`, `[0]`, `description`).
public struct ValueFlaw {
    public enum Kind { case notUTF8, nulCharacter, duplicateMember }
    public let kind: Kind
    public let line: Int
    var path: [String] = []

    /// `lines[0].description`.
    public var field: String {
        path.reduce("") { text, part in part.hasPrefix("[") || text.isEmpty ? text + part : text + "." + part }
    }
}

/// A recursive-descent JSON parser over a `ByteReader`, used one record at a
/// time so that memory is bounded by the largest record, not the file.
/// A string that is not valid UTF-8 (read with replacement characters) or holds
/// a NUL, or a member given twice, is noted in `flaw`, so that the record, not the file, fails.
public final class JSONParser {
    let reader: ByteReader
    private static let maxDepth = 256
    /// The first flaw since the caller last cleared it.
    public var flaw: ValueFlaw?

    public init(reader: ByteReader) { self.reader = reader }

    public func skipWhitespace() {
        while reader.consume({ available in
            var count = 0
            while count < available.count, Self.isWhitespace(available[count]) { count += 1 }
            return (count, !available.isEmpty && count == available.count)
        }) {}
    }

    /// JSON's white space between tokens: space, line feed, carriage return, tab (every JSON reader here asks this).
    static func isWhitespace(_ byte: UInt8) -> Bool { byte == 0x20 || byte == 0x0A || byte == 0x0D || byte == 0x09 }

    public func fail(_ reason: String) -> JSONSyntaxError { JSONSyntaxError(line: reader.line, reason: reason) }

    /// A byte in words that print safely: `'x'` for visible ASCII, `a NUL byte (0x00)`,
    /// `the byte 0x07` otherwise, so that no control character reaches a message raw.
    static func describe(_ byte: UInt8) -> String {
        switch byte {
        case 0x21...0x7E: return "'\(Character(UnicodeScalar(byte)))'"
        case 0x00: return "a NUL byte (0x00)"
        default:
            let hex = String(byte, radix: 16, uppercase: true)
            return "the byte 0x\(hex.count == 1 ? "0" : "")\(hex)"
        }
    }

    /// Consumes `byte` after optional whitespace, or throws.
    func expect(_ byte: UInt8) throws {
        skipWhitespace()
        guard let found = reader.next() else { throw fail("expected \(Self.describe(byte)), found the end of the file") }
        guard found == byte else {
            throw fail("expected \(Self.describe(byte)), found \(Self.describe(found))")
        }
    }

    /// Parses one complete value, building what `keeping` keeps.
    public func parseValue(depth: Int = 0, keeping: JSONKeeping = .all) throws -> JSONValue {
        guard depth < Self.maxDepth else { throw fail("nesting deeper than \(Self.maxDepth)") }
        skipWhitespace()
        guard let byte = reader.peek() else { throw fail("unexpected end of the file") }
        switch byte {
        case UInt8(ascii: "{"):
            reader.next()
            var members: [String: JSONValue] = [:]
            // One allocation for most objects of an export (an invoice has about 30 members, its
            // addresses and lines 6 to 8) instead of one per doubling.
            if keeping.looksForFlaws { members.reserveCapacity(depth == 0 ? 32 : 8) }
            skipWhitespace()
            if reader.peek() == UInt8(ascii: "}") { reader.next(); return keeping.keepsAnything ? .object(members) : .null }
            while true {
                skipWhitespace()
                guard reader.peek() == UInt8(ascii: "\"") else { throw fail("expected a member name in quotes") }
                let key = try parseString(keep: keeping.keepsAnything || keeping.looksForFlaws, flaws: keeping.looksForFlaws)
                try expect(UInt8(ascii: ":"))
                let clean = flaw == nil
                let line = reader.line
                let kept = keeping.member(key)
                let value = try parseValue(depth: depth + 1, keeping: kept)
                if clean, flaw != nil { flaw?.path.insert(key, at: 0) }
                if keeping.looksForFlaws || kept.keepsAnything, members.updateValue(value, forKey: key) != nil, flaw == nil {
                    flaw = ValueFlaw(kind: .duplicateMember, line: line, path: [key])
                }
                skipWhitespace()
                switch reader.next() {
                case UInt8(ascii: ","): continue
                case UInt8(ascii: "}"): return keeping.keepsAnything ? .object(members) : .null
                default: throw fail("expected ',' or '}' in an object")
                }
            }
        case UInt8(ascii: "["):
            reader.next()
            let kept = keeping.element
            var elements: [JSONValue] = []
            var count = 0
            skipWhitespace()
            if reader.peek() == UInt8(ascii: "]") { reader.next(); return kept.keepsAnything ? .array(elements) : .null }
            while true {
                let clean = flaw == nil
                let element = try parseValue(depth: depth + 1, keeping: kept)
                if kept.keepsAnything { elements.append(element) }
                count += 1
                if clean, flaw != nil { flaw?.path.insert("[\(count - 1)]", at: 0) }
                skipWhitespace()
                switch reader.next() {
                case UInt8(ascii: ","): continue
                case UInt8(ascii: "]"): return kept.keepsAnything ? .array(elements) : .null
                default: throw fail("expected ',' or ']' in an array")
                }
            }
        case UInt8(ascii: "\""):
            let text = try parseString(keep: keeping.keepsAnything, flaws: keeping.looksForFlaws)
            return keeping.keepsAnything ? .string(text) : .null
        case UInt8(ascii: "t"): try literal("true"); return keeping.keepsAnything ? .bool(true) : .null
        case UInt8(ascii: "f"): try literal("false"); return keeping.keepsAnything ? .bool(false) : .null
        case UInt8(ascii: "n"): try literal("null"); return .null
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"):
            let text = try parseNumber(keep: keeping.keepsAnything)
            return keeping.keepsAnything ? .number(text) : .null
        default:
            throw fail("found \(Self.describe(byte)) where a value was expected; allowed: an object, array, string, number, true, false or null")
        }
    }

    private func literal(_ word: String) throws {
        for expected in word.utf8 {
            guard reader.next() == expected else { throw fail("invalid literal, expected '\(word)'") }
        }
    }

    /// The number's text; empty when not `keep`, though it is checked all the same.
    private func parseNumber(keep: Bool = true) throws -> String {
        var bytes: [UInt8] = []
        while reader.consume({ available in
            var count = 0
            while count < available.count, Self.isNumberByte(available[count]) { count += 1 }
            bytes.append(contentsOf: available[..<count])
            return (count, !available.isEmpty && count == available.count)
        }) {}
        guard bytes.withUnsafeBufferPointer(Self.isNumber) else { throw fail("invalid number '\(String(decoding: bytes, as: UTF8.self))'") }
        return keep ? String(decoding: bytes, as: UTF8.self) : ""
    }

    private static func isNumberByte(_ byte: UInt8) -> Bool {
        (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) || byte == UInt8(ascii: "-") || byte == UInt8(ascii: "+")
            || byte == UInt8(ascii: ".") || byte == UInt8(ascii: "e") || byte == UInt8(ascii: "E")
    }

    /// JSON's number grammar: `-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?`.
    /// Its size is the field's business (`1e400` fails the field that holds it).
    static func isNumber(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        var position = 0
        func digits() -> Int {
            let start = position
            while position < bytes.count, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(bytes[position]) { position += 1 }
            return position - start
        }
        if position < bytes.count, bytes[position] == UInt8(ascii: "-") { position += 1 }
        let leading = position < bytes.count ? bytes[position] : 0
        let integer = digits()
        guard integer > 0, leading != UInt8(ascii: "0") || integer == 1 else { return false }
        if position < bytes.count, bytes[position] == UInt8(ascii: ".") {
            position += 1
            guard digits() > 0 else { return false }
        }
        if position < bytes.count, bytes[position] == UInt8(ascii: "e") || bytes[position] == UInt8(ascii: "E") {
            position += 1
            if position < bytes.count, bytes[position] == UInt8(ascii: "+") || bytes[position] == UInt8(ascii: "-") { position += 1 }
            guard digits() > 0 else { return false }
        }
        return position == bytes.count
    }

    /// The string's text; empty when not `keep`, though it is checked all the same
    /// (and its flaws noted when `flaws`).
    private func parseString(keep: Bool = true, flaws: Bool = true) throws -> String {
        reader.next() // opening quote
        var bytes: [UInt8] = []
        while true {
            let whole: String? = reader.consume { available in
                var count = 0
                while count < available.count, Self.isPlainStringByte(available[count]) { count += 1 }
                if bytes.isEmpty, count < available.count, available[count] == UInt8(ascii: "\"") {
                    return (count + 1, text(of: UnsafeBufferPointer(rebasing: available[..<count]), keep: keep, flaws: flaws))
                }
                bytes.append(contentsOf: available[..<count])
                return (count, nil)
            }
            if let whole { return whole }
            guard let byte = reader.next() else { throw fail("unterminated string") }
            switch byte {
            case UInt8(ascii: "\""):
                return bytes.withUnsafeBufferPointer { text(of: $0, keep: keep, flaws: flaws) }
            case UInt8(ascii: "\\"):
                guard let escaped = reader.next() else { throw fail("unterminated string") }
                switch escaped {
                case UInt8(ascii: "u"):
                    let scalar = try parseUnicodeEscape()
                    if scalar == [0], flaw == nil { flaw = ValueFlaw(kind: .nulCharacter, line: reader.line) }
                    bytes.append(contentsOf: scalar)
                default:
                    guard let byte = JSONValue.escapedByte(escaped) else {
                        throw fail("invalid escape: a backslash before \(Self.describe(escaped)); allowed: \\\" \\\\ \\/ \\b \\f \\n \\r \\t \\uXXXX")
                    }
                    bytes.append(byte)
                }
            case 0x00..<0x20:
                throw fail("control character in a string (\(Self.describe(byte))); allowed: control characters written as \\u escapes")
            default:
                bytes.append(byte)
            }
        }
    }

    /// A byte a string holds as it is: not its closing quote, a backslash or a control character.
    private static func isPlainStringByte(_ byte: UInt8) -> Bool {
        byte >= 0x20 && byte != UInt8(ascii: "\"") && byte != UInt8(ascii: "\\")
    }

    /// The text of a string's decoded bytes (empty when not `keep`); when they are not valid UTF-8,
    /// noted in `flaw` if `flaws` (read with replacement characters). The line is the closing quote's.
    private func text(of bytes: UnsafeBufferPointer<UInt8>, keep: Bool, flaws: Bool) -> String {
        if !keep, !flaws { return "" }
        if bytes.allSatisfy({ $0 < 0x80 }) { return keep ? String(decoding: bytes, as: UTF8.self) : "" }
        if let text = String(validating: bytes, as: UTF8.self) { return text }
        if flaw == nil { flaw = ValueFlaw(kind: .notUTF8, line: reader.line) }
        return String(decoding: bytes, as: UTF8.self)
    }

    private func parseHex4() throws -> UInt32 {
        var value: UInt32 = 0
        for _ in 0..<4 {
            guard let byte = reader.next(), let digit = Character(UnicodeScalar(byte)).hexDigitValue else {
                throw fail("invalid \\u escape")
            }
            value = value * 16 + UInt32(digit)
        }
        return value
    }

    private func parseUnicodeEscape() throws -> [UInt8] {
        var code = try parseHex4()
        if (0xD800...0xDBFF).contains(code) {
            guard reader.next() == UInt8(ascii: "\\"), reader.next() == UInt8(ascii: "u") else {
                throw fail("unpaired surrogate in \\u escape")
            }
            let low = try parseHex4()
            guard (0xDC00...0xDFFF).contains(low) else { throw fail("unpaired surrogate in \\u escape") }
            code = 0x10000 + ((code - 0xD800) << 10) + (low - 0xDC00)
        } else if (0xDC00...0xDFFF).contains(code) {
            throw fail("unpaired surrogate in \\u escape")
        }
        guard let scalar = UnicodeScalar(code) else { throw fail("invalid \\u escape") }
        return Array(String(Character(scalar)).utf8)
    }

    /// Skips one value without building it, so a large array beside the one
    /// being read costs no memory.
    func skipValue() throws {
        skipWhitespace()
        guard let first = reader.peek() else { throw fail("unexpected end of the file") }
        guard first == UInt8(ascii: "{") || first == UInt8(ascii: "[") else { _ = try parseValue(); return }
        var depth = 0
        while let byte = reader.next() {
            switch byte {
            case UInt8(ascii: "{"), UInt8(ascii: "["): depth += 1
            case UInt8(ascii: "}"), UInt8(ascii: "]"):
                depth -= 1
                if depth == 0 { return }
            case UInt8(ascii: "\""):
                while let inner = reader.next(), inner != UInt8(ascii: "\"") {
                    if inner == UInt8(ascii: "\\") { reader.next() }
                }
            default: break
            }
        }
        throw fail("unexpected end of the file")
    }
}
