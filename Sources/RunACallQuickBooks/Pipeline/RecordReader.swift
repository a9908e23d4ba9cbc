import Foundation

/// Reads and decodes a record stream, on a thread of its own when `readsAhead` (the second core):
/// it stays at most `capacity` chunks of `chunkSize` records ahead of the run, which takes the
/// records in the order the stream gives them, so the output is the same either way.
/// A read error reaches the run at the record where it happened. The run gets each record's
/// location and id with its decoding, not its raw fields.
final class RecordReader<Decoded>: @unchecked Sendable {
    typealias Element = (record: RawRecord, decoded: Decoded)

    private let stream: RawRecordStream
    private let decode: (RawRecord) -> Decoded
    private let readsAhead: Bool
    private let chunkSize: Int
    private let capacity: Int
    /// Guards `chunks`, `finished` and `stopped`; signalled when either side moves.
    private let condition = NSCondition()
    private var chunks: [[Element]] = []
    /// Set by the reading thread once it has queued its last chunk (or its error).
    private var finished = false
    private var failure: Error?
    /// Set by the run when it stops taking records (done, or failed): the reading thread stops.
    private var stopped = false
    private let done = DispatchSemaphore(value: 0)
    private var started = false
    private var current: [Element] = []
    private var position = 0

    init(_ stream: RawRecordStream, decode: @escaping (RawRecord) -> Decoded, readsAhead: Bool,
         chunkSize: Int = 128, capacity: Int = 4) {
        self.stream = stream
        self.decode = decode
        self.readsAhead = readsAhead
        self.chunkSize = chunkSize
        self.capacity = capacity
    }

    /// The next record with what `decode` made of it; nil at the end.
    func next() throws -> Element? {
        guard readsAhead else { return try stream.next().map(element) }
        if !started {
            started = true
            let thread = Thread { [self] in readAll() }
            thread.stackSize = 8 << 20
            thread.start()
        }
        if position == current.count {
            condition.lock()
            while chunks.isEmpty && !finished { condition.wait() }
            if chunks.isEmpty {
                let failure = failure
                condition.unlock()
                if let failure { throw failure }
                return nil
            }
            current = chunks.removeFirst()
            position = 0
            condition.broadcast()
            condition.unlock()
        }
        defer { position += 1 }
        return current[position]
    }

    /// Stops the reading thread, if one runs, and waits for it to end.
    func stop() {
        guard started else { return }
        condition.lock()
        stopped = true
        condition.broadcast()
        condition.unlock()
        done.wait()
        started = false
    }

    /// A record decoded; its fields are dropped, so that the queue holds typed records only.
    private func element(_ record: RawRecord) -> Element {
        (record.withoutContent, decode(record))
    }

    /// The reading thread: chunks of records until the end, an error, or `stop()`.
    private func readAll() {
        defer { done.signal() }
        var chunk: [Element] = []
        chunk.reserveCapacity(chunkSize)
        var failure: Error?
        do {
            while let record = try stream.next() {
                chunk.append(element(record))
                if chunk.count == chunkSize {
                    guard enqueue(chunk) else { return }
                    chunk.removeAll(keepingCapacity: true)
                }
            }
        } catch {
            failure = error
        }
        condition.lock()
        if !chunk.isEmpty { chunks.append(chunk) }
        self.failure = failure
        finished = true
        condition.broadcast()
        condition.unlock()
    }

    /// Queues a chunk once there is room; false when the run stopped taking records.
    private func enqueue(_ chunk: [Element]) -> Bool {
        condition.lock()
        defer { condition.unlock() }
        while chunks.count >= capacity && !stopped { condition.wait() }
        guard !stopped else { return false }
        chunks.append(chunk)
        condition.broadcast()
        return true
    }
}
