import Foundation
internal import CLibXML2

/// The `.qwc` file the user adds in QuickBooks Web Connector ("Add an
/// application"): the service's address, the user, the GUIDs kept in the
/// ledger, `QBFS` (QuickBooks Desktop), read-write, run every N minutes.
public struct QWCFile: Sendable {
    public var appURL: String
    public var userName: String
    public var ownerID: String
    public var fileID: String
    public var minutes = 15

    public init(appURL: String, userName: String, ownerID: String, fileID: String) {
        self.appURL = appURL
        self.userName = userName
        self.ownerID = ownerID
        self.fileID = fileID
    }

    /// The default address: QBWC takes plain `http` only for `localhost`.
    public static func defaultURL(port: Int) -> String { "http://localhost:\(port)/qbwc" }

    /// The file's text, written by libxml2 (every value escaped).
    public var text: String {
        xmlInitParser()
        guard let buffer = xmlBufferCreate() else { return "" }
        defer { xmlBufferFree(buffer) }
        guard let writer = xmlNewTextWriterMemory(buffer, 0) else { return "" }
        xmlTextWriterSetIndent(writer, 1)
        xmlTextWriterStartDocument(writer, "1.0", "utf-8", nil)
        xmlTextWriterStartElement(writer, "QBWCXML")
        xmlTextWriterWriteElement(writer, "AppName", "rac2qb")
        xmlTextWriterWriteElement(writer, "AppID", "rac2qb")
        xmlTextWriterWriteElement(writer, "AppURL", appURL)
        xmlTextWriterWriteElement(writer, "AppDescription", "Run a Call to QuickBooks: the qbXML batches of the rac2qb ledger")
        xmlTextWriterWriteElement(writer, "AppSupport", appURL)
        xmlTextWriterWriteElement(writer, "UserName", userName)
        xmlTextWriterWriteElement(writer, "OwnerID", ownerID)
        xmlTextWriterWriteElement(writer, "FileID", fileID)
        xmlTextWriterWriteElement(writer, "QBType", "QBFS")
        xmlTextWriterStartElement(writer, "Scheduler")
        xmlTextWriterWriteElement(writer, "RunEveryNMinutes", String(minutes))
        xmlTextWriterEndElement(writer)
        xmlTextWriterWriteElement(writer, "IsReadOnly", "false")
        xmlTextWriterEndDocument(writer)
        xmlFreeTextWriter(writer)
        return xmlBufferContent(buffer).map { String(cString: $0) } ?? ""
    }
}
