import RunACallSupport

/// The character encoding an export's files are read in: UTF-8 as the contract
/// says, or Windows-1252 when the user says so (`--encoding windows-1252`), as
/// Excel saves "CSV (Comma delimited)" on Windows.
public enum ExportEncoding: String, Sendable, CaseIterable {
    case utf8 = "utf-8"
    case windows1252 = "windows-1252"

    /// The encoding named on the command line (`utf-8`, `utf8`, `windows-1252`, `cp1252`), nil for any other name.
    public init?(named name: String) {
        switch name.lowercased() {
        case "utf-8", "utf8": self = .utf8
        case "windows-1252", "cp1252", "windows1252": self = .windows1252
        default: return nil
        }
    }

    /// Appends a file's next bytes to `buffer` as UTF-8: as read (no copy in between), or decoded from
    /// Windows-1252 byte by byte (one byte is one character, so a chunk boundary never splits one).
    func append(_ bytes: some Collection<UInt8>, to buffer: inout [UInt8]) {
        switch self {
        case .utf8: buffer.append(contentsOf: bytes)
        case .windows1252: buffer.append(contentsOf: Windows1252.utf8(of: bytes))
        }
    }

    /// Refuses a file that `--encoding windows-1252` would misread: its first bytes (`prefix`) hold
    /// UTF-8 characters, which Windows-1252 would turn into two or three wrong ones each (`Ã©` for `é`).
    func check(_ prefix: some Collection<UInt8>, file: String) throws {
        let head = Array(prefix.prefix(4_096))
        guard self == .windows1252, head.contains(where: { $0 >= 0x80 }),
              String(validating: head.utf8Prefix, as: UTF8.self) != nil else { return }
        throw FatalError(.usage, "\(file): the file is UTF-8, not Windows-1252 (--encoding windows-1252 would turn each accented letter into two wrong ones); allowed: the file as it is, read without --encoding")
    }
}

extension Array where Element == UInt8 {
    /// The bytes up to the last whole UTF-8 character, so that a prefix cut mid-character still validates.
    var utf8Prefix: ArraySlice<UInt8> {
        var end = count
        var back = 0
        while end > 0, back < 3, self[end - 1] & 0xC0 == 0x80 { end -= 1; back += 1 }
        if end > 0, self[end - 1] >= 0xC0 { return self[..<(end - 1)] }
        return self[...]
    }
}
