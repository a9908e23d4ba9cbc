import Foundation

/// Remembers the recent results of one pure text function (a transliteration,
/// a format's cleaning) for the texts that take its slow path; bounded, so
/// memory stays flat however many distinct texts a run meets. Texts are told
/// apart by their exact UTF-8 bytes, not by Swift's canonical equivalence
/// (`é` and `e` + U+0301 are different inputs to QuickBooks' text rules).
public final class TextMemo: @unchecked Sendable {
    private let lock = NSLock()
    private var entries: [Key: String] = [:]
    private let capacity: Int

    /// A memo that forgets everything once it holds `capacity` texts. 1,024 (was 4,096): the six memos
    /// of a run hold about 150 bytes a text, and a run's distinct customers filled larger ones further
    /// the more customers it met (about 70 bytes of peak memory per customer up to 25,000 customers).
    public init(capacity: Int = 1_024) {
        self.capacity = capacity
    }

    /// `compute(text)`, from memory when `text` was met recently.
    public func value(for text: String, _ compute: (String) -> String) -> String {
        let key = Key(text: text)
        lock.lock()
        let known = entries[key]
        lock.unlock()
        if let known { return known }
        let value = compute(text)
        lock.lock()
        if entries.count >= capacity { entries.removeAll(keepingCapacity: true) }
        entries[key] = value
        lock.unlock()
        return value
    }

    private struct Key: Hashable {
        let text: String

        static func == (left: Key, right: Key) -> Bool {
            left.text.utf8.count == right.text.utf8.count && left.text.withUTF8Bytes { leftBytes in
                right.text.withUTF8Bytes { rightBytes in
                    leftBytes.isEmpty || memcmp(leftBytes.baseAddress!, rightBytes.baseAddress!, leftBytes.count) == 0
                }
            }
        }

        func hash(into hasher: inout Hasher) {
            text.withUTF8Bytes { hasher.combine(bytes: UnsafeRawBufferPointer($0)) }
        }
    }
}
