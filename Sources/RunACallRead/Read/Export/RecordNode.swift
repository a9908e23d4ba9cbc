/// One value of a record as `FieldReader` reads it: in a `JSONValue` tree (`.json` files, flat CSV files),
/// on the `JSONTape` of a JSON Lines line, whose text is made only when it is asked for, or in the cells of
/// an invoice's rows of invoices.csv (`CSVInvoiceCells`) and their tax lines (`CSVTaxLines`).
public struct RecordNode {
    /// What the value is; a boolean with its value.
    public enum Kind: Equatable { case null, bool(Bool), number, string, array, object }

    private enum Storage {
        case tree(JSONValue)
        case tape(JSONTape, Int)
        case csv(CSVInvoiceCells, CSVInvoiceCells.Path)
        /// The tax lines (entry nil) or one of them.
        case taxLines(CSVTaxLines, entry: Int?)
    }

    private let storage: Storage

    /// A value of a tree.
    public init(_ value: JSONValue) { storage = .tree(value) }

    /// The value at token `index` of `tape`.
    public init(_ tape: JSONTape, at index: Int) { storage = .tape(tape, index) }

    /// The value at `path` of an invoice's CSV rows.
    init(_ cells: CSVInvoiceCells, _ path: CSVInvoiceCells.Path) { storage = .csv(cells, path) }

    /// The tax lines of an invoice of invoices.csv, or with `entry` one of them.
    init(_ lines: CSVTaxLines, entry: Int? = nil) { storage = .taxLines(lines, entry: entry) }

    public var kind: Kind {
        switch storage {
        case .tree(let value):
            switch value {
            case .null: return .null
            case .bool(let flag): return .bool(flag)
            case .number: return .number
            case .string: return .string
            case .array: return .array
            case .object: return .object
            }
        case .tape(let tape, let index):
            switch tape.tokens[index].kind {
            case .null: return .null
            case .true: return .bool(true)
            case .false: return .bool(false)
            case .number: return .number
            case .string: return .string
            case .array: return .array
            case .object: return .object
            }
        case .csv(_, let path):
            switch path {
            case .cell: return .string
            case .lines: return .array
            default: return .object
            }
        case .taxLines(_, let entry): return entry == nil ? .array : .object
        }
    }

    /// The text of a string or a number (a number's as written); empty for any other value.
    public var text: String {
        switch storage {
        case .tree(.string(let text)), .tree(.number(let text)): return text
        case .tree: return ""
        case .tape(let tape, let index):
            switch tape.tokens[index].kind {
            case .string, .number: return tape.text(at: index)
            default: return ""
            }
        case .csv(let cells, .cell(let row, let position)): return cells.rows[row].cells[position]
        case .csv, .taxLines: return ""
        }
    }

    /// The member named `key` of an object; nil when absent or when this is not an object.
    public func member(_ key: String) -> RecordNode? {
        switch storage {
        case .tree(let value): return value[key].map(RecordNode.init)
        case .tape(let tape, let index): return tape.member(key, of: index).map { RecordNode(tape, at: $0) }
        case .csv(let cells, let path): return cells.member(key, of: path)
        case .taxLines(let lines, let entry): return entry.flatMap { lines.member(key, ofEntry: $0) }
        }
    }

    /// The text of the member named `key` when it is a string; nil otherwise.
    public func string(_ key: String) -> String? {
        guard let member = member(key), member.kind == .string else { return nil }
        return member.text
    }

    /// The text of a record's `id` member when it is a string or a number; nil otherwise.
    var id: String? {
        guard let id = member("id") else { return nil }
        switch id.kind {
        case .string, .number: return id.text
        default: return nil
        }
    }

    /// The elements of an array; empty for any other value.
    public var elements: [RecordNode] {
        switch storage {
        case .tree(.array(let elements)): return elements.map(RecordNode.init)
        case .tree: return []
        case .tape(let tape, let index):
            guard tape.tokens[index].kind == .array else { return [] }
            return tape.elements(of: index).map { RecordNode(tape, at: $0) }
        case .csv(let cells, .lines): return cells.rows.indices.map { RecordNode(cells, .line($0)) }
        case .csv: return []
        case .taxLines(let lines, nil): return (0..<lines.count).map { RecordNode(lines, entry: $0) }
        case .taxLines: return []
        }
    }

    /// A short name of the value's type, for error messages.
    var typeName: String {
        switch kind {
        case .null: return "null"
        case .bool: return "a boolean"
        case .number: return "a number"
        case .string: return "a string"
        case .array: return "an array"
        case .object: return "an object"
        }
    }
}
