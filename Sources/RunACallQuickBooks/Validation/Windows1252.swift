import Foundation

/// Windows-1252 decoding that reports the bytes the code page leaves
/// undefined (0x81, 0x8D, 0x8F, 0x90, 0x9D) instead of failing the whole text.
enum Windows1252 {
    /// U+0080 … U+009F as Windows-1252 maps 0x80 … 0x9F; nil where it defines no character.
    private static let high: [UInt32?] = [
        0x20AC, nil, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, nil, 0x017D, nil,
        nil, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, nil, 0x017E, 0x0178,
    ]

    /// The text, with U+FFFD for each undefined byte, and where those bytes are (1-based line).
    static func decode(_ data: Data) -> (text: String, undefined: [(line: Int, byte: UInt8)]) {
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
