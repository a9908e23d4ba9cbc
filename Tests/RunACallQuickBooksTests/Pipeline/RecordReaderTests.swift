import Foundation
import Testing
@testable import RunACallQuickBooks
@testable import RunACallSupport
@testable import RunACallRead

/// The reading thread on small values: order kept, an error where it happened, a bounded queue, a clean stop.
@Suite struct RecordReaderTests {
    /// Records `0`, `1`, … up to `count`, throwing at `failAt` when given; counts what was read.
    final class CountingStream: RawRecordStream, @unchecked Sendable {
        let count: Int
        let failAt: Int?
        private let lock = NSLock()
        private var index = 0
        var read: Int { lock.withLock { index } }

        init(count: Int, failAt: Int? = nil) {
            self.count = count
            self.failAt = failAt
        }

        func next() throws -> RawRecord? {
            let position = lock.withLock { () -> Int in defer { index += 1 }; return index }
            if position == failAt { throw FatalError(.unreadableInput, "invoices.json: broken at record #\(position)") }
            guard position < count else { return nil }
            return RawRecord(location: .index(position, in: "invoices.json"), content: .success(RecordNode(.string("\(position)"))),
                             fromCSV: false, rowLines: [], id: "\(position)")
        }
    }

    static func reader(_ stream: CountingStream, readsAhead: Bool = true) -> RecordReader<Result<String, Problem>> {
        RecordReader(stream, decode: { record in
            ConversionRun.decode {
                guard let id = record.id, Int(id)! % 5 != 0 else { throw Problem.unexpected("every fifth fails") }
                return id
            }
        }, readsAhead: readsAhead, chunkSize: 7, capacity: 2)
    }

    @Test(arguments: [true, false])
    func recordsComeInTheStreamsOrderWithTheirDecodings(_ readsAhead: Bool) throws {
        let reader = Self.reader(CountingStream(count: 1_000), readsAhead: readsAhead)
        defer { reader.stop() }
        var ids: [String] = [], failed = 0
        while let (record, decoded) = try reader.next() {
            ids.append(record.id ?? "")
            if case .failure = decoded { failed += 1 }
        }
        #expect(ids == (0..<1_000).map(String.init))
        #expect(failed == 200)
        #expect(try reader.next() == nil)
    }

    @Test func anErrorReachesTheRunAfterTheRecordsBeforeIt() throws {
        let reader = Self.reader(CountingStream(count: 1_000, failAt: 500))
        defer { reader.stop() }
        var taken = 0
        let error = #expect(throws: FatalError.self) { while try reader.next() != nil { taken += 1 } }
        #expect(taken == 500)
        #expect(error?.description == "invoices.json: broken at record #500")
    }

    @Test func theReadingThreadStaysABoundedWayAheadAndStopsWhenAsked() throws {
        let stream = CountingStream(count: 1_000_000)
        let reader = Self.reader(stream)
        for _ in 0..<10 { _ = try reader.next() }
        Thread.sleep(forTimeInterval: 0.2)
        #expect(stream.read <= 10 + 7 * 4, "at most the queue's 2 chunks, the one being filled and the one being taken")
        reader.stop()
        let afterStop = stream.read
        Thread.sleep(forTimeInterval: 0.1)
        #expect(stream.read == afterStop)
    }
}
