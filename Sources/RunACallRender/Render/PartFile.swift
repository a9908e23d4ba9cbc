import Foundation
import RunACallSupport

/// An append-only temporary file that holds one part's transactions while
/// the run streams, so memory stays flat however many records there are.
public final class PartFile {
    let url: URL
    private var handle: FileHandle?
    private var pending: [UInt8] = []
    /// Transactions written to this part.
    private(set) var transactions = 0

    /// A new part file that starts with `header` (counted as no transaction).
    public init(url: URL, header: [UInt8] = []) throws {
        try FileManager.default.createFile(at: url)
        self.url = url
        pending = header
        do { handle = try FileHandle(forWritingTo: url) } catch { throw OutputFailure.fatal(error, path: url) }
    }

    deinit { try? handle?.close() }

    /// Appends one transaction's bytes.
    public func append(_ bytes: some Collection<UInt8>) throws {
        pending.append(contentsOf: bytes)
        transactions += 1
        if pending.count >= 1 << 16 { try flush() }
    }

    func flush() throws {
        guard !pending.isEmpty, let handle else { return }
        do { try handle.write(contentsOf: pending) } catch { throw OutputFailure.fatal(error, path: url) }
        pending.removeAll(keepingCapacity: true)
    }

    /// Writes what is pending and closes the file: a full part holds no
    /// buffer and no file descriptor while later parts are written.
    public func close() throws {
        try flush()
        do { try handle?.close() } catch { throw OutputFailure.fatal(error, path: url) }
        handle = nil
        pending = []
    }

    /// Closes the part and gives it its final name (`url`, which must not exist): a part that starts with
    /// its file's header is the whole file, never copied.
    func move(to destination: URL) throws {
        try close()
        do { try FileManager.default.moveItem(at: url, to: destination) } catch { throw OutputFailure.fatal(error, path: destination) }
    }

    /// Copies the part's bytes to the end of `output` (inside the kernel where it can: `SystemCalls.copyRest`).
    func copy(to output: FileHandle) throws {
        try close()
        let reader = try FileHandle(forReadingFrom: url)
        defer { try? reader.close() }
        if SystemCalls.copyRest(from: reader.fileDescriptor, to: output.fileDescriptor) { return }
        while true {
            let chunk = reader.readData(ofLength: 1 << 20)
            if chunk.isEmpty { break }
            do { try output.write(contentsOf: chunk) } catch { throw OutputFailure.fatal(error, path: url.deletingLastPathComponent()) }
        }
    }
}

/// A sequence of part files that starts a new part when the current one is full. Which part a
/// transaction goes into is decided when it is placed, on the run's thread (`place`); its bytes are
/// appended later, maybe on the rendering thread (`append`), in the order they were placed.
final class PartSeries {
    /// What a part holds, as placed.
    struct Fill {
        var transactions = 0
        var rows = 0
    }

    private let folder: URL
    private let prefix: String
    /// The bytes each part file starts with.
    private let header: [UInt8]
    private let isFull: (Fill, Int) -> Bool
    /// The parts placed so far (the run's thread).
    private var placed: [Fill] = []
    /// The part files written so far (the rendering thread; read once it is settled).
    private(set) var parts: [PartFile] = []

    /// `isFull(part, rows)` says whether `part` cannot take one more transaction of `rows` rows; each part file starts with `header`.
    init(folder: URL, prefix: String, header: [UInt8] = [], isFull: @escaping (Fill, Int) -> Bool) {
        self.folder = folder
        self.prefix = prefix
        self.header = header
        self.isFull = isFull
    }

    /// The 1-based part the next transaction, of `rows` rows, goes into.
    func place(rows: Int = 0) -> Int {
        if placed.last.map({ isFull($0, rows) }) ?? true { placed.append(Fill()) }
        placed[placed.count - 1].transactions += 1
        placed[placed.count - 1].rows += rows
        return placed.count
    }

    /// Appends a transaction's bytes to part `number`, the one `place` gave it; a new part's file is
    /// made when its first transaction comes, the part before it closed.
    func append(_ bytes: some Collection<UInt8>, toPart number: Int) throws {
        while parts.count < number {
            try parts.last?.close()
            parts.append(try PartFile(url: folder.appendingPathComponent("\(prefix)-\(parts.count + 1).part"), header: header))
        }
        try parts[number - 1].append(bytes)
    }

    /// Number of parts, at least 1 (an empty run still writes one file).
    var count: Int { max(1, placed.count) }
}
