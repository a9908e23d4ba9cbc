import RunACallSupport

/// The bytes `SyncedFields.escaped` replaces (backslash, line feed, carriage return), told and escaped
/// from a text's UTF-8 without Foundation.
enum EscapedBytes {
    enum Kind {
        /// None of the three bytes: the text stays as it is.
        case none
        /// Each of them with ASCII (or the text's end) on both sides: each is a character of its own (or CR LF), so
        /// escaping byte by byte gives what Foundation's search gives.
        case standingAlone
        /// One of them beside a byte of 0x80 or more: a combining mark or a prepended character may share its
        /// character, which Foundation's search then leaves alone.
        case inACharacterWithOthers
    }

    static func kind(of text: String) -> Kind { text.withUTF8Bytes(kind(of:)) }

    private static func kind(of bytes: UnsafeBufferPointer<UInt8>) -> Kind {
        var kind = Kind.none
        for index in bytes.indices where isEscaped(bytes[index]) {
            if index > 0 && bytes[index - 1] >= 0x80 || index + 1 < bytes.count && bytes[index + 1] >= 0x80 {
                return .inACharacterWithOthers
            }
            kind = .standingAlone
        }
        return kind
    }

    private static func isEscaped(_ byte: UInt8) -> Bool {
        byte == UInt8(ascii: "\\") || byte == UInt8(ascii: "\n") || byte == UInt8(ascii: "\r")
    }

    /// `text` with each backslash doubled and each line feed and carriage return written as `\n` and `\r`.
    static func escaped(_ text: String) -> String {
        text.withUTF8Bytes { bytes in
            var escaped: [UInt8] = []
            escaped.reserveCapacity(bytes.count + 8)
            for byte in bytes {
                switch byte {
                case UInt8(ascii: "\\"): escaped += [UInt8(ascii: "\\"), UInt8(ascii: "\\")]
                case UInt8(ascii: "\n"): escaped += [UInt8(ascii: "\\"), UInt8(ascii: "n")]
                case UInt8(ascii: "\r"): escaped += [UInt8(ascii: "\\"), UInt8(ascii: "r")]
                default: escaped.append(byte)
                }
            }
            return String(decoding: escaped, as: UTF8.self)
        }
    }
}
