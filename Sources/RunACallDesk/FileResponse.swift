import Foundation
import Hummingbird

/// A file sent in pieces of 64 KiB, never read whole into memory.
enum FileResponse {
    static func stream(_ url: URL, contentType: String, downloadName: String? = nil, removeAfter: Bool = false) throws -> Response {
        let handle = try FileHandle(forReadingFrom: url)
        let size = (try? FileManager.default.attributesOfItem(atPath: url.path)[.size] as? Int) ?? nil
        var headers: HTTPFields = [.contentType: contentType, .cacheControl: "no-store"]
        if let downloadName {
            headers[.contentDisposition] = "attachment; filename=\"\(downloadName.filter { $0.isASCII && $0 != "\"" && $0 != "\\" })\""
        }
        let body = ResponseBody(contentLength: size) { writer in
            defer {
                try? handle.close()
                if removeAfter { try? FileManager.default.removeItem(at: url) }
            }
            while let chunk = try handle.read(upToCount: 1 << 16), !chunk.isEmpty {
                try await writer.write(ByteBuffer(bytes: chunk))
            }
            try await writer.finish(nil)
        }
        return Response(status: .ok, headers: headers, body: body)
    }

    /// The content type of a batch file, by its extension.
    static func contentType(of path: String) -> String {
        switch (path as NSString).pathExtension.lowercased() {
        case "csv": "text/csv; charset=utf-8"
        case "json": "application/json; charset=utf-8"
        case "html": "text/html; charset=utf-8"
        case "xml": "application/xml"
        case "iif": "application/octet-stream"
        case "zip": "application/zip"
        default: "application/octet-stream"
        }
    }
}
