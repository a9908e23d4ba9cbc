/// README's config table, made from the declared keys (a test checks README holds it exactly).
extension ConfigurationKeys {
    /// The table: section, key, default, what it does; a section named on its first key only.
    public static var markdownTable: String {
        var rows = ["| section | key | default | what it does |", "|---|---|---|---|"]
        var section: String?? = .none
        for key in all {
            let shown = section == .some(key.section) ? "" : (key.section ?? "(top level)")
            section = .some(key.section)
            rows.append("|" + (shown.isEmpty ? "" : " \(shown)") + " | `\(key.name)` | \(key.defaultValue.readme) | \(key.help) |")
        }
        return rows.joined(separator: "\n")
    }
}
