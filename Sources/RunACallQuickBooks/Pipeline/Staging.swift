import Foundation

/// A temporary folder inside the output folder where a run writes; each file
/// is moved into place only when complete, so a run that dies leaves no partial file.
final class Staging {
    let url: URL
    private let outputDirectory: URL?

    /// Whether this run made the output folder (removed again if the run publishes nothing).
    private let createdOutputDirectory: Bool
    private var published = false

    init(outputDirectory: URL?) throws {
        self.outputDirectory = outputDirectory
        let parent = outputDirectory ?? FileManager.default.temporaryDirectory
        createdOutputDirectory = !FileManager.default.fileExists(atPath: parent.path)
        try FileManager.default.createDirectory(at: parent, withIntermediateDirectories: true)
        url = parent.appendingPathComponent(".rac2qb-staging-\(ProcessInfo.processInfo.processIdentifier)-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    /// Moves the finished files into the output folder, replacing earlier
    /// runs' files of the same folders (including parts a smaller run no longer has).
    func publish(_ files: [String]) throws {
        guard let outputDirectory else { return }
        published = true
        let manager = FileManager.default
        let folders = Set(files.map { ($0 as NSString).deletingLastPathComponent })
        for folder in folders {
            let destination = outputDirectory.appendingPathComponent(folder)
            for stale in (try? manager.contentsOfDirectory(atPath: destination.path)) ?? []
            where Self.isOurs(stale) && !files.contains("\(folder)/\(stale)") {
                try manager.removeItem(at: destination.appendingPathComponent(stale))
            }
        }
        for file in files {
            let destination = outputDirectory.appendingPathComponent(file)
            try manager.createDirectory(at: destination.deletingLastPathComponent(), withIntermediateDirectories: true)
            // rename(2) replaces the old file in one step: a reader sees the old file or the new one.
            guard rename(url.appendingPathComponent(file).path, destination.path) == 0 else {
                throw FatalError(.unwritableOutput, "\(destination.path): cannot be written (\(String(cString: strerror(errno))))")
            }
        }
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
