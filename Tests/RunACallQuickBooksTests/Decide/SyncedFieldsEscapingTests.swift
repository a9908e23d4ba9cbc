import Foundation
import Testing
@testable import RunACallDecide

/// The ledger hashes escaped field values, so `SyncedFields.escaped` must give exactly what the first versions
/// gave (Foundation's character-wise `replacingOccurrences`) for every text, byte by byte or not.
@Suite struct SyncedFieldsEscapingTests {
    /// What the first versions did: Foundation's search, which leaves a backslash or line break sharing its
    /// character with a combining mark alone.
    static func asFirstVersions(_ text: String) -> String {
        text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\n", with: "\\n").replacingOccurrences(of: "\r", with: "\\r")
    }

    @Test(arguments: [
        "", "plain", "a\\b", "line\nbreak", "crlf\r\nend", "\r\n", "\n\r", "\\\\n", "田中\\\n", "👩‍👩‍👧\\\r\n", "\u{2028}\\",
        "\\\u{301}", "\n\u{301}", "\r\n\u{301}", "\r\u{301}", "e\u{301}\\", "\u{FE0F}\\\u{FE0F}", "x\u{200D}\\\u{200D}y", "\r\u{200D}\n",
        "\u{600}\\", "\u{600}\n1", "a\\\u{903}",
    ])
    func escapesAsTheFirstVersionsDid(_ text: String) {
        #expect(Array(SyncedFields.escaped(text).utf8) == Array(Self.asFirstVersions(text).utf8), "\(text.unicodeScalars.map(\.value))")
    }

    /// Texts drawn from backslashes, line breaks, ASCII and the scalars that join a character (combining marks,
    /// joiners, variation selectors, prepended and spacing marks), beside letters outside ASCII.
    @Test func escapesDrawnTextsAsTheFirstVersionsDid() {
        let pieces: [String] = ["\\", "\n", "\r", "a", " ", "n", "é", "田", "\u{301}", "\u{200D}", "\u{FE0F}", "\u{600}", "\u{903}", "👍"]
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15
        for _ in 0..<4_000 {
            var text = ""
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            for step in 0..<Int(state >> 60) + 1 {
                text += pieces[Int((state >> UInt64(4 * step % 56)) & 0xFF) % pieces.count]
            }
            #expect(Array(SyncedFields.escaped(text).utf8) == Array(Self.asFirstVersions(text).utf8), "\(text.unicodeScalars.map(\.value))")
        }
    }

    @Test func aTextWithoutTheThreeBytesIsKeptAsItIs() {
        #expect(EscapedBytes.kind(of: "café 田中") == .none)
        #expect(EscapedBytes.kind(of: "a\\b\r\nc") == .standingAlone)
        #expect(EscapedBytes.kind(of: "a\n\u{301}") == .inACharacterWithOthers)
        #expect(EscapedBytes.kind(of: "é\n") == .inACharacterWithOthers)
    }
}
