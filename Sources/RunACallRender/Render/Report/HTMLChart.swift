import RunACallSupport
import RunACallDecide

/// The billed invoice amounts of each month as an inline SVG bar chart:
/// written, skipped and failed side by side, readable without scripts.
enum HTMLChart {
    private static let series: [(status: RowStatus, label: String, color: String)] = [
        (.success, "Written", "#2e7d4f"), (.skipped, "Skipped", "#c69214"), (.failed, "Failed", "#b3261e"),
    ]
    private static let barWidth = 14
    private static let groupGap = 18
    private static let plotHeight = 160
    private static let top = 34
    private static let left = 8

    /// The chart, or a sentence when no billed invoice has a date.
    static func billedByMonth(_ months: [String: [String: Money]]) -> String {
        guard !months.isEmpty else { return "<p>No sent, partially paid or paid invoice to chart.</p>\n" }
        let ordered = months.keys.sorted()
        let largest = months.values.flatMap(\.values).map(\.cents).max() ?? 0
        let groupWidth = series.count * barWidth + groupGap
        let width = left * 2 + ordered.count * groupWidth
        let height = top + plotHeight + 28
        var svg = "<div class=\"chart\"><svg xmlns=\"http://www.w3.org/2000/svg\" role=\"img\" width=\"\(max(width, 320))\" height=\"\(height)\""
            + " viewBox=\"0 0 \(max(width, 320)) \(height)\" aria-label=\"Billed invoice amounts by month: written, skipped and failed\">\n"
        for (index, entry) in series.enumerated() {
            let x = left + index * 90
            svg += "<rect x=\"\(x)\" y=\"6\" width=\"12\" height=\"12\" fill=\"\(entry.color)\"/>"
                + "<text x=\"\(x + 16)\" y=\"16\">\(entry.label)</text>\n"
        }
        svg += "<line x1=\"\(left)\" y1=\"\(top + plotHeight)\" x2=\"\(width - left)\" y2=\"\(top + plotHeight)\" stroke=\"#889\"/>\n"
        for (position, month) in ordered.enumerated() {
            let groupX = left + position * groupWidth + groupGap / 2
            for (index, entry) in series.enumerated() {
                let amount = months[month]?[entry.status.rawValue] ?? .zero
                let barHeight = largest > 0 ? Int(Int128(max(amount.cents, 0)) * Int128(plotHeight) / Int128(largest)) : 0
                let x = groupX + index * barWidth
                svg += "<rect x=\"\(x)\" y=\"\(top + plotHeight - barHeight)\" width=\"\(barWidth - 2)\" height=\"\(barHeight)\" fill=\"\(entry.color)\">"
                    + "<title>\(month) \(entry.label.lowercased()): \(HTMLReport.amount(amount))</title></rect>\n"
            }
            svg += "<text x=\"\(groupX + series.count * barWidth / 2)\" y=\"\(top + plotHeight + 18)\" text-anchor=\"middle\">\(month)</text>\n"
        }
        svg += "</svg></div>\n"
        return svg + table(months, ordered: ordered)
    }

    /// The chart's figures as a table, for reading exact amounts.
    private static func table(_ months: [String: [String: Money]], ordered: [String]) -> String {
        var html = "<table><tr><th>Month</th>" + series.map { "<th>\($0.label)</th>" }.joined() + "</tr>\n"
        for month in ordered {
            html += "<tr><td>\(month)</td>" + series.map { "<td class=\"n\">\(HTMLReport.amount(months[month]?[$0.status.rawValue] ?? .zero))</td>" }.joined() + "</tr>\n"
        }
        return html + "</table>\n"
    }
}
