import Foundation

/// Where the Web Connector stands in one qbXML request file of a batch, kept
/// in the ledger (`connector_cursor`) so a stopped or killed service resumes
/// there: the byte offset before which every request is answered or handed
/// out, the qbXML version the file declares, and the file's size, modification
/// time and inode when its digest last matched the one convert recorded.
struct ConnectorCursor: Equatable {
    var offset: Int64 = 0
    var version: String?
    /// `size mtime inode` of the file when its digest was last checked.
    var checked: String?

    /// The cursors of a batch's request files, by the file's path in the batch.
    static func all(_ ledger: Ledger, batch: Int64) throws -> [String: ConnectorCursor] {
        var cursors: [String: ConnectorCursor] = [:]
        try ledger.database.query("SELECT file, offset, version, checked FROM connector_cursor WHERE batch = ?", [.integer(batch)]) { row in
            cursors[row.text(0) ?? ""] = ConnectorCursor(offset: row.integer(1), version: row.text(2), checked: row.text(3))
        }
        return cursors
    }

    func save(_ ledger: Ledger, batch: Int64, file: String) throws {
        try ledger.database.run("INSERT OR REPLACE INTO connector_cursor(batch, file, offset, version, checked) VALUES (?, ?, ?, ?, ?)",
                                [.integer(batch), .text(file), .integer(offset), .text(version), .text(checked)])
    }

    /// Refuses a file that is not the one convert wrote. Its digest is computed only when the file's size,
    /// modification time or inode changed since the last check (once per file, not once per document).
    mutating func check(_ url: URL, digest: String, batch: Int64) throws {
        let stamp = Self.stamp(url)
        if let stamp, stamp == checked { return }
        guard stamp != nil, FileDigest.matches(url, digest) else {
            throw FatalError(.unreadableInput, "\(url.path): the qbXML requests of batch \(batch) were changed or removed after convert wrote them, "
                + "so the Web Connector cannot send them. Put the file back as convert wrote it, or undo batch \(batch) (rac2qb undo \(batch)) and convert again.")
        }
        checked = stamp
    }

    /// `size mtime inode`, or nil when the file cannot be read.
    static func stamp(_ url: URL) -> String? {
        guard let attributes = try? FileManager.default.attributesOfItem(atPath: url.path),
              let size = attributes[.size] as? NSNumber, let modified = attributes[.modificationDate] as? Date else { return nil }
        let inode = (attributes[.systemFileNumber] as? NSNumber)?.stringValue ?? "-"
        return "\(size) \(modified.timeIntervalSince1970) \(inode)"
    }

    /// Moves the cursors back to where requests handed out start, so that they are sent again. A request handed
    /// out before the service kept where it starts sends its batch's files again from their beginning.
    static func rewind(_ ledger: Ledger, batch: Int64, to requestIDs: [String]) throws {
        for id in requestIDs {
            var start: (file: String?, offset: Int64)?
            try ledger.database.query("SELECT file, offset FROM connector_sent WHERE batch = ? AND request_id = ?", [.integer(batch), .text(id)]) {
                start = ($0.text(0), $0.integer(1))
            }
            guard let start else { continue }
            if let file = start.file {
                try ledger.database.run("UPDATE connector_cursor SET offset = MIN(offset, ?) WHERE batch = ? AND file = ?",
                                        [.integer(start.offset), .integer(batch), .text(file)])
            } else {
                try ledger.database.run("UPDATE connector_cursor SET offset = 0 WHERE batch = ?", [.integer(batch)])
            }
        }
    }
}
