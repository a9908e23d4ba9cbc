import Foundation
import RunACallSupport

/// A QuickBooks list file given to `from-quickbooks`: an IIF list export, a
/// qbXML query response or a QuickBooks Online CSV export, told apart by its content.
public enum QuickBooksListFile {
    /// The kinds of list file.
    enum Kind { case iif, qbxml, csv }

    /// Calls `body` with each customer and item of the file, in file order; `label` names it in errors and locations.
    public static func forEachEntry(_ url: URL, label: String, _ body: (QuickBooksListEntry) throws -> Void) throws {
        switch try kind(of: url, label: label) {
        case .iif: try IIFListStream.read(url, label: label, body)
        case .qbxml: try QBXMLListStream.read(url, label: label, body)
        case .csv: try CSVListStream.read(url, label: label, body)
        }
    }

    /// IIF when the first text is a `!` header, qbXML when it is `<`, else CSV.
    static func kind(of url: URL, label: String) throws -> Kind {
        guard let handle = try? FileHandle(forReadingFrom: url) else {
            throw FatalError(.unreadableInput, "\(label): cannot be read (\(SystemCalls.kind(url.path) == .missing ? "no such file" : "permission denied or not a file"))")
        }
        defer { try? handle.close() }
        let head = [UInt8](handle.readData(ofLength: 4096))
        if let wide = WideTextSniffer.encoding(of: head) { throw WideTextSniffer.refusal(label, encoding: wide) }
        if let refusal = InputKind.refusal(of: url, shownAs: label, command: .fromQuickBooks) { throw refusal }
        let start = head.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
        guard let first = head[start...].first(where: { ![0x20, 0x09, 0x0A, 0x0D].contains($0) }) else {
            throw FatalError(.unreadableInput, "\(label): the file is empty; allowed: an IIF list export, a qbXML query response or a QuickBooks Online list CSV")
        }
        switch first {
        case UInt8(ascii: "!"): return .iif
        case UInt8(ascii: "<"): return .qbxml
        default: return .csv
        }
    }
}
