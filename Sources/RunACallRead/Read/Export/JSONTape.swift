import Foundation

/// One JSON value read into a flat list of tokens over its bytes (a JSON Lines line): nothing is
/// built while it is read, and a string's text is made only when a reader asks for it.
/// Made by `JSONTapeParser`, which checks the bytes as `JSONParser` does.
public final class JSONTape {
    /// What a token is.
    public enum Kind: UInt8 { case object, array, string, number, `true`, `false`, null }

    /// One value, or one member name (a `string` token before its value, in an object).
    public struct Token {
        public var kind: Kind
        /// Whether a string holds a backslash escape (its text must be unescaped).
        var escaped: Bool
        /// Whether a string is ASCII with no escape: its bytes are its text.
        var plain: Bool
        /// A string's bytes between its quotes, or a number's bytes; unused by the rest.
        var start: Int32
        var end: Int32
        /// The index of the token after this value and all it holds.
        public var after: Int32
    }

    /// The bytes the tokens point into.
    let bytes: [UInt8]
    public let tokens: [Token]
    /// Whether no object holds a member name twice (the parser looked for flaws and found none): the first
    /// member of a name is then the last, and `member` stops there.
    let namesAreUnique: Bool

    /// A tape of `tokens` over `bytes`; `namesAreUnique` only when the parser checked that no object holds a name twice.
    public init(bytes: [UInt8], tokens: [Token], namesAreUnique: Bool = false) {
        self.bytes = bytes
        self.tokens = tokens
        self.namesAreUnique = namesAreUnique
    }

    /// The text of the string or number at `index`, as `JSONParser` builds it: escapes undone, and bytes
    /// that are not UTF-8 read with replacement characters.
    public func text(at index: Int) -> String {
        let token = tokens[index]
        return bytes.withUnsafeBufferPointer { all in
            Self.text(of: UnsafeBufferPointer(rebasing: all[Int(token.start)..<Int(token.end)]), escaped: token.escaped)
        }
    }

    /// The text of a string's checked `raw` bytes (a number's when not `escaped`), as `text(at:)` gives it.
    static func text(of raw: UnsafeBufferPointer<UInt8>, escaped: Bool) -> String {
        guard escaped else { return String(decoding: raw, as: UTF8.self) }
        var unescaped: [UInt8] = []
        unescape(raw, into: &unescaped)
        return String(decoding: unescaped, as: UTF8.self)
    }

    /// The index of the value of the member named `key` of the object at `index` (the last one of that
    /// name, as a dictionary keeps it); nil when there is none or the value is not an object.
    /// Names are compared by their unescaped bytes, which for the ASCII names readers ask for is string equality.
    func member(_ key: String, of index: Int) -> Int? {
        guard tokens[index].kind == .object else { return nil }
        var found: Int?
        var key = key
        let firstIsLast = namesAreUnique
        key.withUTF8 { wanted in
            tokens.withUnsafeBufferPointer { tokens in
                bytes.withUnsafeBufferPointer { all in
                    var position = index + 1
                    let end = Int(tokens[index].after)
                    while position < end {
                        if Self.names(tokens[position], wanted, in: all) {
                            found = position + 1
                            if firstIsLast { return }
                        }
                        position = Int(tokens[position + 1].after)
                    }
                }
            }
        }
        return found
    }

    /// The indexes of the elements of the array at `index`.
    public func elements(of index: Int) -> [Int] {
        var found: [Int] = []
        var position = index + 1
        let end = Int(tokens[index].after)
        while position < end {
            found.append(position)
            position = Int(tokens[position].after)
        }
        return found
    }

    /// Whether the member name `token` is `wanted`'s bytes once unescaped (a name without escape is compared
    /// by its length first, then its bytes).
    private static func names(_ token: Token, _ wanted: UnsafeBufferPointer<UInt8>, in all: UnsafeBufferPointer<UInt8>) -> Bool {
        let count = Int(token.end - token.start)
        guard token.escaped else {
            guard count == wanted.count else { return false }
            guard count > 0, let start = all.baseAddress, let other = wanted.baseAddress else { return true }
            return memcmp(start + Int(token.start), other, count) == 0
        }
        var unescaped: [UInt8] = []
        unescape(UnsafeBufferPointer(rebasing: all[Int(token.start)..<Int(token.end)]), into: &unescaped)
        return unescaped.elementsEqual(wanted)
    }

    /// Appends the bytes a string's checked `raw` bytes stand for, its escapes undone.
    static func unescape(_ raw: UnsafeBufferPointer<UInt8>, into bytes: inout [UInt8]) {
        var position = 0
        func hex4() -> UInt32 {
            var value: UInt32 = 0
            for _ in 0..<4 {
                value = value * 16 + UInt32(hexValue(raw[position]) ?? 0)
                position += 1
            }
            return value
        }
        while position < raw.count {
            let byte = raw[position]
            position += 1
            guard byte == UInt8(ascii: "\\") else { bytes.append(byte); continue }
            let escaped = raw[position]
            position += 1
            switch escaped {
            case UInt8(ascii: "u"):
                var code = hex4()
                if (0xD800...0xDBFF).contains(code) {
                    position += 2
                    code = 0x10000 + ((code - 0xD800) << 10) + (hex4() - 0xDC00)
                }
                if let scalar = UnicodeScalar(code), let encoded = UTF8.encode(scalar) { bytes.append(contentsOf: encoded) }
            default: bytes.append(JSONValue.escapedByte(escaped) ?? escaped)
            }
        }
    }

    /// The value of an ASCII hex digit.
    static func hexValue(_ byte: UInt8) -> UInt32? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): return UInt32(byte - UInt8(ascii: "0"))
        case UInt8(ascii: "a")...UInt8(ascii: "f"): return UInt32(byte - UInt8(ascii: "a") + 10)
        case UInt8(ascii: "A")...UInt8(ascii: "F"): return UInt32(byte - UInt8(ascii: "A") + 10)
        default: return nil
        }
    }
}
