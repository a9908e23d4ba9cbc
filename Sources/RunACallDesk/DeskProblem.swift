import Foundation
import Hummingbird

/// What the desk refuses, each with its status, its words and its fix in one
/// place (the records' own failures keep the sync-error catalogue's codes).
public enum DeskProblem: Error, Sendable, Equatable {
    case noSession
    case foreignHost
    case foreignOrigin
    case missingCSRF
    case tooLarge
    case notFound
    case methodNotAllowed
    case notLatestBatch
    case unsupportedUpload
    case notChecked
    case noLedger
    case unsafeUpload(MultipartFiles.Problem)

    /// The code a page or a test tells it by.
    public var code: String {
        switch self {
        case .noSession: "no_session"
        case .foreignHost: "foreign_host"
        case .foreignOrigin: "foreign_origin"
        case .missingCSRF: "csrf_token"
        case .tooLarge: "too_large"
        case .notFound: "not_found"
        case .methodNotAllowed: "method_not_allowed"
        case .notLatestBatch: "not_latest_batch"
        case .unsupportedUpload: "unsupported_upload"
        case .notChecked: "not_checked"
        case .noLedger: "no_ledger"
        case .unsafeUpload: "unsafe_upload"
        }
    }

    /// The HTTP status it is answered with.
    public var status: HTTPResponse.Status {
        switch self {
        case .noSession: .unauthorized
        case .foreignHost, .foreignOrigin, .missingCSRF: .forbidden
        case .tooLarge: .contentTooLarge
        case .notFound: .notFound
        case .methodNotAllowed: .methodNotAllowed
        case .notLatestBatch: .conflict
        case .unsupportedUpload: .unsupportedMediaType
        case .notChecked: .conflict
        case .noLedger: .conflict
        case .unsafeUpload: .unprocessableContent
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
        case .notChecked: "This export has not been checked yet."
        case .noLedger: "There is no ledger yet: QuickBooks' answers are kept in the ledger of the batches they answer."
        case .unsupportedUpload: "An export is uploaded as a .zip (application/zip) or as its entity files (multipart/form-data)."
        case .unsafeUpload(let problem):
            switch problem {
            case .noBoundary, .malformed: "The uploaded form could not be read."
            case .unsafeName(let name): "The file name \"\(name)\" is not a plain file name."
            case .sameNameTwice(let name): "Two uploaded files are named \"\(name)\"."
            }
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
        case .noLedger: "Convert a batch first (the config's ledger key names where the ledger goes), then upload QuickBooks' responses to it."
        case .notChecked: "Check the export first (POST /api/exports/{id}/check), then open its rows."
        case .unsupportedUpload: "Upload the export folder as a .zip, or drop its files (invoices.json, payments.csv, ...)."
        case .unsafeUpload: "Upload the export's own files (invoices.json, payments.csv, ...), each once."
        }
    }

    /// The JSON answer: `{"error": {"code", "message", "fix"}}`.
    public var response: Response {
        DeskJSON.response(status: status, ["error": ["code": code, "message": message, "fix": fix]])
    }
}

/// JSON answers with keys in a stable order.
enum DeskJSON {
    /// A string as a JSON string literal.
    static func quoted(_ text: String) -> String {
        let data = (try? JSONSerialization.data(withJSONObject: [text], options: [.withoutEscapingSlashes])) ?? Data("[\"\"]".utf8)
        return String(decoding: data.dropFirst().dropLast(), as: UTF8.self)
    }

    /// Raw JSON bytes as an answer.
    static func response(status: HTTPResponse.Status = .ok, raw: Data) -> Response {
        Response(
            status: status,
            headers: [.contentType: "application/json; charset=utf-8", .cacheControl: "no-store"],
            body: .init(byteBuffer: ByteBuffer(bytes: raw)))
    }

    static func response(status: HTTPResponse.Status = .ok, _ object: Any) -> Response {
        let data = (try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .withoutEscapingSlashes])) ?? Data("{}".utf8)
        return response(status: status, raw: data)
    }
}
