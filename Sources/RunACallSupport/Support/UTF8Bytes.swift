extension String {
    /// `body` over the text's UTF-8 bytes in place (a copy only for a text not stored as UTF-8): the byte
    /// checks run over a buffer, not `String.UTF8View`'s index by index (several times the instructions).
    @inlinable
    public func withUTF8Bytes<Result>(_ body: (UnsafeBufferPointer<UInt8>) -> Result) -> Result {
        utf8.withContiguousStorageIfAvailable(body) ?? Array(utf8).withUnsafeBufferPointer(body)
    }
}

extension Array where Element == UInt8 {
    /// Appends `text`'s UTF-8 bytes, copied from the text's storage in one piece (appending `text.utf8`
    /// costs about 170 instructions a call however short the text).
    @inlinable
    public mutating func appendUTF8(_ text: String) {
        text.withUTF8Bytes { append(contentsOf: $0) }
    }
}
