import RunACallSupport

internal import Yams

/// Walks the YAML tree by the declared keys (`ConfigurationKeys`), collecting every issue with its key, line and column.
struct ConfigurationReader {
    let fileName: String
    var issues: [ConfigurationIssue] = []

    /// Reads `root` into `configuration`: each section's keys as declared, every other key an issue.
    mutating func read(_ root: Node, into configuration: inout Configuration) {
        for (name, node) in members(root, "", allowed: ConfigurationKeys.topLevel) {
            if let key = ConfigurationKeys.key(name) {
                key.read(&self, node, &configuration)
                continue
            }
            let keys = ConfigurationKeys.all.filter { $0.section == name }
            for (member, value) in members(node, name, allowed: keys.map(\.name)) {
                keys.first { $0.name == member }?.read(&self, value, &configuration)
            }
        }
    }

    mutating func issue(_ node: Node?, _ key: String, _ reason: String) {
        let mark = node?.mark
        issues.append(ConfigurationIssue(file: fileName, line: mark?.line ?? 1, column: mark?.column ?? 1, key: key, reason: reason))
    }

    /// Where `node` is given: `rac2qb.yml:3:14`.
    func place(of node: Node) -> String { "\(fileName):\(node.mark?.line ?? 1):\(node.mark?.column ?? 1)" }

    /// The pairs of a mapping, flagging keys outside `allowed`.
    mutating func members(_ node: Node, _ path: String, allowed: [String]) -> [(key: String, node: Node)] {
        guard let mapping = node.mapping else {
            if !isNull(node) { issue(node, path, "expected a mapping of \(allowed.joined(separator: ", "))") }
            return []
        }
        var result: [(String, Node)] = []
        var seen = Set<String>()
        for (keyNode, value) in mapping {
            let key = keyNode.scalar?.string ?? ""
            let full = path.isEmpty ? key : "\(path).\(key)"
            if !allowed.contains(key) {
                issue(keyNode, full, "unknown key; allowed here: \(allowed.joined(separator: ", "))")
            } else if !seen.insert(key).inserted {
                issue(keyNode, full, "the key is given twice")
            } else {
                result.append((key, value))
            }
        }
        return result
    }

    func isNull(_ node: Node) -> Bool { Self.isNull(node) }

    /// Whether a node is YAML's null: empty, `~` or `null`, unquoted.
    static func isNull(_ node: Node) -> Bool {
        guard let scalar = node.scalar, scalar.style == .plain else { return false }
        return ["", "~", "null", "Null", "NULL"].contains(scalar.string)
    }

    mutating func string(_ node: Node, _ key: String) -> String? {
        guard let scalar = node.scalar else { issue(node, key, "expected text"); return nil }
        let text = scalar.string.trimmingCharacters(in: .whitespaces)
        guard !text.isEmpty else { issue(node, key, "expected non-empty text"); return nil }
        return text
    }

    /// Text, or nil for an explicit null (a setting that may be "not set").
    mutating func optionalString(_ node: Node, _ key: String) -> String?? {
        if isNull(node) { return .some(nil) }
        guard let text = string(node, key) else { return nil }
        return .some(text)
    }

    mutating func bool(_ node: Node, _ key: String) -> Bool? {
        switch node.scalar?.string.lowercased() {
        case "true", "yes", "on": return true
        case "false", "no", "off": return false
        default: issue(node, key, "expected true or false"); return nil
        }
    }

    mutating func choice<T: RawRepresentable & CaseIterable>(_ node: Node, _ key: String, _ type: T.Type) -> T?
    where T.RawValue == String {
        guard let text = node.scalar?.string, let value = T(rawValue: text) else {
            issue(node, key, "\"\(node.scalar?.string ?? "")\" is not allowed; allowed: \(T.allCases.map(\.rawValue).joined(separator: ", "))")
            return nil
        }
        return value
    }

    /// A mapping of name: name. With `allowsUnset`, an empty value (`Denver 8.81%:`) is a name listed but not
    /// mapped yet (as `rac2qb init --from` writes them): it is left out, as if not listed, and still counts for "mapped twice".
    mutating func pairs(_ node: Node, _ key: String, allowsUnset: Bool = false) -> [(String, String)]? {
        if isNull(node) { return [] }
        guard let mapping = node.mapping else { issue(node, key, "expected a mapping of name: name"); return nil }
        var result: [(String, String)] = []
        var seen = Set<NameKey>()
        for (name, value) in mapping {
            guard let from = string(name, key) else { continue }
            guard seen.insert(NameKey(from)).inserted else { issue(name, "\(key).\(from)", "mapped twice"); continue }
            if allowsUnset && isNull(value) { continue }
            guard let to = string(value, "\(key).\(from)") else { continue }
            result.append((from, to))
        }
        return result
    }
}
