import Testing
@testable import RunACallSupport

/// The ledger stores these hashes: FNV-1a, 64 bits, the same however the bytes are added.
@Suite struct StableHashTests {
    @Test(arguments: [("", "cbf29ce484222325"), ("a", "af63dc4c8601ec8c"), ("foobar", "85944171f73967e8")])
    func knownValues(_ text: String, _ hex: String) {
        var hash = StableHash()
        hash.add(text)
        #expect(hash.hex == hex)
    }

    @Test(arguments: ["", "plain", "café 田中 👩‍👩‍👧", "line\nbreak\\", String(repeating: "long text ", count: 100)])
    func aTextHashesAsItsUTF8(_ text: String) {
        var fromText = StableHash()
        fromText.add(text)
        var fromBytes = StableHash()
        fromBytes.add(text.utf8)
        #expect(fromText.value == fromBytes.value)
        #expect(StableHash.value(text) == fromBytes.value)
    }
}
