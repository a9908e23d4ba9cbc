import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing
@testable import RunACallDesk
@testable import RunACallQuickBooks
@testable import RunACallSupport
@testable import RunACallRender

/// desk.md "Who may talk to it", rule by rule, over real HTTP on loopback.
@Suite struct DeskAccessTests {
    @Test func theStartTokenBecomesAStrictHttpOnlyCookieAndARedirectWithoutTheToken() async throws {
        try await RunningDesk.with { desk, client in
            let answer = try await client.get("/settings?token=\(desk.secrets.startToken)&tab=tax", headers: [.hostHeader: desk.host])
            #expect(answer.status == .seeOther)
            #expect(answer.headers[.location] == "/settings?tab=tax")
            let cookie = try #require(answer.headers[.setCookie])
            #expect(cookie.hasPrefix("\(DeskAccess<DeskContext>.cookieName)=\(desk.secrets.session);"))
            #expect(cookie.contains("HttpOnly"))
            #expect(cookie.contains("SameSite=Strict"))
            #expect(!cookie.contains(desk.secrets.startToken), "the token itself never becomes the cookie")
        }
    }

    @Test func aWrongTokenOrNoCookieIs401WithAJSONError() async throws {
        try await RunningDesk.with { desk, client in
            let wrongToken = try await client.get("/?token=\(String(repeating: "0", count: 64))", headers: [.hostHeader: desk.host])
            #expect(wrongToken.status == .unauthorized)
            #expect(wrongToken.headers[.setCookie] == nil)
            let noCookie = try await client.get("/api/session", headers: [.hostHeader: desk.host])
            #expect(noCookie.status == .unauthorized)
            #expect(noCookie.errorCode == "no_session")
            #expect(noCookie.headers[.contentType]?.hasPrefix("application/json") == true)
            let wrongCookie = try await client.get("/api/session", headers: [.hostHeader: desk.host, .cookie: "\(DeskAccess<DeskContext>.cookieName)=\(desk.secrets.csrf)"])
            #expect(wrongCookie.status == .unauthorized)
        }
    }

    @Test func aForeignHostIs403EvenWithTheTokenOrTheCookie() async throws {
        try await RunningDesk.with { desk, client in
            for host in ["evil.example:\(desk.port)", "127.0.0.1:1", "127.0.0.1", "localhost.evil.example:\(desk.port)"] {
                var fields = desk.signedIn
                fields[.hostHeader] = host
                let withCookie = try await client.get("/api/session", headers: fields)
                #expect(withCookie.status == .forbidden, "\(host)")
                #expect(withCookie.errorCode == "foreign_host")
                let withToken = try await client.get("/?token=\(desk.secrets.startToken)", headers: [.hostHeader: host])
                #expect(withToken.status == .forbidden, "\(host)")
                #expect(withToken.headers[.setCookie] == nil)
            }
            for host in ["127.0.0.1:\(desk.port)", "localhost:\(desk.port)", "LOCALHOST:\(desk.port)", "[::1]:\(desk.port)"] {
                var fields = desk.signedIn
                fields[.hostHeader] = host
                #expect(try await client.get("/api/session", headers: fields).status == .ok, "\(host)")
            }
        }
    }

    @Test func aStateChangingRequestNeedsTheDesksOriginAndTheCSRFToken() async throws {
        try await RunningDesk.with { desk, client in
            let csrf = HTTPField.Name("X-CSRF-Token")!
            var noOrigin = desk.signedIn
            noOrigin[csrf] = desk.secrets.csrf
            #expect(try await client.post("/api/responses", headers: noOrigin, body: ByteBuffer()).errorCode == "foreign_origin")

            var foreignOrigin = desk.changing
            foreignOrigin[.origin] = "http://evil.example"
            let refused = try await client.post("/api/responses", headers: foreignOrigin, body: ByteBuffer())
            #expect(refused.status == .forbidden)
            #expect(refused.errorCode == "foreign_origin")

            var foreignReferer = desk.signedIn
            foreignReferer[csrf] = desk.secrets.csrf
            foreignReferer[.referer] = "http://127.0.0.1:\(desk.port).evil.example/"
            #expect(try await client.post("/api/responses", headers: foreignReferer, body: ByteBuffer()).errorCode == "foreign_origin")

            var noToken = desk.changing
            noToken[csrf] = nil
            #expect(try await client.post("/api/responses", headers: noToken, body: ByteBuffer()).errorCode == "csrf_token")
            var wrongToken = desk.changing
            wrongToken[csrf] = desk.secrets.session
            #expect(try await client.put("/api/settings", headers: wrongToken, body: ByteBuffer()).errorCode == "csrf_token")
            #expect(try await client.delete("/api/anything", headers: wrongToken, body: ByteBuffer()).status == .forbidden)

            // Past the gate, with the Origin or only a Referer of the desk's own: no route here yet answers 404, not 403.
            #expect(try await client.post("/api/nothing-here", headers: desk.changing, body: ByteBuffer()).errorCode == "not_found")
            var refererOnly = desk.changing
            refererOnly[.origin] = nil
            refererOnly[.referer] = "http://localhost:\(desk.port)/settings"
            #expect(try await client.post("/api/nothing-here", headers: refererOnly, body: ByteBuffer()).errorCode == "not_found")
        }
    }

    @Test func theSessionNamesItsCSRFTokenConfigLedgerAndVersion() async throws {
        try await RunningDesk.with { desk, client in
            let answer = try await client.get("/api/session", headers: desk.signedIn)
            #expect(answer.status == .ok)
            let object = try #require(try JSONSerialization.jsonObject(with: Data(answer.text.utf8)) as? [String: Any])
            #expect(object["csrf"] as? String == desk.secrets.csrf)
            #expect(object["config"] as? String == desk.settings.configFile.path)
            #expect(object["ledger"] as? String == desk.settings.ledger?.path)
            #expect(object["version"] as? String == ToolVersion.current)
        }
    }

    @Test func everyValueOnTheStartPageIsEscaped() async throws {
        let folder = try TestPaths.temporaryFolder().appendingPathComponent("<script>alert(1)</script>&\"'")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let file = folder.appendingPathComponent("rac2qb.yml")
        try await RunningDesk.with(configFile: file) { desk, client in
            let page = try await client.get("/", headers: desk.signedIn)
            #expect(page.status == .ok)
            #expect(page.headers[.contentType] == "text/html; charset=utf-8")
            #expect(!page.text.contains("<script>"))
            #expect(page.text.contains("&lt;script&gt;alert(1)&lt;/script&gt;&amp;&quot;&#39;"))
            #expect(page.headers[.contentSecurityPolicy]?.contains("default-src 'self'") == true)
        }
    }

    @Test func secretsAreLongRandomAndComparedWhole() {
        let one = DeskSecrets(), two = DeskSecrets()
        #expect(one.startToken.count == 64 && one.startToken.allSatisfy(\.isHexDigit))
        #expect(Set([one.startToken, one.session, one.csrf, two.startToken, two.session, two.csrf]).count == 6)
        #expect(constantTimeEquals("abc", "abc"))
        #expect(!constantTimeEquals("abc", "abd"))
        #expect(!constantTimeEquals("abc", "abcd"))
        #expect(!constantTimeEquals("", "a"))
    }
}
