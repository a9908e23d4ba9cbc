import Foundation
import Testing
@testable import RunACallQuickBooks
@testable import RunACallSupport
@testable import RunACallRead

/// The duplicate-ID pre-pass keeps a hash an ID; IDs that share a hash are read again, so a
/// collision is never taken for a duplicate, nor a duplicate missed.
@Suite struct DuplicateIDsTests {
    private static func find(_ lines: [String], hash: @escaping (String) -> UInt64 = StableHash.value) throws -> (ids: Set<String>, records: Int) {
        let folder = try Conversion.export(["invoices.jsonl": lines.joined(separator: "\n")])
        let url = folder.appendingPathComponent("invoices.jsonl")
        return try DuplicateIDs.find({ try JSONLinesRecordStream(url: url) }, hash: hash, tick: {})
    }

    static let lines = [#"{"id": "1"}"#, #"{"id": "2"}"#, #"{"id": "1"}"#, #"{"id": "3"}"#, #"{"x": 1}"#, #"{"id": "3"}"#]

    @Test func theIDsGivenTwiceAreFoundAndEveryRecordIsCounted() throws {
        let found = try Self.find(Self.lines)
        #expect(found.ids == ["1", "3"] && found.records == 6)
        #expect(try Self.find([#"{"id": "1"}"#, #"{"id": "2"}"#]).ids.isEmpty)
    }

    @Test func idsThatShareAHashAreNotDuplicatesUnlessTheyAreTheSame() throws {
        let everyIDCollides = try Self.find(Self.lines, hash: { _ in 7 })
        #expect(everyIDCollides.ids == ["1", "3"] && everyIDCollides.records == 6)
        #expect(try Self.find([#"{"id": "1"}"#, #"{"id": "2"}"#], hash: { _ in 7 }).ids.isEmpty)
    }

    @Test func anIDTheQuickPassReadsInALineThatIsNotJSONIsNoDuplicate() throws {
        let lines = [#"{"id": "1", "total": 1.2.3}"#, #"{"id": "1"}"#, #"{"id": "2", "paid": tru}"#, #"{"id": "2"}"#, "", #"{"id": "3"}"#, #"{"id": "3"}"#]
        let found = try Self.find(lines)
        #expect(found.ids == ["3"], "the lines that do not read have no id")
        #expect(found.records == 6, "blank lines are not records")
    }
}
