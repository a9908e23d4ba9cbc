import Foundation
import Testing
@testable import RunACallQuickBooks
@testable import RunACallRead

/// The duplicate-ID pass's quick read of a line's id: for every line that is one valid JSON object,
/// either exactly the id the full parser gives, or "unsure" (and the line is parsed in full).
@Suite struct JSONLineIDScanTests {
    static func scan(_ line: String) -> JSONLineIDScan.Outcome {
        Array(line.utf8).withUnsafeBufferPointer { JSONLineIDScan.id(in: $0) }
    }

    /// The id the full parser finds, nil when the line is not one JSON object.
    static func parsed(_ line: String) throws -> String?? {
        let bytes = Array(line.utf8)
        return try bytes.withUnsafeBufferPointer { buffer -> String?? in
            var parser = JSONTapeParser(bytes: buffer, line: 1, looksForFlaws: false, topLevelOnly: true)
            do { try parser.parseWhole() } catch is JSONSyntaxError { return nil }
            let value = RecordNode(JSONTape(bytes: bytes, tokens: parser.tokens), at: 0)
            return value.kind == .object ? .some(value.id) : nil
        }
    }

    static let validLines = [
        #"{"id": "INV-1", "total": "100.00"}"#,
        #"{"total": "100.00", "id": "INV-2"}"#,
        #"{"id": 1042}"#, #"{"id": -7.5e3}"#, #"{"id": 0}"#,
        #"{"id": null}"#, #"{"id": true}"#, #"{"id": {"id": "inner"}}"#, #"{"id": ["x"]}"#,
        #"{}"#, #"  { }  "#, #"{"customer": {"id": "C-1", "name": "Ann"}, "lines": [{"id": "L1"}], "id": "INV-3"}"#,
        #"{"note": "a \"quoted\" id: \"fake\"", "id": "INV-4"}"#, #"{"note": "back\\slash", "id":"INV-5"}"#,
        #"{"idx": "no", "i": "no", "d": "no"}"#, #"{"ID": "upper"}"#,
        #"{"id": "INV-\u0031"}"#, #"{"\u0069d": "escaped key"}"#, #"{"id": "Zoë"}"#,
        #"{"id": "1", "id": "2"}"#, #"[{"id": "1"}]"#, #""id""#, "\t{\"id\":\"tabbed\"}\r",
        #"{"a": [1, [2, {"b": "}"}]], "id": "INV-6"}"#, #"{"id": "", "x": false}"#,
    ]

    /// The valid lines the scan leaves to the full parser: escapes in a key or the id, a byte past ASCII, two ids, an array.
    static let unsureLines: Set<String> = [#"{"id": "INV-\u0031"}"#, #"{"\u0069d": "escaped key"}"#, #"{"id": "Zoë"}"#,
                                           #"{"id": "1", "id": "2"}"#, #"[{"id": "1"}]"#, #""id""#]

    @Test func onValidLinesTheScanIsExactOrLeavesItToTheFullParser() throws {
        for line in Self.validLines {
            let expected = try Self.parsed(line)
            if Self.unsureLines.contains(line) {
                #expect(Self.scan(line) == .unsure, "\(line)")
            } else {
                #expect(expected != nil, "a valid object: \(line)")
                #expect(Self.scan(line) == .id(expected ?? nil), "\(line)")
            }
        }
    }

    /// Long strings are skipped eight bytes at a time: an escaped quote or backslash at every offset of a word, and
    /// strings ending at every offset, still end where the full parser ends them.
    @Test func longStringsEndWhereTheFullParserEndsThem() throws {
        var lines: [String] = []
        for length in 0..<24 {
            let filler = String(repeating: "a", count: length)
            for escape in [#"\""#, #"\\"#, #"\\\""#, "é", "}"] {
                lines.append(#"{"note": ""# + filler + escape + filler + #"", "id": "INV-"# + "\(length)" + #""}"#)
                lines.append(#"{"lines": [{"d": ""# + filler + escape + #""}, ""# + filler + #""], "id": "L-"# + "\(length)" + #""}"#)
            }
            lines.append(#"{"id": "INV-"# + "\(length)" + #"", "note": ""# + filler + #"\"#)
        }
        for line in lines {
            #expect(Self.scan(line) == (try Self.parsed(line)).map(Outcome.id) ?? .unsure, "\(line)")
        }
    }

    typealias Outcome = JSONLineIDScan.Outcome

    @Test func whatItCannotBeSureOfIsLeftToTheFullParser() {
        #expect(Self.scan(#"{"\u0069d": "escaped key"}"#) == .unsure)
        #expect(Self.scan(#"{"id": "INV-\u0031"}"#) == .unsure)
        #expect(Self.scan(#"{"id": "Zoë"}"#) == .unsure)
        #expect(Self.scan(#"{"id": "1", "id": "2"}"#) == .unsure)
        #expect(Self.scan(#"[{"id": "1"}]"#) == .unsure)
        #expect(Self.scan(#"{"id": "1""#) == .unsure)
        #expect(Self.scan(#"{"id": "1"} x"#) == .unsure)
    }

    @Test func plainLinesAreRead() {
        #expect(Self.scan(#"{"total": "1.00", "id": "INV-2"}"#) == .id("INV-2"))
        #expect(Self.scan(#"{"id": 1042}"#) == .id("1042"))
        #expect(Self.scan(#"{"id": null}"#) == .id(nil))
        #expect(Self.scan(#"{"lines": [{"id": "L1"}]}"#) == .id(nil), "an id inside a member is not the record's")
    }
}
