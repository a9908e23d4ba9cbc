import Foundation

/// Text rules shared by every QuickBooks target.
public enum QuickBooksText {
    /// Whether a scalar survives QuickBooks Desktop as is: printable Latin-1
    /// (Desktop turns anything else into `?`; qbXML must not carry it raw).
    static func isDesktopSafe(_ scalar: Unicode.Scalar) -> Bool {
        (0x20...0x7E).contains(scalar.value) || (0xA0...0xFF).contains(scalar.value)
    }

    /// Whether text needs no change for QuickBooks Desktop (line breaks and tabs aside).
    public static func isDesktopSafe(_ text: String) -> Bool {
        switch ASCIIText.kind(of: text) {
        case .printable, .withLineBreaksOrTabs: true
        case .withOtherControls: false
        case .notASCII: text.unicodeScalars.allSatisfy { isDesktopSafe($0) || $0 == "\n" || $0 == "\r" || $0 == "\t" }
        }
    }

    /// Text QuickBooks Desktop can hold: characters outside printable Latin-1 are
    /// transliterated run by run (`Łódź` → `Lodz`, `田中` → `tian zhong`), a run with no Latin form becomes `?`.
    public static func desktop(_ text: String) -> String {
        guard !isDesktopSafe(text) else { return text }
        return desktopTexts.value(for: text, transliterated)
    }

    /// `desktop` of text that is not Desktop-safe.
    private static func transliterated(_ text: String) -> String {
        var result = String.UnicodeScalarView()
        var run = ""
        func flushRun() {
            guard !run.isEmpty else { return }
            result.append(contentsOf: transliterations.latin(run).unicodeScalars)
            run = ""
        }
        for character in text {
            if character.unicodeScalars.allSatisfy({ isDesktopSafe($0) || $0 == "\n" || $0 == "\r" || $0 == "\t" }) {
                flushRun()
                result.append(contentsOf: character.unicodeScalars)
            } else {
                run.append(character)
            }
        }
        flushRun()
        return String(result)
    }

    /// Recent results of `desktop`.
    private static let desktopTexts = TextMemo()
    private static let transliterations = TransliterationCache()

    /// A list name QuickBooks accepts in every target: no tab, line break, `"`,
    /// `:` (hierarchy) or `;` (ends an IIF record); white space collapsed.
    public static func listName(_ text: String, desktop: Bool) -> String {
        if ASCIIText.isListName(text) { return text }
        return (desktop ? desktopListNames : listNames).value(for: text) { cleanedListName($0, desktop: desktop) }
    }

    private static let listNames = TextMemo()
    private static let desktopListNames = TextMemo()

    /// `listName` of text that needs cleaning.
    private static func cleanedListName(_ text: String, desktop: Bool) -> String {
        var cleaned = ""
        for scalar in (desktop ? Self.desktop(text) : text).unicodeScalars {
            switch scalar {
            case "\"": continue
            case ":": cleaned.unicodeScalars.append("-")
            case ";": cleaned.unicodeScalars.append(",")
            default:
                if scalar.properties.generalCategory == .control || scalar == "\u{2028}" || scalar == "\u{2029}" {
                    cleaned.unicodeScalars.append(" ")
                } else {
                    cleaned.unicodeScalars.append(scalar)
                }
            }
        }
        return cleaned.split(whereSeparator: { $0.isWhitespace }).joined(separator: " ")
    }

    /// A name (list entry, doc number) no spreadsheet evaluates, the same in every format:
    /// one that starts with `=`, `+`, `-` or `@` gets a `'` in front (QuickBooks Desktop and
    /// Online both accept the apostrophe in names, and a spreadsheet reads the cell as text).
    public static func formulaSafe(_ name: String) -> String {
        CSVText.isFormula(name) ? "'" + name : name
    }

    /// Why `formulaSafe` changes `name`, for the report; nil when it does not.
    public static func formulaReason(_ name: String) -> String? {
        guard CSVText.isFormula(name), let first = name.first else { return nil }
        return "a leading \(first) would be evaluated as a formula by a spreadsheet"
    }

