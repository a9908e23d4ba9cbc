import Foundation
import RunACallSupport

/// The text of a config file: UTF-8, or a plain refusal naming the encoding
/// or the line of the first byte that is not UTF-8.
enum ConfigurationText {
    /// Decodes `bytes` as UTF-8 (a byte order mark is skipped); throws a
    /// `.usage` `FatalError` naming `fileName` otherwise.
    static func decode(_ bytes: [UInt8], fileName: String) throws -> String {
        if let encoding = WideTextSniffer.encoding(of: bytes) {
            throw FatalError(.usage, "\(fileName): the configuration file is \(encoding), not UTF-8; allowed: a config saved as UTF-8 text")
        }
        let body = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? Array(bytes.dropFirst(3)) : bytes
        if let text = String(validating: body, as: UTF8.self) { return text }
        let (line, byte) = firstInvalidByte(in: body)
        throw FatalError(.usage, "\(fileName):\(line): the configuration file is not UTF-8 text (line \(line) holds the byte \(String(format: "0x%02X", byte)), which UTF-8 does not allow there); allowed: a config saved as UTF-8 text")
    }

    /// The line and value of the first byte that does not start or continue a UTF-8 character.
    private static func firstInvalidByte(in bytes: [UInt8]) -> (line: Int, byte: UInt8) {
        var parser = Unicode.UTF8.ForwardParser()
        var iterator = bytes.makeIterator()
        var offset = 0
        var line = 1
        while true {
            switch parser.parseScalar(from: &iterator) {
            case .valid(let encoded):
                if encoded.count == 1, encoded.first == 0x0A { line += 1 }
                offset += encoded.count
            case .error:
                return (line, bytes[offset])
            case .emptyInput:
                return (line, bytes.last ?? 0)
            }
        }
    }
}
