import Foundation
import RunACallQuickBooks

/// What the Web Connector keeps in the ledger: the QBWC user, the password's
/// hash, and the OwnerID and FileID GUIDs of the `.qwc` (made once).
public enum ConnectorSettings {
    static let userKey = "user"
    static let passwordKey = "password_hash"
    static let ownerKey = "owner_id"
    static let fileKey = "file_id"

    /// Keeps the user (when given) and the password's hash (when given and not the one kept), and makes
    /// the GUIDs once; returns the settings as kept.
    @discardableResult
    public static func prepare(_ queue: ConnectorQueue, user: String?, password: String?) throws -> [String: String] {
        var settings = try queue.settings()
        var changes: [String: String] = [:]
        if let user, settings[userKey] != user { changes[userKey] = user }
        if let password, !(settings[passwordKey].flatMap(PasswordHash.init(stored:))?.matches(password) ?? false) {
            changes[passwordKey] = try PasswordHash(password: password).stored
        }
        if settings[ownerKey] == nil { changes[ownerKey] = guid() }
        if settings[fileKey] == nil { changes[fileKey] = guid() }
        if !changes.isEmpty {
            try queue.save(changes)
            settings.merge(changes) { $1 }
        }
        return settings
    }

    public static func user(_ settings: [String: String]) -> String? { settings[userKey] }
    public static func hasPassword(_ settings: [String: String]) -> Bool { settings[passwordKey].flatMap(PasswordHash.init(stored:)) != nil }
    public static func ownerID(_ settings: [String: String]) -> String { settings[ownerKey] ?? "" }
    public static func fileID(_ settings: [String: String]) -> String { settings[fileKey] ?? "" }

    /// A new GUID in braces, `{8-4-4-4-12}`, as QBWC wants OwnerID and FileID.
    static func guid() -> String { "{\(UUID().uuidString)}" }
}
