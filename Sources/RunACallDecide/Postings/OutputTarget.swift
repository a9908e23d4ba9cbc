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

    /// The labels of `targets` joined by `; `, each file's number of parts given by `parts`.
    public static func labels(_ targets: [OutputTarget], parts: (OutputTarget) -> Int) -> String {
        var text = ""
        for target in targets {
            if !text.isEmpty { text += "; " }
            target.appendLabel(parts: parts(target), to: &text)
        }
        return text
    }

    /// Appends `label(parts:)` to `text`.
    func appendLabel(parts: Int, to text: inout String) {
        appendPath(parts: parts, to: &text)
        if let anchor {
            text += "#"
            text += anchor
        }
    }

    /// The key the number of parts is counted under.
    public var fileKey: String { "\(folder)/\(base)" }

    static func threeDigits(_ number: Int) -> String {
        let text = String(number)
        return String(repeating: "0", count: max(0, 3 - text.count)) + text
    }
}
