import Foundation
import Hummingbird

/// What the desk refuses, each with its status, its words and its fix in one
/// place (the records' own failures keep the sync-error catalogue's codes).
public enum DeskProblem: String, Error, Sendable, CaseIterable {
    case noSession = "no_session"
    case foreignHost = "foreign_host"
    case foreignOrigin = "foreign_origin"
    case missingCSRF = "csrf_token"
    case tooLarge = "too_large"
    case notFound = "not_found"
    case methodNotAllowed = "method_not_allowed"
    case notLatestBatch = "not_latest_batch"

    /// The HTTP status it is answered with.
    public var status: HTTPResponse.Status {
        switch self {
        case .noSession: .unauthorized
        case .foreignHost, .foreignOrigin, .missingCSRF: .forbidden
        case .tooLarge: .contentTooLarge
        case .notFound: .notFound
        case .methodNotAllowed: .methodNotAllowed
        case .notLatestBatch: .conflict
        }
    }

    /// What went wrong, in plain words.
    public var message: String {
        switch self {
        case .noSession: "This desk only answers the browser that opened its start address."
        case .foreignHost: "The request names a host other than this computer's desk."
        case .foreignOrigin: "The request did not come from the desk's own pages."
        case .missingCSRF: "The request lacks the desk's form token."
        case .tooLarge: "The upload is larger than the desk accepts."
        case .notFound: "There is nothing at this address."
        case .methodNotAllowed: "This address does not take that kind of request."
        case .notLatestBatch: "Only the latest batch can be undone: later batches may pay, update or void what an earlier one wrote."
        }
    }

    /// What the user does about it.
    public var fix: String {
        switch self {
        case .noSession: "Open the address `rac2qb serve` printed (with its ?token=) in this browser."
        case .foreignHost: "Open the desk as http://127.0.0.1:PORT or http://localhost:PORT."
        case .foreignOrigin, .missingCSRF: "Reload the desk's page and do it again from there."
        case .tooLarge: "Upload a smaller file, or start the desk with a larger --max-upload."
        case .notFound: "Go back to the desk's start page."
        case .methodNotAllowed: "Use the desk's pages."
        case .notLatestBatch: "Undo the later batches first, latest first."
        }
    }

    /// The JSON answer: `{"error": {"code", "message", "fix"}}`.
    public var response: Response {
        DeskJSON.response(status: status, ["error": ["code": rawValue, "message": message, "fix": fix]])
    }
}

/// JSON answers with keys in a stable order.
enum DeskJSON {
    static func response(status: HTTPResponse.Status = .ok, _ object: Any) -> Response {
        let data = (try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .withoutEscapingSlashes])) ?? Data("{}".utf8)
        return Response(
            status: status,
            headers: [.contentType: "application/json; charset=utf-8", .cacheControl: "no-store"],
            body: .init(byteBuffer: ByteBuffer(bytes: data)))
    }
}
