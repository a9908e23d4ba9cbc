import Foundation

/// Windows-1252 decoding that reports the bytes the code page leaves
/// undefined (0x81, 0x8D, 0x8F, 0x90, 0x9D) instead of failing the whole text.
public enum Windows1252 {
    /// U+0080 … U+009F as Windows-1252 maps 0x80 … 0x9F; nil where it defines no character.
    private static let high: [UInt32?] = [
        0x20AC, nil, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, nil, 0x017D, nil,
        nil, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, nil, 0x017E, 0x0178,
    ]

    /// The UTF-8 bytes of each character of `high`.
    private static let highUTF8: [[UInt8]?] = high.map { code in code.flatMap(Unicode.Scalar.init).map { Array(String($0).utf8) } }

    /// The bytes as UTF-8: each defined byte becomes its character; an undefined one is kept
    /// as it is (invalid UTF-8, so that the text holding it fails loudly, never silently replaced).
    public static func utf8(of bytes: some Collection<UInt8>) -> [UInt8] {
        var result: [UInt8] = []
        result.reserveCapacity(bytes.count + bytes.count / 8)
        for byte in bytes {
            if byte < 0x80 {
                result.append(byte)
            } else if byte < 0xA0 {
                result.append(contentsOf: highUTF8[Int(byte - 0x80)] ?? [byte])
            } else {
                result.append(0xC0 | byte >> 6)
                result.append(0x80 | byte & 0x3F)
            }
        }
        return result
    }

    /// Whether `bytes`, not UTF-8, read as Windows-1252 text: none of them is one the code page leaves undefined.
    public static func reads(_ bytes: some Collection<UInt8>) -> Bool {
        !bytes.contains { (0x80...0x9F).contains($0) && high[Int($0 - 0x80)] == nil }
    }

    /// The text, with U+FFFD for each undefined byte, and where those bytes are (1-based line).
    public static func decode(_ data: Data) -> (text: String, undefined: [(line: Int, byte: UInt8)]) {
        var scalars = String.UnicodeScalarView()
        var undefined: [(line: Int, byte: UInt8)] = []
        var line = 1
        for byte in data {
            if byte == 0x0A { line += 1 }
            if (0x80...0x9F).contains(byte) {
                if let code = high[Int(byte - 0x80)], let scalar = Unicode.Scalar(code) {
                    scalars.append(scalar)
                } else {
                    scalars.append("\u{FFFD}")
                    undefined.append((line, byte))
                }
            } else {
                scalars.append(Unicode.Scalar(byte))
            }
        }
        return (String(scalars), undefined)
    }
}
