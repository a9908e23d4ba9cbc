import Foundation
import RunACallSupport

/// Reads one JSON value held whole in memory (a JSON Lines line) into a `JSONTape`, checking it
/// exactly as `JSONParser` checks a value it builds: the same syntax errors, met in the same order,
/// and (when `looksForFlaws`) the same first `ValueFlaw` with the same path.
public struct JSONTapeParser {
    private let bytes: UnsafeBufferPointer<UInt8>
    /// The line all the bytes are on.
    private let line: Int
    /// Whether flaws are noted; an id pre-pass reads the id of a flawed record all the same.
    private let looksForFlaws: Bool
    /// The deepest level whose tokens are kept (0 the value read, 1 its members); deeper ones are checked, not kept.
    private let deepest: Int
    private var position = 0
    public private(set) var tokens: [JSONTape.Token] = []
    /// The first flaw met.
    public private(set) var flaw: ValueFlaw?
    /// The member names of the objects being read, innermost last, to find a name given twice.
    private var names: [Int] = []
    /// Room to unescape a string whose bytes are checked as UTF-8.
    private var scratch: [UInt8] = []
    private static let maxDepth = 256

    /// A parser of `bytes`, all on `line`; `topLevelOnly` keeps the tokens of the value read and of its
    /// members but not of what they hold, for a reader that only looks a member up (an id pre-pass).
    public init(bytes: UnsafeBufferPointer<UInt8>, line: Int, looksForFlaws: Bool, topLevelOnly: Bool = false) {
        self.bytes = bytes
        self.line = line
        self.looksForFlaws = looksForFlaws
        deepest = topLevelOnly ? 1 : Int.max
        tokens.reserveCapacity(256)
    }

    /// Reads one value, then checks that only whitespace follows it.
    public mutating func parseWhole() throws {
        try parseValue(depth: 0)
        skipWhitespace()
        guard position == bytes.count else { throw fail("more than one JSON value on the line") }
    }

    private func fail(_ reason: String) -> JSONSyntaxError { JSONSyntaxError(line: line, reason: reason) }

    private mutating func skipWhitespace() {
        while position < bytes.count, JSONParser.isWhitespace(bytes[position]) { position += 1 }
    }

    /// The next byte, consumed; nil at the end.
    private mutating func next() -> UInt8? {
        guard position < bytes.count else { return nil }
        defer { position += 1 }
        return bytes[position]
    }

    private mutating func expect(_ byte: UInt8) throws {
        skipWhitespace()
        guard let found = next() else { throw fail("expected \(JSONParser.describe(byte)), found the end of the file") }
        guard found == byte else { throw fail("expected \(JSONParser.describe(byte)), found \(JSONParser.describe(found))") }
    }

    /// Appends a token of the value at `depth` and returns its index (-1 when that depth is not kept);
    /// `after` is set for a scalar, by `close` for a container.
    private mutating func push(_ kind: JSONTape.Kind, depth: Int, start: Int = 0, end: Int = 0, escaped: Bool = false,
                               plain: Bool = false) -> Int {
        guard depth <= deepest else { return -1 }
        let index = tokens.count
        tokens.append(JSONTape.Token(kind: kind, escaped: escaped, plain: plain, start: Int32(start), end: Int32(end),
                                     after: Int32(index + 1)))
        return index
    }

    private mutating func close(_ index: Int) {
        if index >= 0 { tokens[index].after = Int32(tokens.count) }
    }

