import Hummingbird

/// Turns the router's own refusals (no such address, wrong method, a body over
/// the cap) into desk.md's JSON errors.
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
        }
    }
}
