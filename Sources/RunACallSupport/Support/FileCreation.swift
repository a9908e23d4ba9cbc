import Foundation

extension FileManager {
    /// Creates (or empties) a file, throwing the path and the cause in plain words when it cannot (exit 3).
    public func createFile(at url: URL, contents: Data = Data()) throws {
        do {
            try contents.write(to: url)
        } catch {
            throw OutputFailure.fatal(error, path: url)
        }
    }
}
