import Foundation
import RunACallQuickBooks

/// What one desk process works with: where it listens, the config file and its
/// ledger, the workspace it keeps uploads and batches in, and the upload cap.
public struct DeskSettings: Sendable {
    /// The port asked for; 0 picks a free one.
    public var port: Int
    /// The config file (it may not exist yet: the settings page writes it).
    public var configFile: URL
    /// The config as the loader read it (the built-in defaults when the file does not exist yet).
    public var configuration: Configuration
    /// The folder holding uploaded exports and each batch's output folder.
    public var workspace: URL
    /// The largest upload taken, in bytes (desk.md: default 1 GiB).
    public var maxUpload: Int

    /// desk.md's default upload cap: 1 GiB.
    public static let defaultMaxUpload = 1 << 30

    /// How long a desk action waits for a ledger another run holds before it answers "busy" (a page waits for
    /// an answer; the command line waits longer).
    static let ledgerWait: TimeInterval = 1

    public init(port: Int, configFile: URL, configuration: Configuration, workspace: URL?, maxUpload: Int = defaultMaxUpload) {
        self.port = port
        self.configFile = configFile
        self.configuration = configuration
        self.workspace = workspace ?? configFile.deletingLastPathComponent().appendingPathComponent("rac2qb-desk")
        self.maxUpload = maxUpload
    }

    /// The ledger the config names now (as `convert` uses it): a change saved on the settings page takes effect
    /// at once; while the file cannot be read, the one it named at start.
    public var ledger: URL? { ((try? currentConfiguration()) ?? configuration).ledgerURL }

    /// The ledger, when the config names one and a run has written it.
    var existingLedger: URL? { ledger.flatMap { FileManager.default.fileExists(atPath: $0.path) ? $0 : nil } }

    /// The ledger's batches, oldest first; none while there is no ledger.
    func batches() throws -> [LedgerHistory.Batch] {
        guard let ledger = existingLedger else { return [] }
        return try LedgerHistory.batches(in: ledger)
    }

    /// The batch whose number is `id`, if the ledger holds it.
    func batch(_ id: String?) throws -> LedgerHistory.Batch? {
        guard let number = Int64(id ?? "") else { return nil }
        return try batches().first { $0.id == number }
    }

    /// The config as the file holds it now (the settings page may have changed it), or the built-in defaults
    /// while there is no file yet.
    public func currentConfiguration() throws -> Configuration {
        guard FileManager.default.fileExists(atPath: configFile.path) else { return Configuration() }
        return try ConfigurationLoader.load(contentsOf: configFile)
    }
}