    /// Whether `text` holds a line break (LF, CR, CRLF, U+2028, U+2029): a character that `isNewline`.
    public static func hasLineBreak(_ text: String) -> Bool {
        switch ASCIIText.kind(of: text) {
        case .printable: false
        case .withLineBreaksOrTabs, .withOtherControls: text.utf8.contains { (0x0A...0x0D).contains($0) }
        case .notASCII: text.unicodeScalars.contains(where: isLineBreak)
        }
    }

    /// A scalar that makes a character `isNewline` (LF, VT, FF, CR, NEL, U+2028, U+2029). Each stands
    /// alone in its character (or starts CR LF), so a text holds such a character exactly when it holds such a scalar.
    private static func isLineBreak(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x0A...0x0D, 0x85, 0x2028, 0x2029: true
        default: false
        }
    }

    /// `text` on one line: each line break (CRLF counts as one) becomes a space.
    public static func oneLine(_ text: String) -> String {
        guard hasLineBreak(text) else { return text }
        return text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline).joined(separator: " ")
    }

    /// The first `limit` characters (grapheme clusters), trailing white space dropped.
    public static func prefix(_ text: String, _ limit: Int) -> String {
        guard text.utf8.count > limit, text.count > limit else { return text }
        var cut = String(text.prefix(limit))
        while cut.last?.isWhitespace == true { cut.removeLast() }
        return cut
    }
}

/// Remembers recent transliterations (ICU's transform is slow to set up);
/// bounded, so memory stays flat however many distinct texts a run meets.
private final class TransliterationCache: @unchecked Sendable {
    private let lock = NSLock()
    private var entries: [String: String] = [:]
    private static let capacity = 4_096

    /// `run` in printable Latin-1: ICU's Any-Latin then Latin-ASCII, `?` when nothing is left.
    func latin(_ run: String) -> String {
        lock.lock()
        defer { lock.unlock() }
        if let known = entries[run] { return known }
        let latin = run.applyingTransform(StringTransform("Any-Latin; Latin-ASCII"), reverse: false) ?? ""
        var kept = String.UnicodeScalarView(latin.unicodeScalars.filter { QuickBooksText.isDesktopSafe($0) })
        if kept.isEmpty { kept = "?".unicodeScalars }
        if entries.count >= Self.capacity { entries.removeAll(keepingCapacity: true) }
        entries[run] = String(kept)
        return String(kept)
    }
}

/// What a text holds, told from its UTF-8 bytes alone, so that the common ASCII
/// text skips the per-character work of the QuickBooks text rules.
public enum ASCIIText {
    public enum Kind {
        /// Only printable ASCII (0x20–0x7E).
        case printable
        /// Printable ASCII and at least one tab, line feed or carriage return (no other control).
        case withLineBreaksOrTabs
        /// ASCII with another control character (vertical tab, form feed, DEL, NUL, …).
        case withOtherControls
        /// A byte of 0x80 or more: a character outside ASCII.
        case notASCII
    }

    public static func kind(of text: String) -> Kind { text.withUTF8Bytes(kind(of:)) }

    private static func kind(of text: UnsafeBufferPointer<UInt8>) -> Kind {
        var kind = Kind.printable
        for byte in text {
            if byte >= 0x80 { return .notASCII }
            if byte >= 0x20 && byte < 0x7F { continue }
            if byte == 0x09 || byte == 0x0A || byte == 0x0D {
                if case .printable = kind { kind = .withLineBreaksOrTabs }
            } else {
                kind = .withOtherControls
            }
        }
        return kind
    }

    /// Whether `QuickBooksText.listName` keeps `text` as it is: printable ASCII without
    /// `"`, `:` or `;`, no space at either end and no two spaces in a row.
    static func isListName(_ text: String) -> Bool { text.withUTF8Bytes(isListName) }

    private static func isListName(_ text: UnsafeBufferPointer<UInt8>) -> Bool {
        var previous: UInt8 = 0x20
        for byte in text {
            guard byte > 0x20 && byte < 0x7F && byte != UInt8(ascii: "\"") && byte != UInt8(ascii: ":") && byte != UInt8(ascii: ";")
                || byte == 0x20 && previous != 0x20 else { return false }
            previous = byte
        }
        return previous != 0x20 || text.isEmpty
    }
}
