import Foundation

/// The files of a `multipart/form-data` body already stored on disk, each part
/// with a file name written to a folder under its own name (the last part of
/// the name the browser sent, which must be a plain file name). The stored body
/// is read through a memory map, never copied whole.
public enum MultipartFiles {
    public enum Problem: Error, Equatable, Sendable {
        case noBoundary
        case malformed
        case unsafeName(String)
        case sameNameTwice(String)
    }

    /// The boundary of a `multipart/form-data; boundary=...` content type.
    static func boundary(of contentType: String) -> String? {
        guard contentType.lowercased().hasPrefix("multipart/form-data") else { return nil }
        for parameter in contentType.split(separator: ";").dropFirst() {
            let pair = parameter.trimmingCharacters(in: .whitespaces)
            if pair.lowercased().hasPrefix("boundary=") {
                let value = pair.dropFirst("boundary=".count).trimmingCharacters(in: CharacterSet(charactersIn: "\""))
                return value.isEmpty ? nil : value
            }
        }
        return nil
    }

    /// Splits `body` into `folder`; the file names written, in the body's order.
    static func split(_ body: URL, boundary: String, into folder: URL) throws -> [String] {
        let data = try Data(contentsOf: body, options: .alwaysMapped)
        let delimiter = Data("--\(boundary)".utf8)
        let separator = Data("\r\n\r\n".utf8)
        guard var cursor = data.range(of: delimiter)?.upperBound else { throw Problem.malformed }
        var names: [String] = []
        while true {
            // After a delimiter: "--" ends the body, CRLF starts a part.
            if data[cursor...].starts(with: Data("--".utf8)) { return names }
            guard data[cursor...].starts(with: Data("\r\n".utf8)) else { throw Problem.malformed }
            let headersStart = cursor + 2
            guard let headersEnd = data.range(of: separator, in: headersStart..<data.endIndex) else { throw Problem.malformed }
            let headers = String(decoding: data[headersStart..<headersEnd.lowerBound], as: UTF8.self)
            let contentStart = headersEnd.upperBound
            guard let next = data.range(of: Data("\r\n".utf8) + delimiter, in: contentStart..<data.endIndex) else { throw Problem.malformed }
            if let sent = fileName(in: headers) {
                let name = String(sent.split(whereSeparator: { $0 == "/" || $0 == "\\" }).last ?? "")
                guard ContainedPath.isPlain(Substring(name)), !name.hasPrefix(".") else { throw Problem.unsafeName(sent) }
                guard !names.contains(name) else { throw Problem.sameNameTwice(name) }
                let file = folder.appendingPathComponent(name)
                guard FileManager.default.createFile(atPath: file.path, contents: data[contentStart..<next.lowerBound]) else {
                    throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: file.path])
                }
                names.append(name)
            }
            cursor = next.upperBound
        }
    }

    /// The `filename="..."` of a part's `Content-Disposition`, if it has one.
    static func fileName(in headers: String) -> String? {
        for line in headers.components(separatedBy: "\r\n") where line.lowercased().hasPrefix("content-disposition:") {
            guard let range = line.range(of: "filename=\"") else { return nil }
            let rest = line[range.upperBound...]
            return rest.firstIndex(of: "\"").map { String(rest[..<$0]) }
        }
        return nil
    }
}
