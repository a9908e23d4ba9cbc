import Testing
@testable import RunACallQuickBooks
@testable import RunACallSupport

/// The packed table against a Dictionary: the same answers for every key, through growth and overwrites.
@Suite struct PackedTableTests {
    @Test func itAnswersAsADictionaryDoes() {
        var table = PackedTable()
        var reference: [[UInt8]: [UInt8]] = [:]
        var generator = SystemRandomNumberGenerator()
        for round in 0..<20_000 {
            let key = Array("customer \(round % 7_000) é".utf8) + (round % 3 == 0 ? [0, 1] : [])
            let value = Array(String(repeating: "v", count: round % 40).utf8) + [UInt8(round % 251)]
            table.set(key, value: value)
            reference[key] = value
            let probe = Array("customer \(Int.random(in: 0..<8_000, using: &generator)) é".utf8)
            #expect(table.value(for: probe).map(Array.init) == reference[probe])
        }
        #expect(table.count == reference.count)
        for (key, value) in reference { #expect(table.value(for: key).map(Array.init) == value) }
        #expect(table.value(for: []) == nil)
        table.set([], value: [9])
        #expect(table.value(for: []).map(Array.init) == [9])
    }

    @Test func anEntryLongerThanAChunkKeepsItsBytes() {
        var table = PackedTable()
        let long = [UInt8](repeating: 7, count: 3 << 20)
        table.set([1], value: long)
        table.set([2], value: [2])
        #expect(table.value(for: [1]).map(Array.init) == long)
        #expect(table.value(for: [2]).map(Array.init) == [2])
    }
}
