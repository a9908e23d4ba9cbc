import Foundation

extension String {
    /// `trimmingCharacters(in: .whitespaces)`, answered without Foundation when
    /// both ends are ASCII other than a space or a tab: the common case, with nothing to trim.
    public var trimmingWhitespace: String {
        guard let first = utf8.first, let last = utf8.last, Self.isSolidASCII(first), Self.isSolidASCII(last) else {
            return trimmingCharacters(in: .whitespaces)
        }
        return self
    }

    /// `trimmingCharacters(in: .whitespacesAndNewlines)`, answered without Foundation when
    /// both ends are printable ASCII other than a space: the common case, with nothing to trim.
    public var trimmingWhitespaceAndNewlines: String {
        guard let first = utf8.first, let last = utf8.last, Self.isSolidLineASCII(first), Self.isSolidLineASCII(last) else {
            return trimmingCharacters(in: .whitespacesAndNewlines)
        }
        return self
    }

    /// Whether the text is only whitespace and line breaks (`.whitespacesAndNewlines`), or empty;
    /// answered without Foundation as soon as an ASCII byte other than those shows it is not.
    public var isBlank: Bool {
        if utf8.contains(where: { $0 < 0x80 && $0 != 0x20 && !(0x09...0x0D).contains($0) }) { return false }
        return trimmingCharacters(in: .whitespacesAndNewlines).isEmpty
    }

    /// An ASCII byte that neither `.whitespaces` holds (space, tab) nor starts a multi-byte character.
    private static func isSolidASCII(_ byte: UInt8) -> Bool { byte < 0x80 && byte != 0x20 && byte != 0x09 }

    /// Printable ASCII other than a space: never in `.whitespacesAndNewlines`, never part of a multi-byte character.
    private static func isSolidLineASCII(_ byte: UInt8) -> Bool { byte > 0x20 && byte < 0x7F }
}
