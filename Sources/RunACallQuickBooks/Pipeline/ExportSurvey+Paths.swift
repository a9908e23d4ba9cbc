import Foundation

/// The survey of an export named as `convert` takes it: its zips are unpacked into a scratch `Staging` folder,
/// which belongs to publishing, so `ExportSurvey` itself (read by the config) never names it.
extension ExportSurvey {
    /// Reads the export at `paths` (folders, zips or entity files, as `convert` takes them); throws as `convert`
    /// does when it cannot be read at all (no invoices file: exit 3). An invoice record that cannot be read is
    /// counted (`convert` names each with its fix); an item or payment record that cannot be read adds nothing.
    public static func read(_ paths: [URL]) throws -> ExportSurvey {
        let scratch = try Staging(outputDirectory: nil)
        defer { scratch.discard() }
        return try read(ExportFiles(paths: paths, scratch: scratch.url))
    }
}
