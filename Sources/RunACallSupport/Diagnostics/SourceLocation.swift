/// Where a record came from: `invoices.csv:17` (a line) or `invoices.json#3`
/// (a 0-based index in the JSON array).
public struct SourceLocation: Hashable, Sendable, CustomStringConvertible {
    /// The file's name, as the user knows it.
    public let file: String
    /// 1-based line for CSV and JSON Lines.
    public let line: Int?
    /// 0-based position in a JSON array.
    public let index: Int?

    /// A location by line.
    public static func line(_ line: Int, in file: String) -> SourceLocation {
        SourceLocation(file: file, line: line, index: nil)
    }

    /// A location by array index.
    public static func index(_ index: Int, in file: String) -> SourceLocation {
        SourceLocation(file: file, line: nil, index: index)
    }

    public var description: String {
        if let line { return "\(file):\(line)" }
        if let index { return "\(file)#\(index)" }
        return file
    }
}
