import RunACallSupport
import RunACallRead

internal import Yams

/// Changes keys in the text of a config file in place, at each key's node: the key's own line takes the new
/// value (its comment stays beside it), a mapping's entries are changed, added or removed one line each, and
/// every other line, comments included, stays as it was. A key the file lacks is added to its section (the
/// section at the end of the file when it lacks that too).
public struct ConfigurationTextEdit {
    /// A value written in a way no line edit can change safely (a block scalar, an anchor, a flow mapping
    /// holding the key): the user changes it in the file.
    public struct NotInPlace: Error {}

    private var lines: [String]
    private let lineEnd: String

    public init(_ text: String) {
        lineEnd = text.contains("\r\n") ? "\r" : ""
        lines = text.unicodeScalars.split(separator: "\n", omittingEmptySubsequences: false).map { String(String.UnicodeScalarView($0)) }
    }

    public var text: String { lines.joined(separator: "\n") }

    /// Sets `key` to `input`.
    public mutating func set(_ key: ConfigurationKey, to input: ConfigurationInput) throws {
        let root = try Yams.compose(yaml: text)
        if let root, root.mapping == nil, !ConfigurationReader.isNull(root) { throw NotInPlace() }
        var members = root?.mapping.map(Array.init) ?? []
        var indent = 0
        var parentLine: Int?
        if let section = key.section {
            guard let (sectionKey, sectionValue) = members.first(where: { $0.key.scalar?.string == section }) else {
                appendSection(section, key, input)
                return
            }
            let line = try lineStart(of: sectionKey, indent: 0)
            parentLine = line
            if ConfigurationReader.isNull(sectionValue) {
                members = []
            } else {
                guard let mapping = sectionValue.mapping, mapping.style != .flow else { throw NotInPlace() }
                members = Array(mapping)
            }
            indent = members.first.flatMap { $0.key.mark.map { $0.column - 1 } } ?? 2
        }
        guard let (keyNode, valueNode) = members.first(where: { $0.key.scalar?.string == key.name }) else {
            let end = parentLine.map { regionEnd(of: $0, indent: 0) } ?? lastLine()
            insert(block(key, input, indent: indent), after: end)
            return
        }
        let line = try lineStart(of: keyNode, indent: indent)
        if case .object(let entries) = input, key.kind == .mapping || key.kind == .paymentMethodNames {
            try setEntries(entries, keyLine: line, indent: indent, name: key.name, value: valueNode)
        } else {
            lines[line] = try Self.replacingValue(in: lines[line], from: indent + key.name.count + 1, with: Self.yaml(input, key))
            removeContent(after: line, indent: indent)
        }
    }

    /// A mapping's entries: each entry named is changed on its own line or added below; an entry not named is
    /// removed, unless it is listed with no value (a decision not taken yet, which reads as not listed).
    private mutating func setEntries(_ entries: [String: ConfigurationInput], keyLine: Int, indent: Int, name: String, value: Node) throws {
        var wanted = entries.map { (name: $0.key, value: $0.value) }.sorted { $0.name < $1.name }
        guard let mapping = value.mapping, mapping.style != .flow, let first = mapping.first?.key.mark, first.line - 1 > keyLine else {
            lines[keyLine] = try Self.replacingValue(in: lines[keyLine], from: indent + name.count + 1, with: "")
            removeContent(after: keyLine, indent: indent)
            insert(wanted.map { entryLine($0.name, $0.value, indent: indent + 2) }, after: regionEnd(of: keyLine, indent: indent))
            return
        }
        let entryIndent = first.column - 1
        var edits: [(line: Int, text: String?)] = []
        for (entryKey, entryValue) in mapping {
            let line = try lineStart(of: entryKey, indent: entryIndent)
            let current = ConfigurationReader.isNull(entryValue) ? nil : entryValue.scalar?.string
            let index = wanted.firstIndex { NameKey($0.name) == NameKey(entryKey.scalar?.string ?? "") }
            guard let index else {
                if current != nil { edits.append((line, nil)) }
                continue
            }
            let given = wanted.remove(at: index).value
            let text: String? = if case .text(let text) = given { text } else { nil }
            if text != current {
                let start = try Self.keyEnd(in: lines[line], from: entryIndent)
                edits.append((line, try Self.replacingValue(in: lines[line], from: start, with: given.yaml)))
            }
        }
        insert(wanted.map { entryLine($0.name, $0.value, indent: entryIndent) }, after: regionEnd(of: keyLine, indent: indent))
        for edit in edits.sorted(by: { $0.line > $1.line }) {
            removeContent(after: edit.line, indent: entryIndent)
            if let text = edit.text { lines[edit.line] = text } else { lines.remove(at: edit.line) }
        }
    }

    private func entryLine(_ name: String, _ value: ConfigurationInput, indent: Int) -> String {
        String(repeating: " ", count: indent) + YAMLKey.quoted(name) + ":" + (value.yaml.isEmpty ? "" : " " + value.yaml) + lineEnd
    }

    /// The lines of a key the file lacks.
    private func block(_ key: ConfigurationKey, _ input: ConfigurationInput, indent: Int) -> [String] {
        let head = String(repeating: " ", count: indent) + key.name + ":"
        if case .object(let entries) = input, key.kind == .mapping || key.kind == .paymentMethodNames {
            return [head + lineEnd] + entries.keys.sorted().map { entryLine($0, entries[$0]!, indent: indent + 2) }
        }
        let value = Self.yaml(input, key)
        return [head + (value.isEmpty ? "" : " " + value) + lineEnd]
    }

