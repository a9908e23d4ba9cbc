import Foundation

extension FileManager {
    /// Creates (or empties) a file, throwing when it cannot.
    func createFile(at url: URL, contents: Data = Data()) throws {
        guard createFile(atPath: url.path, contents: contents) else {
            throw FatalError(.unwritableOutput, "\(url.path): cannot be created")
        }
    }
}
