import RunACallSupport

/// The `id` member of one JSON Lines line, found by skipping over the line's bytes without
/// building or checking them: the duplicate-ID pre-pass's quick read.
///
/// For a line that is one valid JSON object it finds exactly what the full parser's `RecordNode.id`
/// gives. Where it cannot be sure (a line that is not an object, a key or id with an escape, a
/// control character or a byte past ASCII, two `id` members), it says so and the caller parses the line in full. For an
/// invalid line it may find an id the full parser would not: `DuplicateIDs` confirms any id that
/// shares a hash with another by reading the files again with the full parser.
enum JSONLineIDScan {
    enum Outcome: Equatable {
        /// The line's id: nil when the object has no `id` member, or one that is not a string or number.
        case id(String?)
        /// Parse the line in full to know.
        case unsure
    }

    static func id(in line: UnsafeBufferPointer<UInt8>) -> Outcome {
        var scan = Scanner(line: line)
        return scan.objectID() ?? .unsure
    }

    private struct Scanner {
        let line: UnsafeBufferPointer<UInt8>
        var position = 0

        init(line: UnsafeBufferPointer<UInt8>) { self.line = line }

        /// The id of the object the line holds; nil when unsure.
        mutating func objectID() -> Outcome? {
            skipWhitespace()
            guard byte == UInt8(ascii: "{") else { return nil }
            position += 1
            skipWhitespace()
            var found: String?
            var seen = false
            if byte == UInt8(ascii: "}") {
                position += 1
            } else {
                while true {
                    guard let isID = key() else { return nil }
                    skipWhitespace()
                    guard byte == UInt8(ascii: ":") else { return nil }
                    position += 1
                    skipWhitespace()
                    if isID {
                        guard !seen else { return nil }
                        seen = true
                        guard let value = idValue() else { return nil }
                        found = value
                    } else {
                        guard skipValue() else { return nil }
                    }
                    skipWhitespace()
                    if byte == UInt8(ascii: ",") {
                        position += 1
                        skipWhitespace()
                    } else if byte == UInt8(ascii: "}") {
                        position += 1
                        break
                    } else {
                        return nil
                    }
                }
            }
            skipWhitespace()
            return position == line.count ? .id(found) : nil
        }

        private var byte: UInt8? { position < line.count ? line[position] : nil }

        private mutating func skipWhitespace() {
            while position < line.count, JSONParser.isWhitespace(line[position]) { position += 1 }
        }

        /// Reads a string that is plain printable ASCII (no escape) from its opening quote past its closing one;
        /// its bytes' range, nil when it is not plain or does not end (`position` then left where it was).
        private mutating func plainString() -> Range<Int>? {
            guard byte == UInt8(ascii: "\"") else { return nil }
            let start = position + 1
            var end = start
            while end < line.count, line[end] != UInt8(ascii: "\"") {
                let character = line[end]
                if character == UInt8(ascii: "\\") || character < 0x20 || character >= 0x80 { return nil }
                end += 1
            }
            guard end < line.count else { return nil }
            position = end + 1
            return start..<end
        }

        /// Reads a member's key; whether it is `id`, nil when it is not a plain string.
        private mutating func key() -> Bool? {
            guard let key = plainString() else { return nil }
            return key.count == 2 && line[key.lowerBound] == UInt8(ascii: "i") && line[key.lowerBound + 1] == UInt8(ascii: "d")
        }

        /// The `id` member's value: `.some(text)` for a plain string or a number, `.some(nil)` for any other value,
        /// nil when unsure (an escape, a control character or a byte past ASCII in the string).
        private mutating func idValue() -> String?? {
            guard let first = byte else { return nil }
            if first == UInt8(ascii: "\"") {
                guard let text = plainString() else { return nil }
                return .some(String(decoding: UnsafeBufferPointer(rebasing: line[text]), as: UTF8.self))
            }
            let start = position
            guard skipValue() else { return nil }
            guard first == UInt8(ascii: "-") || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(first) else { return .some(nil) }
            return .some(String(decoding: UnsafeBufferPointer(rebasing: line[start..<position]), as: UTF8.self))
        }

        /// Skips one value of any kind (strings, nesting and scalars, unchecked); false when the line ends inside it.
        private mutating func skipValue() -> Bool {
            guard let first = byte else { return false }
            switch first {
            case UInt8(ascii: "\""):
                return skipString()
            case UInt8(ascii: "{"), UInt8(ascii: "["):
                var depth = 0
                while position < line.count {
                    switch line[position] {
                    case UInt8(ascii: "\""):
                        guard skipString() else { return false }
                        continue
                    case UInt8(ascii: "{"), UInt8(ascii: "["):
                        depth += 1
                    case UInt8(ascii: "}"), UInt8(ascii: "]"):
                        depth -= 1
                        if depth == 0 {
                            position += 1
                            return true
                        }
                    default:
                        break
                    }
                    position += 1
                }
                return false
            default:
                let start = position
                while position < line.count {
                    switch line[position] {
                    case UInt8(ascii: ","), UInt8(ascii: "}"), UInt8(ascii: "]"): return position > start
                    case let other where JSONParser.isWhitespace(other): return position > start
                    default: position += 1
                    }
                }
                return position > start
            }
        }

        /// Skips a string from its opening quote past its closing one; false when the line ends inside it.
        private mutating func skipString() -> Bool {
            position += 1
            while position < line.count {
                position = ByteWords.skipToQuoteOrBackslash(in: line, from: position, controls: false).position
                guard position < line.count else { return false }
                switch line[position] {
                case UInt8(ascii: "\""):
                    position += 1
                    return true
                case UInt8(ascii: "\\"):
                    position += 2
                default:
                    position += 1
                }
            }
            return false
        }
    }
}