    private mutating func parseValue(depth: Int) throws {
        guard depth < Self.maxDepth else { throw fail("nesting deeper than \(Self.maxDepth)") }
        skipWhitespace()
        guard position < bytes.count else { throw fail("unexpected end of the file") }
        let byte = bytes[position]
        switch byte {
        case UInt8(ascii: "{"): try parseObject(depth: depth)
        case UInt8(ascii: "["): try parseArray(depth: depth)
        case UInt8(ascii: "\""): try parseString(depth: depth)
        case UInt8(ascii: "t"): try literal("true"); _ = push(.true, depth: depth)
        case UInt8(ascii: "f"): try literal("false"); _ = push(.false, depth: depth)
        case UInt8(ascii: "n"): try literal("null"); _ = push(.null, depth: depth)
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): try parseNumber(depth: depth)
        default:
            throw fail("found \(JSONParser.describe(byte)) where a value was expected; allowed: an object, array, string, number, true, false or null")
        }
    }

    private mutating func parseObject(depth: Int) throws {
        position += 1
        let index = push(.object, depth: depth)
        let firstName = names.count
        defer { names.removeSubrange(firstName...) }
        skipWhitespace()
        if position < bytes.count, bytes[position] == UInt8(ascii: "}") {
            position += 1
            return close(index)
        }
        while true {
            skipWhitespace()
            guard position < bytes.count, bytes[position] == UInt8(ascii: "\"") else { throw fail("expected a member name in quotes") }
            let name = tokens.count
            try parseString(depth: depth + 1)
            try expect(UInt8(ascii: ":"))
            let clean = flaw == nil
            try parseValue(depth: depth + 1)
            if clean, flaw != nil {
                let key = text(of: name)
                flaw?.path.insert(key, at: 0)
            }
            if looksForFlaws, flaw == nil, names[firstName...].contains(where: { same(name, $0) }) {
                flaw = ValueFlaw(kind: .duplicateMember, line: line, path: [text(of: name)])
            }
            if looksForFlaws { names.append(name) }
            skipWhitespace()
            switch next() {
            case UInt8(ascii: ","): continue
            case UInt8(ascii: "}"): return close(index)
            default: throw fail("expected ',' or '}' in an object")
            }
        }
    }

    private mutating func parseArray(depth: Int) throws {
        position += 1
        let index = push(.array, depth: depth)
        skipWhitespace()
        if position < bytes.count, bytes[position] == UInt8(ascii: "]") {
            position += 1
            return close(index)
        }
        var count = 0
        while true {
            let clean = flaw == nil
            try parseValue(depth: depth + 1)
            count += 1
            if clean, flaw != nil { flaw?.path.insert("[\(count - 1)]", at: 0) }
            skipWhitespace()
            switch next() {
            case UInt8(ascii: ","): continue
            case UInt8(ascii: "]"): return close(index)
            default: throw fail("expected ',' or ']' in an array")
            }
        }
    }

    private mutating func literal(_ word: StaticString) throws {
        let expected = UnsafeBufferPointer(start: word.utf8Start, count: word.utf8CodeUnitCount)
        for byte in expected {
            guard next() == byte else { throw fail("invalid literal, expected '\(word)'") }
        }
    }

    private mutating func parseNumber(depth: Int) throws {
        let start = position
        while position < bytes.count, Self.isNumberByte(bytes[position]) { position += 1 }
        let number = UnsafeBufferPointer(rebasing: bytes[start..<position])
        guard JSONParser.isNumber(number) else { throw fail("invalid number '\(String(decoding: number, as: UTF8.self))'") }
        _ = push(.number, depth: depth, start: start, end: position)
    }

    private static func isNumberByte(_ byte: UInt8) -> Bool {
        (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) || byte == UInt8(ascii: "-") || byte == UInt8(ascii: "+")
            || byte == UInt8(ascii: ".") || byte == UInt8(ascii: "e") || byte == UInt8(ascii: "E")
    }

    /// Reads a string (a value or a member name at `depth`) from its opening quote.
    private mutating func parseString(depth: Int) throws {
        position += 1
        let start = position
        var escaped = false
        // The bits of all the bytes read as they are: under 0x80 when all are ASCII.
        var bits: UInt8 = 0
        while true {
            let skipped = ByteWords.skipToQuoteOrBackslash(in: bytes, from: position, controls: true)
            position = skipped.position
            if skipped.pastASCII { bits |= 0x80 }
            while position < bytes.count {
                let byte = bytes[position]
                guard byte >= 0x20, byte != UInt8(ascii: "\""), byte != UInt8(ascii: "\\") else { break }
                bits |= byte
                position += 1
            }
            guard let byte = next() else { throw fail("unterminated string") }
            switch byte {
            case UInt8(ascii: "\""):
                let end = position - 1
                _ = push(.string, depth: depth, start: start, end: end, escaped: escaped, plain: bits < 0x80 && !escaped)
                if looksForFlaws, flaw == nil, bits >= 0x80 || escaped, !isUTF8(start: start, end: end, escaped: escaped) {
                    flaw = ValueFlaw(kind: .notUTF8, line: line)
                }
                return
            case UInt8(ascii: "\\"):
                escaped = true
                guard let escape = next() else { throw fail("unterminated string") }
                switch escape {
                case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"), UInt8(ascii: "b"), UInt8(ascii: "f"),
                     UInt8(ascii: "n"), UInt8(ascii: "r"), UInt8(ascii: "t"):
                    break
                case UInt8(ascii: "u"):
                    if try parseUnicodeEscape() == 0, looksForFlaws, flaw == nil { flaw = ValueFlaw(kind: .nulCharacter, line: line) }
                default:
                    throw fail("invalid escape: a backslash before \(JSONParser.describe(escape)); allowed: \\\" \\\\ \\/ \\b \\f \\n \\r \\t \\uXXXX")
                }
            default:
                throw fail("control character in a string (\(JSONParser.describe(byte))); allowed: control characters written as \\u escapes")
            }
        }
    }

    /// Whether the string between `start` and `end`, its escapes undone, is valid UTF-8.
    private mutating func isUTF8(start: Int, end: Int, escaped: Bool) -> Bool {
        let raw = UnsafeBufferPointer(rebasing: bytes[start..<end])
        guard escaped else { return String(validating: raw, as: UTF8.self) != nil }
        scratch.removeAll(keepingCapacity: true)
        JSONTape.unescape(raw, into: &scratch)
        return scratch.withUnsafeBufferPointer { String(validating: $0, as: UTF8.self) != nil }
    }

    private mutating func parseHex4() throws -> UInt32 {
        var value: UInt32 = 0
        for _ in 0..<4 {
            guard let byte = next(), let digit = JSONTape.hexValue(byte) else { throw fail("invalid \\u escape") }
            value = value * 16 + digit
        }
        return value
    }

    /// Checks a `\u` escape (and the low half of a surrogate pair) after its `u`; returns its scalar's value.
    private mutating func parseUnicodeEscape() throws -> UInt32 {
        var code = try parseHex4()
        if (0xD800...0xDBFF).contains(code) {
            guard next() == UInt8(ascii: "\\"), next() == UInt8(ascii: "u") else { throw fail("unpaired surrogate in \\u escape") }
            let low = try parseHex4()
            guard (0xDC00...0xDFFF).contains(low) else { throw fail("unpaired surrogate in \\u escape") }
            code = 0x10000 + ((code - 0xD800) << 10) + (low - 0xDC00)
        } else if (0xDC00...0xDFFF).contains(code) {
            throw fail("unpaired surrogate in \\u escape")
        }
        guard UnicodeScalar(code) != nil else { throw fail("invalid \\u escape") }
        return code
    }

    /// The text of the string at `index`, as `JSONTape.text(at:)` gives it.
    private func text(of index: Int) -> String {
        let token = tokens[index]
        return JSONTape.text(of: UnsafeBufferPointer(rebasing: bytes[Int(token.start)..<Int(token.end)]), escaped: token.escaped)
    }

    /// Whether the member names at `one` and `other` are the same string: by bytes when both are plain
    /// ASCII, as strings otherwise (where two spellings of one text are one name).
    private func same(_ one: Int, _ other: Int) -> Bool {
        let first = tokens[one], second = tokens[other]
        if first.plain, second.plain {
            let count = Int(first.end - first.start)
            guard count == Int(second.end - second.start), let base = bytes.baseAddress else { return false }
            return memcmp(base + Int(first.start), base + Int(second.start), count) == 0
        }
        return text(of: one) == text(of: other)
    }
}
