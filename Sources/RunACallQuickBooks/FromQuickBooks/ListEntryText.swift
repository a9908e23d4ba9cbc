/// Text of a QuickBooks list entry that must never reach Run a Call: control
/// characters (an escape sequence such as `ESC]0;…` or `ESC[2J` would retitle
/// or clear the terminal of whoever reads the file) and U+FFFD, which stands
/// where the file had a byte that is no character (Windows-1252, the code page
/// of a list file that is not UTF-8, leaves 0x81, 0x8D, 0x8F, 0x90 and 0x9D
/// undefined). Such an entry is refused, each field named: which character
/// was meant is QuickBooks' to say, never a guess.
enum ListEntryText {
    /// A problem for each field of `entry` that holds such text; empty when all are clean.
    static func problems(of entry: QuickBooksListEntry) -> [String] {
        var fields: [(String, String?)] = [("name", entry.name), ("ListID", entry.listID), ("email", entry.email), ("phone", entry.phone),
                                          ("company", entry.company), ("type", entry.type), ("price", entry.price),
                                          ("income account", entry.incomeAccount)]
        for (name, address) in [("billing address", entry.billing), ("shipping address", entry.shipping)] {
            guard let address else { continue }
            fields += address.lines.enumerated().map { ("\(name) line \($0.offset + 1)", $0.element) }
            fields += [("\(name) city", address.city), ("\(name) state", address.state), ("\(name) postal code", address.postalCode),
                       ("\(name) country", address.country)]
        }
        var problems = fields.compactMap { name, value in value.flatMap { problem(name, $0, lineBreaks: false) } }
        if let description = entry.description, let problem = problem("description", description, lineBreaks: true) { problems.append(problem) }
        return problems
    }

    private static func problem(_ field: String, _ value: String, lineBreaks: Bool) -> String? {
        if value.unicodeScalars.contains("\u{FFFD}") {
            return "\(field) holds a byte that is no character (shown as U+FFFD; in a file that is not UTF-8, read as Windows-1252, "
                + "the bytes 0x81, 0x8D, 0x8F, 0x90 and 0x9D are undefined); allowed: text whose every character is defined"
        }
        guard let control = value.unicodeScalars.first(where: { isControl($0) && !(lineBreaks && $0 == "\n") }) else { return nil }
        let code = String(control.value, radix: 16, uppercase: true)
        return "\(field) holds the control character U+\(String(repeating: "0", count: max(0, 4 - code.count)))\(code)"
            + (control == "\u{1B}" || control == "\u{9B}" || control == "\u{9D}" ? " (an escape sequence)" : "")
            + "; allowed: printable text"
    }

    private static func isControl(_ scalar: Unicode.Scalar) -> Bool {
        scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value)
    }
}
