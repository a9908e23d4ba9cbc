import Foundation
import RunACallQuickBooks

/// The Web Connector's eight operations over one ledger, as QBWC calls them
/// (Intuit's QBWC Programmer's Guide): one session at a time, a random ticket
/// that lapses after `sessionTimeout` seconds without a call, the queue of
/// `ConnectorQueue`, and plain words for QBWC's window. Its work is
/// synchronous (password hash, SQLite, ingest): callers run it on a thread of
/// its own (`ConnectorWork`), one call at a time (a lock).
public final class ConnectorService: @unchecked Sendable {
    public let queue: ConnectorQueue
    let maxRequests: Int
    let sessionTimeout: TimeInterval
    private let now: @Sendable () -> Date
    /// Held for each call: the session and the queue change one call at a time.
    private let lock = NSLock()

    private struct Session {
        let ticket: String
        var lastCall: Date
        /// The requests waiting when it began: the percentage's whole.
        let waiting: Int
        var document: ConnectorDocument?
        var answered = 0
        var refusals: [ResponseIngest.Row] = []
        var lastError = ""
        let lock: ConnectorSessionLock
    }

    private var session: Session?
    /// The last words of sessions that ended, by ticket (the latest few), for a late `getLastError`.
    private var endedWords: [(ticket: String, words: String)] = []

    public init(ledger: URL, maxRequests: Int = 100, sessionTimeout: TimeInterval = 60, now: @escaping @Sendable () -> Date = { Date() }) {
        queue = ConnectorQueue(ledger: ledger)
        self.maxRequests = maxRequests
        self.sessionTimeout = sessionTimeout
        self.now = now
    }

    /// What `serverVersion` answers.
    public static var version: String { "rac2qb \(ToolVersion.current)" }

    /// Answers one call; nil for an operation the service does not have.
    func answer(_ call: SOAPRequest) -> SOAPResponse.Result? {
        lock.withLock { locked(call) }
    }

    private func locked(_ call: SOAPRequest) -> SOAPResponse.Result? {
        expireIdleSession()
        let value = { (name: String) in call.parameters[name] ?? "" }
        switch call.operation {
        case "serverVersion": return .string(Self.version)
        case "clientVersion": return .string("")
        case "authenticate": return .strings(authenticate(user: value("strUserName"), password: value("strPassword")))
        case "sendRequestXML": return .string(sendRequestXML(ticket: value("ticket")))
        case "receiveResponseXML":
            return .int(receiveResponseXML(ticket: value("ticket"), response: value("response"), hresult: value("hresult"), message: value("message")))
        case "connectionError": return .string(connectionError(ticket: value("ticket"), hresult: value("hresult"), message: value("message")))
        case "getLastError": return .string(getLastError(ticket: value("ticket")))
        case "closeConnection": return .string(closeConnection(ticket: value("ticket")))
        default: return nil
        }
    }

    // MARK: Operations

    private func authenticate(user: String, password: String) -> [String] {
        let refusedTicket = Self.newTicket()
        let settings: [String: String]
        do { settings = try queue.settings() } catch { return [refusedTicket, "nvu"] }
        let hash = settings[ConnectorSettings.passwordKey].flatMap(PasswordHash.init(stored:))
        let passwordMatches = hash?.matches(password) ?? false
        guard let expected = settings[ConnectorSettings.userKey], user == expected, passwordMatches else { return [refusedTicket, "nvu"] }
        guard session == nil, let lock = try? ConnectorSessionLock(ledger: queue.ledger) else { return [refusedTicket, "busy"] }
        let waiting = (try? queue.remaining()) ?? 0
        guard waiting > 0 else {
            lock.release()
            return [refusedTicket, "none"]
        }
        let ticket = Self.newTicket()
        session = Session(ticket: ticket, lastCall: now(), waiting: waiting, lock: lock)
        return [ticket, ""]
    }

    private func sendRequestXML(ticket: String) -> String {
        guard var current = touch(ticket) else { return "" }
        // A document asked for again before its answer came: its requests are in doubt (kept so in the ledger).
        current.document = nil
        do {
            guard let document = try queue.next(maxRequests: maxRequests) else {
                let left = (try? queue.remaining()) ?? 0
                current.lastError = left == 0 ? "" : "\(left) requests wait, but none can be sent now: "
                    + "run rac2qb history to see their batches, then rac2qb ingest or convert."
                session = current
                return ""
            }
            current.document = document
            session = current
            return document.xml
        } catch {
            current.lastError = "rac2qb could not send the next requests: \(error)"
            session = current
            return ""
        }
    }

