import Foundation
import Hummingbird
import RunACallQuickBooks

/// Turns the router's own refusals (no such address, wrong method, a body over
/// the cap) and the library's run-stopping errors into desk.md's JSON errors.
struct DeskErrors: RouterMiddleware {
    typealias Context = DeskContext

    func handle(_ request: Request, context: DeskContext, next: (Request, DeskContext) async throws -> Response) async throws -> Response {
        do {
            return try await next(request, context)
        } catch let error as HTTPError {
            switch error.status {
            case .notFound: return DeskProblem.notFound.response
            case .methodNotAllowed: return DeskProblem.methodNotAllowed.response
            case .contentTooLarge: return DeskProblem.tooLarge.response
            default: throw error
            }
        } catch let error as FatalError {
            return Self.response(error)
        } catch let problem as DeskProblem {
            return problem.response
        }
    }

    /// A run-stopping error as JSON: the same words the command prints, the status by its kind.
    static func response(_ error: FatalError) -> Response {
        let (status, code) = classify(error)
        return DeskJSON.response(status: status, ["error": ["code": code, "message": error.description, "fix": fix(error)]])
    }

    /// What to do about a run-stopping error, where the kind alone says it (the message says the rest).
    static func fix(_ error: FatalError) -> String {
        switch error.kind {
        case .ledgerBusy: "Nothing was read or written: try again when the other run has ended."
        case .usage, .unreadableInput, .unwritableOutput: ""
        }
    }

    /// The status and code of a run-stopping error, by its kind.
    static func classify(_ error: FatalError) -> (HTTPResponse.Status, String) {
        switch error.kind {
        case .usage: (.unprocessableContent, "usage")
        case .unreadableInput: (.unprocessableContent, "unreadable_input")
        case .unwritableOutput: (.internalServerError, "unwritable_output")
        case .ledgerBusy: (.conflict, "busy")
        }
    }

    /// Any error of a job as desk.md's JSON error object.
    static func json(for error: any Error) -> Data {
        let (code, message, fix): (String, String, String) = if let fatal = error as? FatalError {
            (classify(fatal).1, fatal.description, Self.fix(fatal))
        } else {
            ("failed", String(describing: error), "")
        }
        let object: [String: Any] = ["code": code, "message": message, "fix": fix]
        return (try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .withoutEscapingSlashes])) ?? Data("{}".utf8)
    }
}
