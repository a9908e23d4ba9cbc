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

/// A table that spills its older chunks to a scratch file answers as one kept in memory, and keeps only its
/// newest chunks in memory.
@Suite struct SpillingPackedTableTests {
    @Test(arguments: [0, 300, 5_000])
    func itAnswersAsADictionaryDoesWithItsOlderEntriesOnDisk(residentBytes: Int) throws {
        var table = PackedTable(spillingBeyond: residentBytes, chunkSize: 1_024)
        var reference: [[UInt8]: [UInt8]] = [:]
        var order: [[UInt8]] = []
        for round in 0..<6_000 {
            let key = Array("customer \(round % 2_500) é".utf8) + (round % 3 == 0 ? [0, 1] : [])
            // Some values longer than one read of a spilled entry (256 bytes), one longer than a chunk.
            let length = round == 4_321 ? 3_000 : round % 97 == 0 ? 400 : round % 40
            let value = Array(String(repeating: "v", count: length).utf8) + [UInt8(round % 251)]
            if reference[key] == nil { order.append(key) }
            table.set(key, value: value)
            reference[key] = value
            let probe = Array("customer \(Int.random(in: 0..<3_000)) é".utf8)
            #expect(table.value(for: probe).map(Array.init) == reference[probe])
        }
        #expect(table.count == reference.count)
        for (key, value) in reference { #expect(table.value(for: key).map(Array.init) == value) }
        for (index, key) in order.enumerated() {
            #expect(table.index(of: key) == index)
            #expect(Array(table.key(at: index)) == key)
        }
        let spill = try #require(table.spill)
        #expect(spill.offsets.count > 50, "the older chunks are in the file")
        let resident = table.chunks.reduce(0) { $0 + $1.count }
        #expect(resident <= residentBytes + 2 * 3_100, "in memory: the resident bytes, the chunk being filled and the one before it")
    }

    @Test func aTableKeptInMemoryNeverMakesAFile() {
        var table = PackedTable(chunkSize: 64)
        for round in 0..<1_000 { table.set(Array("k\(round)".utf8), value: [1, 2, 3]) }
        #expect(table.spill == nil)
        #expect(table.chunks.allSatisfy { !$0.isEmpty })
        #expect(table.value(for: Array("k0".utf8)).map(Array.init) == [1, 2, 3])
    }

    @Test func theScratchFileGivesBackWhatWasAppendedAtItsOffset() throws {
        let file = try ScratchFile()
        let first = try file.append(Array(0..<200))
        let second = try file.append([7, 8, 9])
        #expect(first == 0 && second == 200 && file.size == 203)
        #expect(try file.read(3, at: 200) == [7, 8, 9])
        #expect(try file.read(10, at: 198) == [198, 199, 7, 8, 9], "a read past the end gives what there is")
        #expect(try file.read(10, at: 203) == [])
    }
}
