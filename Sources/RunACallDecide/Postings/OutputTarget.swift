import Foundation

/// Where a record was written: a file of a format, its part, and an anchor
/// inside it (a qbXML requestID). Resolved to a path once the number of parts is known.
public struct OutputTarget: Hashable, Sendable {
    /// The QuickBooks format written; nil for a Run a Call import file (`from-quickbooks`).
    public let format: OutputFormat?
    /// The folder under the output folder (the format's, or `run-a-call`).
    public let folder: String
    /// The file's base name without part number or extension (`quickbooks`, `invoices`).
    public let base: String
    public let fileExtension: String
    /// 1-based part.
    public let part: Int
    public let anchor: String?

    public init(format: OutputFormat, base: String, fileExtension: String, part: Int = 1, anchor: String? = nil) {
        self.format = format
        folder = format.folder
        self.base = base
        self.fileExtension = fileExtension
        self.part = part
        self.anchor = anchor
    }

    /// A file under `folder`: a format's when `folder` is a format's (`OutputTarget(runACallFile:)` names another).
    public init(folder: String, base: String, fileExtension: String, part: Int, anchor: String?) {
        format = OutputFormat(rawValue: folder)
        self.folder = folder
        self.base = base
        self.fileExtension = fileExtension
        self.part = part
        self.anchor = anchor
    }

    /// The file's path under the output folder, given how many parts its base has.
    public func path(parts: Int) -> String {
        var text = ""
        appendPath(parts: parts, to: &text)
        return text
    }

    /// `iif/quickbooks.iif`, `qbxml/requests.xml#req-inv-1042`.
    public func label(parts: Int) -> String {
        var text = ""
        appendLabel(parts: parts, to: &text)
        return text
    }

    /// Appends `path(parts:)` to `text`.
    func appendPath(parts: Int, to text: inout String) {
        text += folder
        text += "/"
        text += base
        if parts > 1 {
            text += "-"
            text += Self.threeDigits(part)
        }
        text += "."
        text += fileExtension
    }

    /// Appends `label(parts:)` to `text`.
    func appendLabel(parts: Int, to text: inout String) {
        appendPath(parts: parts, to: &text)
        if let anchor {
            text += "#"
            text += anchor
        }
    }

    /// `qbxml|requests|xml|1|inv-1042`: the target as the report's temporary file keeps it.
    var stored: String {
        let part = String(part)
        var text = ""
        text.reserveCapacity(folder.utf8.count + base.utf8.count + fileExtension.utf8.count + part.utf8.count + (anchor?.utf8.count ?? 0) + 4)
        text += folder
        text += "|"
        text += base
        text += "|"
        text += fileExtension
        text += "|"
        text += part
        text += "|"
        text += anchor ?? ""
        return text
    }

    init?(stored: String) {
        var stored = stored
        let fields: (folder: String, base: String, fileExtension: String, part: Int, anchor: String)? = stored.withUTF8 { bytes in
            // The four bars' offsets, read in one pass over the bytes (a fifth bar: not a stored target).
            var bars = (0, 0, 0, 0)
            var count = 0
            for index in bytes.indices where bytes[index] == UInt8(ascii: "|") {
                switch count {
                case 0: bars.0 = index
                case 1: bars.1 = index
                case 2: bars.2 = index
                case 3: bars.3 = index
                default: return nil
                }
                count += 1
            }
            guard count == 4, bars.0 > 0 else { return nil }
            func text(_ from: Int, _ to: Int) -> String { String(decoding: UnsafeBufferPointer(rebasing: bytes[from..<to]), as: UTF8.self) }
            guard let part = Int(text(bars.2 + 1, bars.3)) else { return nil }
            return (text(0, bars.0), text(bars.0 + 1, bars.1), text(bars.1 + 1, bars.2), part, text(bars.3 + 1, bytes.count))
        }
        guard let fields else { return nil }
        self.init(folder: fields.folder, base: fields.base, fileExtension: fields.fileExtension, part: fields.part,
                  anchor: fields.anchor.isEmpty ? nil : fields.anchor)
    }

    /// The key the number of parts is counted under.
    public var fileKey: String { "\(folder)/\(base)" }

    static func threeDigits(_ number: Int) -> String {
        let text = String(number)
        return String(repeating: "0", count: max(0, 3 - text.count)) + text
    }
}
