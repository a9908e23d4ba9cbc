import Testing
@testable import RunACallRead

/// The tax lines cell of invoices.csv as the decoder reads it: entries by `;`, parts by position.
@Suite struct CSVTaxLinesTests {
    @Test func partsByPositionEmptyOnesAbsentAndAMalformedEntryNamedWhole() {
        let node = RecordNode(CSVTaxLines("State|6.25|100.00|6.25;;City||100.00|1.00;Bad|1|2"))
        #expect(node.kind == .array)
        let entries = node.elements
        #expect(entries.count == 3)
        #expect(entries.allSatisfy { $0.kind == .object })
        #expect(entries[0].string("name") == "State" && entries[0].string("rate_percent") == "6.25")
        #expect(entries[0].string("taxable_amount") == "100.00" && entries[0].string("amount") == "6.25")
        #expect(entries[0].member("_malformed") == nil)
        #expect(entries[1].string("name") == "City" && entries[1].member("rate_percent") == nil && entries[1].string("amount") == "1.00")
        #expect(entries[2].string("_malformed") == "Bad|1|2")
        #expect(entries[0].member("other") == nil && node.member("name") == nil && node.text == "")
    }
}
