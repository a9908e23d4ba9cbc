import RunACallSupport

/// Tells a date as a spreadsheet writes it (`10/1/2026`, Excel's US month/day/year,
/// or `15/10/2026` day first) from other wrong dates, so that the error says which
/// date it is and how to keep Excel from rewriting it.
public enum SpreadsheetDate {
    /// Which date `text` is (`US month/day/year: 2026-10-01`), or the two it may be; nil when
    /// it is not `N/N/YYYY` (a time after it, `10/1/2026 15:04`, is allowed) or no reading is a date.
    public static func reading(of text: String) -> String? {
        let date = text.split(separator: " ", maxSplits: 1).first.map(String.init) ?? text
        let parts = date.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0].count <= 2, parts[1].count <= 2, parts[2].count == 4,
              let first = Int(parts[0]), let second = Int(parts[1]), let year = Int(parts[2]) else { return nil }
        let monthFirst = CalendarDate(year: year, month: first, day: second)
        let dayFirst = CalendarDate(year: year, month: second, day: first)
        switch (monthFirst, dayFirst) {
        case let (us?, other?) where us != other:
            return "US month/day/year: \(us); day/month/year elsewhere: \(other)"
        case let (us?, _):
            return "US month/day/year: \(us)"
        case let (nil, other?):
            return "day/month/year: \(other)"
        case (nil, nil):
            return nil
        }
    }
}
