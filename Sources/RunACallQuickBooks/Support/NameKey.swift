import Foundation

/// The key two names match on: case-insensitive, trimmed, inner white space
/// collapsed (the seed's matching rule for customers, items, terms, codes, accounts).
public struct NameKey: Hashable, Sendable, Comparable {
    public let value: String

    public init(_ name: String) {
        value = name.split(whereSeparator: { $0.isWhitespace }).joined(separator: " ").lowercased()
    }

    public static func < (lhs: NameKey, rhs: NameKey) -> Bool { lhs.value < rhs.value }
}
