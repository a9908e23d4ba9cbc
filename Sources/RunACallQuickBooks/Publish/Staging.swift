import Foundation

/// A temporary folder inside the output folder where a run writes; each file
/// is moved into place only when complete, so a run that dies leaves no partial file.
final class Staging {
    /// Staging folders are named `.rac2qb-staging-<pid>-<uuid>`.
    static let prefix = ".rac2qb-staging-"

    let url: URL
    private let outputDirectory: URL?

    /// Whether this run made the output folder (removed again if the run publishes nothing).
    private let createdOutputDirectory: Bool
    private var published = false

    /// Makes the staging folder (and the output folder when missing), after removing the staging folders of runs that died.
    init(outputDirectory: URL?) throws {
        self.outputDirectory = outputDirectory
        let parent = outputDirectory ?? FileManager.default.temporaryDirectory
        createdOutputDirectory = SystemCalls.kind(parent.path) == .missing
        do {
            try FileManager.default.createDirectory(at: parent, withIntermediateDirectories: true)
        } catch {
            throw OutputFailure.fatal(error, path: parent)
        }
        guard SystemCalls.kind(parent.resolvingSymlinksInPath().path) == .folder else {
            throw FatalError(.unwritableOutput, "\(parent.path): cannot be written: \(OutputFailure.words(errno: EEXIST, path: parent.path))")
        }
        if outputDirectory != nil { Self.removeAbandoned(in: parent) }
        url = parent.appendingPathComponent("\(Self.prefix)\(ProcessInfo.processInfo.processIdentifier)-\(UUID().uuidString)")
        do {
            try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        } catch {
            throw OutputFailure.fatal(error, path: url)
        }
    }

    /// Removes the staging folders that runs left when they were killed: those whose process is gone (never a live run's).
    static func removeAbandoned(in folder: URL) {
        for name in (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? [] where name.hasPrefix(prefix) {
            let pid = name.dropFirst(prefix.count).prefix { $0 != "-" }
            guard let pid = Int32(pid), !SystemCalls.isAlive(pid) else { continue }
            try? FileManager.default.removeItem(at: folder.appendingPathComponent(name))
        }
    }

    /// Starts writing the staged files to the disk without waiting (`SystemCalls.startWritingToDisk`), so that the
    /// disk works while the run goes on (the report renders) and all files are queued at once before `flushToDisk` waits.
    func startWritingToDisk(_ files: [String]) {
        for file in files { SystemCalls.startWritingToDisk(url.appendingPathComponent(file).path) }
    }

    /// Flushes the staged files and their folders to the disk, before the ledger commits them and they are renamed into place.
    func flushToDisk(_ files: [String]) throws {
        startWritingToDisk(files)
        var folders: Set<String> = [url.path]
        for file in files {
            let staged = url.appendingPathComponent(file)
            folders.insert(staged.deletingLastPathComponent().path)
            do { try SystemCalls.flushToDisk(staged.path) } catch { throw OutputFailure.fatal(error, path: staged) }
        }
        for folder in folders.sorted() {
            do { try SystemCalls.flushToDisk(folder) } catch { throw OutputFailure.fatal(error, path: URL(fileURLWithPath: folder)) }
        }
    }

    /// Moves the finished files into the output folder, all or none (`Publication`),
    /// replacing earlier runs' files of the same folders (including parts a smaller run no longer has).
    func publish(_ files: [String]) throws {
        guard let outputDirectory else { return }
        try Publication(staging: url, output: outputDirectory).publish(files)
        published = true
    }

    /// Names this tool writes (`quickbooks-002.iif`, `invoices.csv`, ...).
    static func isOurs(_ name: String) -> Bool {
        let pattern = #"^(quickbooks|requests|invoices|customers|products|deposits)(-\d{3})?\.(iif|xml|csv)$"#
        return name.range(of: pattern, options: .regularExpression) != nil
    }

    /// Removes the staging folder, and the output folder too when this run made it and wrote nothing.
    func discard() {
        try? FileManager.default.removeItem(at: url)
        if createdOutputDirectory, !published, let outputDirectory {
            try? FileManager.default.removeItem(at: outputDirectory)
        }
    }
}
