extension String {
    /// `body` over the text's UTF-8 bytes in place (a copy only for a text not stored as UTF-8): the byte
    /// checks run over a buffer, not `String.UTF8View`'s index by index (several times the instructions).
    @inlinable
    public func withUTF8Bytes<Result>(_ body: (UnsafeBufferPointer<UInt8>) -> Result) -> Result {
        utf8.withContiguousStorageIfAvailable(body) ?? Array(utf8).withUnsafeBufferPointer(body)
    }
}
