import Foundation
import Hummingbird

/// A request body streamed to a file piece by piece, never held whole: a
/// `Content-Length` over the cap is refused before anything is read, and a
/// body that grows past it is cut off and its file removed.
enum UploadBody {
    struct TooLarge: Error {}

    /// Writes the body of `request` to `file` (created new); the number of bytes written.
    static func store(_ request: Request, to file: URL, cap: Int) async throws -> Int {
        if let declared = request.headers[.contentLength].flatMap(Int.init), declared > cap { throw TooLarge() }
        guard FileManager.default.createFile(atPath: file.path, contents: nil),
              let handle = try? FileHandle(forWritingTo: file) else {
            throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: file.path])
        }
        var written = 0
        do {
            for try await chunk in request.body {
                written += chunk.readableBytes
                if written > cap { throw TooLarge() }
                try handle.write(contentsOf: chunk.readableBytesView)
            }
            try handle.close()
        } catch {
            try? handle.close()
            try? FileManager.default.removeItem(at: file)
            throw error
        }
        return written
    }
}
