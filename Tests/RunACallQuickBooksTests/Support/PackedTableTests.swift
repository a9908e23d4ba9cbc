import Testing
@testable import RunACallQuickBooks
@testable import RunACallSupport

/// The packed table against a Dictionary: the same answers for every key, through growth and overwrites,
/// kept in memory or spilling its older chunks to a scratch file (then keeping only its newest in memory).
@Suite struct PackedTableTests {
    /// `residentBytes`: nil for a table kept in memory, else what a spilling table keeps in memory.
    @Test(arguments: [nil, 0, 300, 5_000])
    func itAnswersAsADictionaryDoes(residentBytes: Int?) throws {
        var table = residentBytes.map { PackedTable(spillingBeyond: $0, chunkSize: 1_024) } ?? PackedTable(chunkSize: 1_024)
        var reference: [[UInt8]: [UInt8]] = [:]
        var order: [[UInt8]] = []
        for round in 0..<20_000 {
            let key = Array("customer \(round % 7_000) é".utf8) + (round % 3 == 0 ? [0, 1] : [])
            // Some values longer than one read of a spilled entry (256 bytes), one longer than a chunk.
            let length = round == 4_321 ? 3_000 : round % 97 == 0 ? 400 : round % 40
            let value = Array(String(repeating: "v", count: length).utf8) + [UInt8(round % 251)]
            if reference[key] == nil { order.append(key) }
            table.set(key, value: value)
            reference[key] = value
            let probe = Array("customer \(Int.random(in: 0..<8_000)) é".utf8)
            #expect(table.value(for: probe).map(Array.init) == reference[probe])
        }
        #expect(table.count == reference.count)
        for (key, value) in reference { #expect(table.value(for: key).map(Array.init) == value) }
        for (index, key) in order.enumerated() {
            #expect(table.index(of: key) == index)
            #expect(Array(table.key(at: index)) == key)
        }
        #expect(table.value(for: []) == nil)
        table.set([], value: [9])
        #expect(table.value(for: []).map(Array.init) == [9])
        guard let residentBytes else {
            #expect(table.spill == nil && table.chunks.allSatisfy { !$0.isEmpty }, "a table kept in memory never makes a file")
            return
        }
        let spill = try #require(table.spill)
        #expect(spill.offsets.count > 50, "the older chunks are in the file")
        let resident = table.chunks.reduce(0) { $0 + $1.count }
        #expect(resident <= residentBytes + 2 * 3_100, "in memory: the resident bytes, the chunk being filled and the one before it")
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

/// The scratch file a spilling table keeps its older chunks in.
@Suite struct ScratchFileTests {
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
