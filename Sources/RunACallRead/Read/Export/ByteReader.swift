import Foundation
import RunACallSupport

/// Reads a file one byte at a time through a fixed-size buffer, counting
/// lines, so that readers stream files of any size in constant memory.
public final class ByteReader {
    private let handle: FileHandle?
    private var buffer: [UInt8] = []
    private var position = 0
    private var exhausted = false
    private let chunkSize: Int
    /// What the file's bytes are decoded from into the UTF-8 the readers scan.
    private let encoding: ExportEncoding
    /// The 1-based line of the next byte.
    private(set) var line = 1

    /// Opens a file in `encoding` (UTF-8 unless the user says otherwise); throws
    /// `.unreadableInput` naming the file as `name` when it is UTF-16 or UTF-32, and
    /// `.usage` when it is UTF-8 but read as Windows-1252.
    init(url: URL, name: String? = nil, chunkSize: Int = 1 << 16, encoding: ExportEncoding = .utf8) throws {
        handle = try FileHandle(forReadingFrom: url)
        self.chunkSize = chunkSize
        self.encoding = encoding
        let first = handle?.readData(ofLength: chunkSize) ?? Data()
        if let wide = WideTextSniffer.encoding(of: first) {
            throw WideTextSniffer.refusal(name ?? url.lastPathComponent, encoding: wide)
        }
        try encoding.check(first, file: name ?? url.lastPathComponent)
        if first.isEmpty { exhausted = true }
        encoding.append(first, to: &buffer)
        if buffer.starts(with: [0xEF, 0xBB, 0xBF]) { position = 3 }
    }

    /// Reads bytes already in memory (one JSON Lines line, say), counting
    /// lines from `firstLine`.
    public init(bytes: [UInt8], firstLine: Int = 1) {
        handle = nil
        chunkSize = 0
        encoding = .utf8
        buffer = bytes
        exhausted = true
        line = firstLine
    }

    deinit { try? handle?.close() }

    /// Reads up to the next line feed (consumed, not returned), or nil at the
    /// end of the input.
    func readLine() -> [UInt8]? {
        guard peek() != nil else { return nil }
        var bytes: [UInt8] = []
        while true {
            let ended = consume { available in
                guard !available.isEmpty else { return (0, true) }
                guard let end = Self.firstLineFeed(in: available[...]) else {
                    bytes.append(contentsOf: available)
                    return (available.count, false)
                }
                bytes.append(contentsOf: available[..<end])
                return (end + 1, true)
            }
            if ended { return bytes }
        }
    }

    /// Hands the next line (up to its line feed, which is consumed) to `body` without copying it when it
    /// lies wholly in the buffer; nil at the end of the input.
    func withNextLine<Value>(_ body: (UnsafeBufferPointer<UInt8>) throws -> Value) rethrows -> Value? {
        guard peek() != nil else { return nil }
        let start = position
        let end = buffer.withUnsafeBufferPointer { whole in Self.firstLineFeed(in: whole[start...]) }
        guard let end else { return try readLine().map { try $0.withUnsafeBufferPointer(body) } }
        let result = try buffer.withUnsafeBufferPointer { whole in try body(UnsafeBufferPointer(rebasing: whole[start..<end])) }
        position = end + 1
        line += 1
        return result
    }

    /// Hands the buffered bytes not yet read to `body` (refilling first when
    /// none are left; empty only at the end of the input), which returns how many
    /// of them it consumed and its result; line feeds among those are counted.
    /// Lets scanners run over whole spans instead of one call per byte.
    func consume<Value>(_ body: (UnsafeBufferPointer<UInt8>) throws -> (count: Int, result: Value)) rethrows -> Value {
        if position >= buffer.count { refill() }
        let start = position
        let (count, result, feeds) = try buffer.withUnsafeBufferPointer { whole in
            let available = UnsafeBufferPointer(rebasing: whole[start...])
            let (count, result) = try body(available)
            var feeds = 0
            var rest = available[..<count]
            while let feed = Self.firstLineFeed(in: rest) {
                feeds += 1
                rest = rest[(feed + 1)...]
            }
            return (count, result, feeds)
        }
        position = start + count
        line += feeds
        return result
    }

    /// The index of the first line feed in `bytes` (found by `memchr`), nil when none.
    private static func firstLineFeed(in bytes: Slice<UnsafeBufferPointer<UInt8>>) -> Int? {
        guard !bytes.isEmpty, let base = bytes.base.baseAddress,
              let found = memchr(base + bytes.startIndex, 0x0A, bytes.count) else { return nil }
        return UnsafeRawPointer(found) - UnsafeRawPointer(base)
    }

    /// The next byte without consuming it.
    public func peek() -> UInt8? {
        if position < buffer.count { return buffer[position] }
        refill()
        return position < buffer.count ? buffer[position] : nil
    }

    /// Consumes and returns the next byte.
    @discardableResult
    func next() -> UInt8? {
        guard let byte = peek() else { return nil }
        position += 1
        if byte == 0x0A { line += 1 }
        return byte
    }

    private func refill() {
        guard !exhausted, let handle else { return }
        let data = handle.readData(ofLength: chunkSize)
        if data.isEmpty { exhausted = true }
        buffer.removeAll(keepingCapacity: true)
        encoding.append(data, to: &buffer)
        position = 0
    }
}
