import RunACallSupport

/// Finds the header cell a user most likely meant for a missing column
/// (`Invoice Date` for `invoice_date`), for the error that names it.
public enum CSVHeaderMatch {
    /// The found header closest to `column`: the same letters and digits
    /// ignoring case and separators, else within a few edits, else one holding
    /// every word of `column` (`full_name` for `name`); nil when none is close.
    public static func closest(to column: String, in headers: [String]) -> String? {
        let wanted = normalized(column)
        if let same = headers.first(where: { normalized($0) == wanted }) { return same }
        let scored = headers.map { (header: $0, distance: distance(normalized($0), wanted)) }
        if let best = scored.min(by: { $0.distance < $1.distance }), best.distance <= max(2, wanted.count / 4) { return best.header }
        let wantedWords = Set(words(column))
        return headers.first { !wantedWords.isEmpty && wantedWords.isSubset(of: words($0)) }
    }

    private static func words(_ text: String) -> [String] {
        text.lowercased().split { !($0.isLetter || $0.isNumber) }.map(String.init)
    }

    private static func normalized(_ text: String) -> [Character] {
        text.lowercased().filter { $0.isLetter || $0.isNumber }.map { $0 }
    }

    /// Levenshtein distance.
    private static func distance(_ a: [Character], _ b: [Character]) -> Int {
        guard !a.isEmpty else { return b.count }
        var previous = Array(0...b.count)
        for (i, x) in a.enumerated() {
            var current = [i + 1]
            for (j, y) in b.enumerated() {
                current.append(min(previous[j + 1] + 1, current[j] + 1, previous[j] + (x == y ? 0 : 1)))
            }
            previous = current
        }
        return previous[b.count]
    }
}
