import Foundation
import Testing
@testable import RunACallQuickBooks
@testable import RunACallSupport
@testable import RunACallRead

/// The tape a JSON Lines line is read into must read as `JSONParser` reads the same bytes:
/// the same value, the same syntax error, the same first flaw, on hand-made lines and on mutations of them.
@Suite struct JSONTapeTests {
    /// What `JSONParser` makes of `bytes` as one line: its value and flaw, or its error.
    private static func tree(_ bytes: [UInt8]) -> Outcome {
        let reader = ByteReader(bytes: bytes, firstLine: 7)
        let parser = JSONParser(reader: reader)
        do {
            let value = try parser.parseValue()
            parser.skipWhitespace()
            guard reader.peek() == nil else { throw parser.fail("more than one JSON value on the line") }
            return Outcome(value: value, words: describe(parser.flaw))
        } catch {
            return Outcome(value: nil, words: "\(error)")
        }
    }

    /// What `JSONTapeParser` makes of `bytes`, in the words of `tree`.
    private static func tape(_ bytes: [UInt8], looksForFlaws: Bool = true, topLevelOnly: Bool = false) -> Outcome {
        do {
            let (tokens, flaw) = try bytes.withUnsafeBufferPointer { line in
                var parser = JSONTapeParser(bytes: line, line: 7, looksForFlaws: looksForFlaws, topLevelOnly: topLevelOnly)
                try parser.parseWhole()
                return (parser.tokens, parser.flaw)
            }
            if topLevelOnly {
                let id = RecordNode(JSONTape(bytes: bytes, tokens: tokens), at: 0).member("id")
                return Outcome(value: id.map { .string("\($0.kind) \($0.text)") }, words: describe(flaw))
            }
            return Outcome(value: value(JSONTape(bytes: bytes, tokens: tokens), at: 0), words: describe(flaw))
        } catch {
            return Outcome(value: nil, words: "\(error)")
        }
    }

    /// A value read and its flaw, or no value and the error.
    struct Outcome: Equatable {
        let value: JSONValue?
        let words: String
    }

    private static func describe(_ flaw: ValueFlaw?) -> String {
        flaw.map { "\($0.kind) line \($0.line) at \($0.field)" } ?? "no flaw"
    }

    /// The tape's value at `index` as a tree (a member given twice keeps its last value, as the parser's does).
    private static func value(_ tape: JSONTape, at index: Int) -> JSONValue {
        let token = tape.tokens[index]
        switch token.kind {
        case .null: return .null
        case .true: return .bool(true)
        case .false: return .bool(false)
        case .number: return .number(tape.text(at: index))
        case .string: return .string(tape.text(at: index))
        case .array: return .array(tape.elements(of: index).map { value(tape, at: $0) })
        case .object:
            var members: [String: JSONValue] = [:]
            var position = index + 1
            while position < Int(token.after) {
                members[tape.text(at: position)] = value(tape, at: position + 1)
                position = Int(tape.tokens[position + 1].after)
            }
            return .object(members)
        }
    }

    static let lines: [String] = [
        #"{"id": "INV1", "customer": {"id": "c1", "name": "Ann"}, "lines": [{"amount": "1.50", "q": 1.5e3}], "ok": true, "no": false, "n": null}"#,
        #"{"id": 12, "x": "tab\there \u00e9 \ud83d\ude00 \/ \\ \" \b\f\n\r"}"#,
        #"{"a": {"b": [1, {"c": "\u0000"}]}}"#, #"{"a": 1, "b": {"a": 2, "a": 3}}"#, #"{"a": [{"x": 1, "x": 1}], "a": 2}"#,
        #"{"\u0069d": 1, "id": 2}"#, #"{"é": 1, "e\u0301": 2}"#, #"{"é": 1, "\u00e9": 2}"#, #"{"k": "\xff"}"#, #"{"\xc3": 1}"#,
        #"{"a": "\ud800"}"#, #"{"a": "\udc00"}"#, #"{"a": "\ud800\u0041"}"#, #"{"a": "\u12"}"#, #"{"a": "\q"}"#, #"{"a": 01}"#,
        #"{"a": -}"#, #"{"a": 1.}"#, #"{"a": 1e}"#, #"{"a": .5}"#, #"{"a": tru}"#, #"{"a": nul}"#, #"{"a" 1}"#, #"{"a": 1,}"#,
        #"{a: 1}"#, #"[1, 2,]"#, #"[1 2]"#, #"{"a": 1} x"#, #"{"a": 1}   "#, #"  {"a": 1}"#, #"{"a": "unterminated"#, #"{"a": ["#,
        #"{"#, #"["#, #""x""#, #"5"#, #"null"#, #"{}"#, #"[]"#, #"{"a": [], "b": {}}"#, #"{"a": "\"#, #"{"a": "\u"#,
        #"{"ctl": "a\x09b"}"#, #"{"x": "\u0000", "y": "\xfe"}"#, #"{"x": "\xfe", "y": "\u0000"}"#, #"{"x": 1, "x": "\u0000"}"#,
        String(repeating: "[", count: 300) + String(repeating: "]", count: 300), "{\"a\": \u{7F}}", "{\"a\": \"\u{1F600}\"}",
        // Strings long enough to be read eight bytes at a time, with an escape, a control, a byte past ASCII at odd offsets.
        #"{"long": "abcdefghijklmnopqrstuvwxyz0123456789ABCDEFGH", "esc": "0123456789\"abcdefgh\\ijklmnop\u00e9qrstuvwx"}"#,
        #"{"ctl": "0123456\x01abcdefghijklmnopq", "hi": "01234567\xc3\xa9abcdefghijklmnop", "bad": "0123456789abc\xffdefghij"}"#,
        #"{"tail": "0123456789abcdefg", "end": "abcdefgh"}"#,
    ]

