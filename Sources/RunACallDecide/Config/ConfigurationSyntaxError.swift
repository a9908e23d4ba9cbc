import RunACallSupport

internal import Yams

/// The words for a config file that is not valid YAML: where (line and
/// column), what, and for the common slip of indenting with a tab, that YAML
/// indents with spaces only.
enum ConfigurationSyntaxError {
    /// The `.usage` error for `error`, thrown by Yams while reading `text`.
    static func describe(_ error: any Error, text: String, fileName: String) -> FatalError {
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        let mark = position(of: error)
        if let tabLine = lineIndentedWithTab(lines, at: mark?.line) {
            let column = (lines[tabLine - 1].firstIndex(of: "\t")?.utf16Offset(in: lines[tabLine - 1]) ?? 0) + 1
            return FatalError(.usage, "\(fileName):\(tabLine):\(column): a tab is used for indentation; allowed: spaces only (YAML does not allow tabs to indent), so replace the tab with spaces")
        }
        guard let mark, let problem = problem(of: error) else {
            return FatalError(.usage, "\(fileName): not valid YAML: \(error)")
        }
        return FatalError(.usage, "\(fileName):\(mark.line):\(mark.column): not valid YAML: \(problem)")
    }

    /// The line (1-based) of the error, or the one before it, when its indentation holds a tab.
    private static func lineIndentedWithTab(_ lines: [Substring], at errorLine: Int?) -> Int? {
        guard let errorLine else { return nil }
        func indentedWithTab(_ line: Substring) -> Bool { line.prefix { $0 == " " || $0 == "\t" }.contains("\t") }
        return [errorLine, errorLine - 1].first { lines.indices.contains($0 - 1) && indentedWithTab(lines[$0 - 1]) }
    }

    private static func position(of error: any Error) -> Mark? {
        switch error as? YamlError {
        case .scanner(_, _, let mark, _), .parser(_, _, let mark, _), .composer(_, _, let mark, _): return mark
        default: return nil
        }
    }

    private static func problem(of error: any Error) -> String? {
        switch error as? YamlError {
        case .scanner(let context, let problem, _, _), .parser(let context, let problem, _, _), .composer(let context, let problem, _, _):
            guard let context else { return problem }
            return "\(problem) (\(context.text) on line \(context.mark.line))"
        default: return nil
        }
    }
}