    private func receiveResponseXML(ticket: String, response: String, hresult: String, message: String) -> Int {
        guard var current = touch(ticket) else { return -1 }
        guard let document = current.document else {
            current.lastError = "QuickBooks answered, but no requests were out; nothing was changed."
            session = current
            return -1
        }
        current.document = nil
        guard hresult.isEmpty, !response.isEmpty else {
            current.lastError = "QuickBooks did not take the requests (\(hresult) \(message)). They are checked in QuickBooks "
                + "before they are sent again, so nothing is added twice: fix what QuickBooks says, then Update Selected in the Web Connector."
            session = current
            return -1
        }
        do {
            let receipt = try queue.receive(response, for: document)
            current.answered += receipt.answered
            current.refusals += receipt.rows.filter { $0.outcome != .note }
            if document.isLookup, receipt.unanswered > 0 {
                current.lastError = "QuickBooks did not answer whether it holds \(receipt.unanswered) records sent earlier; "
                    + "they are not sent again until it does. Check QuickBooks, then Update Selected in the Web Connector."
                session = current
                return -1
            }
            session = current
            // Whether any request waits, not how many: counting them for every answer would grow with the queue.
            guard try queue.waits() else { return 100 }
            return min(99, current.answered * 100 / max(1, current.waiting))
        } catch {
            current.lastError = "rac2qb could not read QuickBooks' answer: \(error). The requests are checked in QuickBooks before they are sent again."
            session = current
            return -1
        }
    }

    private func connectionError(ticket: String, hresult: String, message: String) -> String {
        if touch(ticket) != nil {
            end(words: "The Web Connector could not reach QuickBooks (\(hresult) \(message)). Open QuickBooks with the company file, "
                + "then Update Selected; requests handed out are checked in QuickBooks before they are sent again.")
        }
        return "done"
    }

    private func getLastError(ticket: String) -> String {
        if let current = session, current.ticket == ticket {
            return current.lastError.isEmpty ? summary(current) : current.lastError
        }
        return endedWords.last { $0.ticket == ticket }?.words ?? "This Web Connector session is over (no call for \(Int(sessionTimeout)) s, or closed); Update Selected starts a new one."
    }

    private func closeConnection(ticket: String) -> String {
        guard let current = touch(ticket) else { return "This session was already over." }
        let words = summary(current)
        end(words: words)
        return words
    }

    // MARK: Sessions

    /// Ends the open session, as a stopped service does: its requests handed out stay in doubt in the ledger.
    public func stop() {
        lock.withLock { end(words: "The Web Connector service stopped; requests handed out are checked in QuickBooks before they are sent again.") }
    }

    /// The session the ticket names, its clock restarted; nil (and nothing done) for another ticket.
    private func touch(_ ticket: String) -> Session? {
        guard var current = session, !ticket.isEmpty, current.ticket == ticket else { return nil }
        current.lastCall = now()
        session = current
        return current
    }

    private func expireIdleSession() {
        guard let current = session, now().timeIntervalSince(current.lastCall) > sessionTimeout else { return }
        end(words: "The session ended after \(Int(sessionTimeout)) s without a call; requests handed out in it are checked in QuickBooks before they are sent again.")
    }

    private func end(words: String) {
        guard let current = session else { return }
        current.lock.release()
        endedWords.append((current.ticket, words))
        if endedWords.count > 8 { endedWords.removeFirst() }
        session = nil
    }

    /// What a session did, for QBWC's window.
    private func summary(_ current: Session) -> String {
        let left = (try? queue.remaining()) ?? 0
        var words = "rac2qb: QuickBooks answered \(current.answered) requests; \(current.refusals.count) refused; \(left) left."
        for row in current.refusals.prefix(20) {
            let record = row.entity.map { "\($0) \(row.sourceID ?? "") (batch \(row.batch ?? 0))" } ?? row.requestID
            words += "\n\(record): \(row.message) Fix: \(row.fix)"
        }
        if current.refusals.count > 20 { words += "\n… \(current.refusals.count - 20) more: rac2qb history shows them all." }
        return words
    }

    /// 32 random bytes in hex.
    static func newTicket() -> String {
        var generator = SystemRandomNumberGenerator()
        return (0..<32).map { _ in String(format: "%02x", UInt8.random(in: .min ... .max, using: &generator)) }.joined()
    }
}