    /// The bytes of a line, `\xNN` standing for a raw byte.
    private static func bytes(_ line: String) -> [UInt8] {
        var result: [UInt8] = []
        var utf8 = Array(line.utf8)[...]
        while let byte = utf8.popFirst() {
            if byte == UInt8(ascii: "\\"), utf8.first == UInt8(ascii: "x"), utf8.count >= 3,
               let raw = UInt8(String(decoding: utf8.dropFirst().prefix(2), as: UTF8.self), radix: 16) {
                result.append(raw)
                utf8 = utf8.dropFirst(3)
            } else {
                result.append(byte)
            }
        }
        return result
    }

    @Test func handMadeLinesReadAsTheParserReadsThem() {
        for line in Self.lines {
            let bytes = Self.bytes(line)
            #expect(Self.tape(bytes) == Self.tree(bytes), "\(line)")
        }
    }

    @Test func mutatedLinesReadAsTheParserReadsThem() {
        var random = SplitMix(seed: 23)
        let alphabet = Array(#"{}[]":,\u0 1-.eE+tfnaé"#.utf8) + [0x00, 0x09, 0x80, 0xC3, 0xFF, 0x20]
        for line in Self.lines {
            let original = Self.bytes(line)
            for _ in 0..<300 {
                var bytes = original
                for _ in 0...(random.next() % 3) {
                    let position = Int(random.next() % UInt64(bytes.count + 1))
                    let byte = alphabet[Int(random.next() % UInt64(alphabet.count))]
                    switch random.next() % 3 {
                    case 0: bytes.insert(byte, at: position)
                    case 1 where position < bytes.count: bytes.remove(at: position)
                    default: if position < bytes.count { bytes[position] = byte }
                    }
                }
                let full = Self.tree(bytes)
                #expect(Self.tape(bytes) == full, "\(Array(bytes))")
                let cheap = Self.tape(bytes, looksForFlaws: false, topLevelOnly: true)
                let id = full.value?["id"].map { RecordNode($0) }
                #expect(cheap.value == id.map { .string("\($0.kind) \($0.text)") } && (full.value != nil || cheap.words == full.words),
                        "\(Array(bytes))")
            }
        }
    }

    @Test func memberLookupTakesTheLastOfANameAndNoNestedOne() throws {
        let bytes = Self.bytes(#"{"customer": {"id": "inner"}, "\u0069d": "first", "id": 2.50, "x": [{"id": 3}]}"#)
        let tokens = try bytes.withUnsafeBufferPointer { line in
            var parser = JSONTapeParser(bytes: line, line: 1, looksForFlaws: false)
            try parser.parseWhole()
            return parser.tokens
        }
        let root = RecordNode(JSONTape(bytes: bytes, tokens: tokens), at: 0)
        #expect(root.member("id")?.text == "2.50" && root.member("id")?.kind == .number)
        #expect(root.member("customer")?.string("id") == "inner")
        #expect(root.member("x")?.elements.first?.member("id")?.text == "3")
        #expect(root.member("absent") == nil && root.member("x")?.member("id") == nil)
    }

    /// A line read with its flaws looked for: `id` is the last of its name when a name repeats (the record then
    /// fails as holding a duplicate member), and the first when none does (the lookup stops there).
    @Test func aLineWhoseNamesRepeatKeepsTheLastAndOneWithoutStopsAtTheFirst() throws {
        for (line, id) in [(#"{"id": "first", "id": "last"}"#, "last"), (#"{"id": "only", "x": {"id": "inner"}}"#, "only")] {
            let folder = try Conversion.export(["invoices.jsonl": line])
            let record = try #require(try JSONLinesRecordStream(url: folder.appendingPathComponent("invoices.jsonl")).next())
            #expect(record.id == id)
            if case .success(let value) = record.content { #expect(value.member("x")?.string("id") == "inner") }
            else { #expect(id == "last", "only the line whose names repeat fails") }
        }
    }

    /// A small seeded generator, so that a failure repeats.
    struct SplitMix {
        var state: UInt64
        init(seed: UInt64) { state = seed }
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var mixed = state
            mixed = (mixed ^ (mixed >> 30)) &* 0xBF58_476D_1CE4_E5B9
            mixed = (mixed ^ (mixed >> 27)) &* 0x94D0_49BB_1331_11EB
            return mixed ^ (mixed >> 31)
        }
    }
}
