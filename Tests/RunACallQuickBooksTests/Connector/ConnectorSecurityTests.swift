import Foundation
import HTTPTypes
import NIOCore
import Testing
@testable import RunACallConnector
@testable import RunACallQuickBooks
@testable import RunACallRender

/// XXE and entity expansion refused, the body cap, the password kept as a salted slow hash.
@Suite struct ConnectorSecurityTests {
    @Test func externalEntitiesAndEntityExpansionAreRefused() async throws {
        let secret = try TestPaths.temporaryFolder().appendingPathComponent("secret.txt")
        try Data("TOP-SECRET-LINE".utf8).write(to: secret)
        let xxe = """
        <?xml version="1.0"?><!DOCTYPE soap:Envelope [<!ENTITY xxe SYSTEM "file://\(secret.path)">]>
        <soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/"><soap:Body><authenticate xmlns="http://developer.intuit.com/">\
        <strUserName>&xxe;</strUserName><strPassword>x</strPassword></authenticate></soap:Body></soap:Envelope>
        """
        let laughs = """
        <?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">\
        <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">]>
        <soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/"><soap:Body><clientVersion xmlns="http://developer.intuit.com/">\
        <strVersion>&lol3;</strVersion></clientVersion></soap:Body></soap:Envelope>
        """
        try await RunningConnector.with(ledger: try ConnectorSessionTests.ledgerWithABatch()) { qbwc async throws in
            for body in [xxe, laughs] {
                let response = try await qbwc.post(body, soapAction: nil)
                let text = response.text
                #expect(response.status == .internalServerError)
                #expect(text.contains("soap:Client") && text.contains("DOCTYPE"))
                #expect(!text.contains("TOP-SECRET") && !text.contains("lollol"))
            }
        }
        #expect(throws: SOAPRequest.Refusal.self) { try SOAPRequest(Array(xxe.utf8)) }
        #expect(throws: SOAPRequest.Refusal.self) { try SOAPRequest(Array(laughs.utf8)) }
    }

    @Test func aBodyOverSixteenMebibytesIs413() async throws {
        try await RunningConnector.with(ledger: try ConnectorSessionTests.ledgerWithABatch()) { qbwc async throws in
            let big = ByteBuffer(repeating: UInt8(ascii: " "), count: (16 << 20) + 1)
            let response = try await qbwc.client.post("/qbwc",
                                                         headers: [.contentType: "text/xml", HTTPField.Name("SOAPAction")!: "\"http://developer.intuit.com/authenticate\""],
                                                         body: big)
            #expect(response.status == .contentTooLarge)
        }
    }

    @Test func thePasswordIsKeptAsASaltedSlowHash() throws {
        let ledger = try TestPaths.temporaryFolder().appendingPathComponent("ledger.sqlite")
        let queue = ConnectorQueue(ledger: ledger)
        try ConnectorSettings.prepare(queue, user: "accountant", password: "s3cret-words")
        let stored = try #require(try queue.settings()[ConnectorSettings.passwordKey])
        #expect(stored.hasPrefix("pbkdf2-sha256$210000$"))
        #expect(!stored.contains("s3cret"))
        #expect(try !Data(contentsOf: ledger).contains(Data("s3cret-words".utf8)), "never in clear in the ledger")
        let hash = try #require(PasswordHash(stored: stored))
        #expect(hash.matches("s3cret-words"))
        #expect(!hash.matches("s3cret-word") && !hash.matches(""))
        let again = try PasswordHash(password: "s3cret-words")
        #expect(again.stored != stored, "salted: the same password hashes differently")
        try ConnectorSettings.prepare(queue, user: nil, password: "s3cret-words")
        #expect(try queue.settings()[ConnectorSettings.passwordKey] == stored, "the same password keeps its hash")
        #expect(PasswordHash(stored: "pbkdf2-sha256$1000$AAAA$AAAA") == nil, "too few rounds is not taken")
    }

    @Test func theCompareLooksAtEveryByte() {
        #expect(PasswordHash.constantTimeEqual([1, 2, 3], [1, 2, 3]))
        #expect(!PasswordHash.constantTimeEqual([1, 2, 3], [1, 2, 4]))
        #expect(!PasswordHash.constantTimeEqual([0, 2, 3], [1, 2, 3]))
        #expect(!PasswordHash.constantTimeEqual([1, 2], [1, 2, 3]))
    }
}
