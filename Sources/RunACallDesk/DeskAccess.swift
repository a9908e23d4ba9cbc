import HTTPTypes
import Hummingbird
import HummingbirdCore

/// desk.md "Who may talk to it", in the order the rules apply:
/// 1. a `Host` that is not the desk's own: 403 (DNS rebinding);
/// 2. `?token=` equal to the start token: the session cookie (HttpOnly,
///    SameSite=Strict) and a redirect to the same path without the token;
/// 3. no session cookie: 401;
/// 4. POST, PUT, DELETE without the desk's own `Origin` (or `Referer`) or
///    without `X-CSRF-Token`: 403.
/// The Web Connector's address (`soapPath`) takes rule 1 only: QBWC signs in
/// with the connector's password in its SOAP calls, and has no cookie.
struct DeskAccess<Context: RequestContext>: RouterMiddleware {
    let secrets: DeskSecrets
    let origin: DeskOrigin
    var soapPath: String? = nil

    /// The session cookie's name.
    static var cookieName: String { "rac2qb_desk" }

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        guard origin.acceptsHost(request.head.authority) else {
            return DeskProblem.foreignHost.response
        }
        if let soapPath, request.uri.path == soapPath {
            return try await next(request, context)
        }
        if let token = request.uri.queryParameters["token"] {
            guard constantTimeEquals(String(token), secrets.startToken) else { return DeskProblem.noSession.response }
            return redirectWithCookie(to: request.uri)
        }
        guard let cookie = request.cookies[Self.cookieName], constantTimeEquals(cookie.value, secrets.session) else {
            return DeskProblem.noSession.response
        }
        if Self.changesState(request.method) {
            guard origin.acceptsOrigin(request.headers[.origin], referer: request.headers[.referer]) else {
                return DeskProblem.foreignOrigin.response
            }
            guard let token = request.headers[.csrfToken], constantTimeEquals(token, secrets.csrf) else {
                return DeskProblem.missingCSRF.response
            }
        }
        return try await next(request, context)
    }

    static func changesState(_ method: HTTPRequest.Method) -> Bool {
        method != .get && method != .head && method != .options
    }

    /// The same path and query without `token`, with the session cookie set.
    private func redirectWithCookie(to uri: URI) -> Response {
        let kept = (uri.query ?? "").split(separator: "&")
            .filter { !$0.hasPrefix("token=") && $0 != "token" }
        let location = uri.path + (kept.isEmpty ? "" : "?" + kept.joined(separator: "&"))
        let cookie = Cookie(name: Self.cookieName, value: secrets.session, path: "/", httpOnly: true, sameSite: .strict)
        return Response(status: .seeOther, headers: [.location: location, .setCookie: cookie.description, .cacheControl: "no-store"])
    }
}

extension HTTPField.Name {
    /// The header every state-changing request carries the session's CSRF token in.
    static var csrfToken: Self { Self("X-CSRF-Token")! }
}
