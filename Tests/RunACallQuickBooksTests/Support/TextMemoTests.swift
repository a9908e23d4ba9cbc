import Testing
@testable import RunACallSupport

/// The memo tells texts apart by their exact UTF-8 bytes: canonically equivalent texts are different inputs.
@Suite struct TextMemoTests {
    @Test func textsAreToldApartByTheirBytes() {
        let memo = TextMemo()
        var computed: [String] = []
        let upper = { (text: String) -> String in
            computed.append(text)
            return text.uppercased()
        }
        for text in ["é", "e\u{301}", "é", "", "", "a long text past fifteen bytes", "a long text past fifteen bytez", "e\u{301}"] {
            #expect(memo.value(for: text, upper) == text.uppercased())
        }
        #expect(computed.map { Array($0.utf8) } == ["é", "e\u{301}", "", "a long text past fifteen bytes", "a long text past fifteen bytez"].map { Array($0.utf8) })
    }

    /// Memory stays bounded: a memo full to its capacity forgets what it held, so an old text is computed again.
    @Test func aFullMemoForgets() {
        let memo = TextMemo(capacity: 3)
        var computed: [String] = []
        let upper = { (text: String) -> String in
            computed.append(text)
            return text.uppercased()
        }
        for text in ["a", "b", "c", "a", "d", "a", "b"] { #expect(memo.value(for: text, upper) == text.uppercased()) }
        #expect(computed == ["a", "b", "c", "d", "a", "b"])
    }
}