    /// The value as written on its key's line: a date plain (`2026-10-31`), as the starter and the samples write it.
    private static func yaml(_ input: ConfigurationInput, _ key: ConfigurationKey) -> String {
        if key.kind == .date, case .text(let text) = input, CalendarDate(iso: text) != nil { return text }
        return input.yaml
    }

    private mutating func appendSection(_ section: String, _ key: ConfigurationKey, _ input: ConfigurationInput) {
        let end = lastLine()
        let gap = lines[0...max(end, 0)].allSatisfy { $0.trimmingCharacters(in: .whitespaces).isEmpty } ? [] : [lineEnd]
        insert(gap + [section + ":" + lineEnd] + block(key, input, indent: 2), after: end)
    }

    private mutating func insert(_ new: [String], after line: Int) {
        lines.insert(contentsOf: new, at: line + 1)
    }

    /// The last line that is not blank (-1 for a blank file).
    private func lastLine() -> Int {
        lines.lastIndex { !$0.trimmingCharacters(in: .whitespaces).isEmpty } ?? -1
    }

    /// The line a key node starts, checked to be the first thing on it at `indent`.
    private func lineStart(of node: Node, indent: Int) throws -> Int {
        guard let mark = node.mark, lines.indices.contains(mark.line - 1), mark.column - 1 == indent,
              lines[mark.line - 1].prefix(indent).allSatisfy({ $0 == " " }) else { throw NotInPlace() }
        return mark.line - 1
    }

    /// The last line of what belongs to the key on `line`: the lines indented deeper (and a sequence's `-` lines
    /// at its own indentation), trailing blank lines left out.
    private func regionEnd(of line: Int, indent: Int) -> Int {
        var end = line
        var next = line + 1
        while next < lines.count {
            let text = lines[next].trimmingCharacters(in: .whitespaces)
            let depth = lines[next].prefix { $0 == " " }.count
            if text.isEmpty || text == "\r" {
                next += 1
                continue
            }
            guard depth > indent || (depth == indent && text.hasPrefix("-")) else { break }
            end = next
            next += 1
        }
        return end
    }

    /// Removes the lines of the key on `line` that hold its old value, keeping its comment lines.
    private mutating func removeContent(after line: Int, indent: Int) {
        let end = regionEnd(of: line, indent: indent)
        guard end > line else { return }
        for index in stride(from: end, to: line, by: -1) where !Self.isCommentOrBlank(lines[index]) {
            lines.remove(at: index)
        }
    }

    private static func isCommentOrBlank(_ line: String) -> Bool {
        let text = line.trimmingCharacters(in: .whitespaces)
        return text.isEmpty || text == "\r" || text.hasPrefix("#")
    }

    /// The index just past a mapping entry's key and its colon, on `line`, the key starting at `start`.
    private static func keyEnd(in line: String, from start: Int) throws -> Int {
        let characters = Array(line)
        var index = start
        if characters.indices.contains(index), characters[index] == "\"" || characters[index] == "'" {
            index = try closingQuote(characters, from: index) + 1
            guard characters.indices.contains(index), characters[index] == ":" else { throw NotInPlace() }
            return index + 1
        }
        while index < characters.count {
            if characters[index] == ":", index + 1 == characters.count || characters[index + 1] == " " || characters[index + 1] == "\r" {
                return index + 1
            }
            index += 1
        }
        throw NotInPlace()
    }

    /// `line` with the value after its key's colon (at `start`) replaced by `value`, its comment kept at its column when it fits.
    static func replacingValue(in line: String, from start: Int, with value: String) throws -> String {
        let carriageReturn = line.hasSuffix("\r")
        let characters = Array(carriageReturn ? String(line.dropLast()) : line)
        guard start <= characters.count else { throw NotInPlace() }
        var begin = start
        while begin < characters.count, characters[begin] == " " { begin += 1 }
        var end = begin
        if begin < characters.count {
            switch characters[begin] {
            case "#": break
            case "\"", "'": end = try closingQuote(characters, from: begin) + 1
            case "[", "{": end = try closingBracket(characters, from: begin) + 1
            case "|", ">", "&", "*", "!": throw NotInPlace()
            default:
                end = begin
                while end < characters.count, !(characters[end] == "#" && characters[end - 1] == " ") { end += 1 }
                while end > begin, characters[end - 1] == " " { end -= 1 }
            }
        }
        var rest = end
        while rest < characters.count, characters[rest] == " " { rest += 1 }
        guard rest == characters.count || characters[rest] == "#" else { throw NotInPlace() }
        var result = String(characters[..<start]) + (value.isEmpty ? "" : " " + value)
        if rest < characters.count {
            result = (result.count < rest ? result.padding(toLength: rest, withPad: " ", startingAt: 0) : result + " ") + String(characters[rest...])
        }
        return result + (carriageReturn ? "\r" : "")
    }

    private static func closingQuote(_ characters: [Character], from start: Int) throws -> Int {
        let quote = characters[start]
        var index = start + 1
        while index < characters.count {
            if quote == "\"", characters[index] == "\\" { index += 2; continue }
            if characters[index] == quote {
                if quote == "'", index + 1 < characters.count, characters[index + 1] == "'" { index += 2; continue }
                return index
            }
            index += 1
        }
        throw NotInPlace()
    }

    private static func closingBracket(_ characters: [Character], from start: Int) throws -> Int {
        var depth = 0
        var index = start
        while index < characters.count {
            switch characters[index] {
            case "\"", "'": index = try closingQuote(characters, from: index)
            case "[", "{": depth += 1
            case "]", "}":
                depth -= 1
                if depth == 0 { return index }
            default: break
            }
            index += 1
        }
        throw NotInPlace()
    }
}
