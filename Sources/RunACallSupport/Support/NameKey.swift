import Foundation

/// The key two names match on: case-insensitive, trimmed, inner white space
/// collapsed (the seed's matching rule for customers, items, terms, codes, accounts).
public struct NameKey: Hashable, Sendable, Comparable {
    public let value: String

    public init(_ name: String) {
        if Self.isPlain(name) {
            value = name.lowercased()
        } else {
            value = Self.collapsedNames.value(for: name) { $0.split(whereSeparator: { $0.isWhitespace }).joined(separator: " ").lowercased() }
        }
    }

    /// Recent keys of names that are not plain: a run meets the same customer and item names again and again.
    private static let collapsedNames = TextMemo()

    /// ASCII with single inner spaces and none at the ends: nothing to collapse.
    private static func isPlain(_ name: String) -> Bool { name.withUTF8Bytes(isPlain) }

    private static func isPlain(_ name: UnsafeBufferPointer<UInt8>) -> Bool {
        var previousSpace = true
        for byte in name {
            guard byte >= 0x20, byte < 0x7F else { return false }
            let space = byte == 0x20
            if space && previousSpace { return false }
            previousSpace = space
        }
        return !previousSpace || name.isEmpty
    }

    public static func < (lhs: NameKey, rhs: NameKey) -> Bool { lhs.value < rhs.value }
}
