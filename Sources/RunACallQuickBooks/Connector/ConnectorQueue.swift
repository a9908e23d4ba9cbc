import Foundation

/// The Web Connector's queue, which is the ledger: every committed batch's
/// qbXML requests that QuickBooks has not answered yet, oldest batch first, in
/// file order, handed out as documents of bounded size. The requests handed
/// out are recorded (`connector_sent`) before the document leaves, so that a
/// lost answer, a closed QuickBooks or a killed service leaves them *in
/// doubt*: before any of them is sent again, QuickBooks is asked whether it
/// holds the record (`ConnectorLookup`), and a record it holds is taken as the
/// answer. Answers go through `ResponseIngest`, as `rac2qb ingest` does; a
/// refused request has its answer (failed) and waits for the next convert.
/// The ledger is opened and locked for each step only, so `convert` can run
/// between two calls of the Web Connector.
public final class ConnectorQueue: Sendable {
    public let ledger: URL

    public init(ledger: URL) {
        self.ledger = ledger
    }

    private func open<T>(_ body: (Ledger) throws -> T) throws -> T {
        let ledger = try Ledger(url: self.ledger, lockingFor: "rac2qb connector")
        return try body(ledger)
    }

    // MARK: Settings

    /// The connector's settings kept in the ledger (user, password hash, OwnerID, FileID).
    public func settings() throws -> [String: String] {
        try open { ledger in
            var values: [String: String] = [:]
            try ledger.database.query("SELECT key, value FROM connector_setting") { values[$0.text(0) ?? ""] = $0.text(1) ?? "" }
            return values
        }
    }

    /// Keeps settings in the ledger, replacing those of the same keys.
    public func save(_ settings: [String: String]) throws {
        try open { ledger in
            try ledger.transaction {
                for (key, value) in settings.sorted(by: { $0.key < $1.key }) {
                    try ledger.database.run("INSERT OR REPLACE INTO connector_setting(key, value) VALUES (?, ?)", [.text(key), .text(value)])
                }
            }
        }
    }

    // MARK: The queue

    /// Requests of committed batches that QuickBooks has not answered yet (in doubt included).
    public func remaining() throws -> Int {
        try open { ledger in
            Int(try ledger.database.integer("""
                SELECT COUNT(*) FROM export e JOIN batch b ON b.id = e.batch AND b.state = 'committed'
                WHERE e.request_id IS NOT NULL AND e.answer IS NULL AND e.action <> 'noted'
                """) ?? 0)
        }
    }

    /// The next document to hand out: lookups of the requests in doubt first, else up to `maxRequests`
    /// requests of the oldest batch with some unanswered. Nil when nothing waits.
    public func next(maxRequests: Int) throws -> ConnectorDocument? {
        try open { ledger in
            if let lookups = try lookups(ledger) { return lookups }
            var pendingBatches: [(id: Int64, output: String, files: String)] = []
            try ledger.database.query("""
                SELECT b.id, b.output, b.files FROM batch b WHERE b.state = 'committed' AND EXISTS (
                    SELECT 1 FROM export e WHERE e.batch = b.id AND e.request_id IS NOT NULL AND e.answer IS NULL AND e.action <> 'noted')
                ORDER BY b.id
                """) { pendingBatches.append(($0.integer(0), $0.text(1) ?? "", $0.text(2) ?? "")) }
            for batch in pendingBatches {
                if let document = try document(ledger, batch: batch.id, output: batch.output, files: batch.files, maxRequests: maxRequests) {
                    return document
                }
            }
            return nil
        }
    }

    /// A lookup document for the requests in doubt, after forgetting those answered since (an ingest) and those
    /// that have no lookup (handed out again).
    private func lookups(_ ledger: Ledger) throws -> ConnectorDocument? {
        var doubts: [(ConnectorDocument.Doubt, String?, String?)] = []
        try ledger.database.query("""
            SELECT s.batch, s.request_id, s.kind, s.lookup, s.memo, e.answer, s.edit_sequence FROM connector_sent s
            LEFT JOIN export e ON e.batch = s.batch AND e.request_id = s.request_id ORDER BY s.batch, s.rowid
            """) { row in
            doubts.append((.init(batch: row.integer(0), requestID: row.text(1) ?? "", kind: row.text(2) ?? "", memo: row.text(4),
                                 editSequence: row.text(6)),
                           row.text(3), row.text(5)))
        }
        guard !doubts.isEmpty else { return nil }
        var queries: [String] = []
        var lookups: [String: ConnectorDocument.Doubt] = [:]
        try ledger.transaction {
            for (doubt, lookup, answer) in doubts {
                guard answer == nil, let lookup else {
                    try forget(ledger, doubt.batch, [doubt.requestID])
                    continue
                }
                let queryID = "lookup-\(lookups.count + 1)"
                lookups[queryID] = doubt
                queries.append(lookup.replacingOccurrences(of: "QueryRq>", with: "QueryRq requestID=\"\(queryID)\">", options: [], range: lookup.range(of: "QueryRq>")))
            }
        }
        guard !queries.isEmpty else { return nil }
        return ConnectorDocument(batch: doubts[0].0.batch, requestIDs: queries.indices.map { "lookup-\($0 + 1)" },
                                 xml: ConnectorDocument.wrap(queries, version: "13.0"), lookups: lookups)
    }

    /// Up to `maxRequests` unanswered requests of one batch, recorded as handed out; nil when it has none left to send.
    private func document(_ ledger: Ledger, batch: Int64, output: String, files: String, maxRequests: Int) throws -> ConnectorDocument? {
        var requests: [ScannedRequest] = []
        var lookups: [String: ConnectorLookup.Query] = [:]
        var version = "13.0"
        let pending = try pendingRequests(ledger, batch: batch)
        let folder = URL(fileURLWithPath: output)
        for line in files.split(separator: "\n") {
            let parts = line.split(separator: " ", maxSplits: 1).map(String.init)
            guard parts.count == 2, parts[1].hasPrefix("qbxml/"), parts[1].hasSuffix(".xml") else { continue }
            let file = folder.appendingPathComponent(parts[1])
            guard FileDigest.of(file) == parts[0] else {
                throw FatalError(.unreadableInput, "\(file.path): the qbXML requests of batch \(batch) were changed or removed after convert wrote them, "
                    + "so the Web Connector cannot send them. Put the file back as convert wrote it, or undo batch \(batch) (rac2qb undo \(batch)) and convert again.")
            }
            var macros: [String: String] = [:]
            var inDocument = Set<String>()
            let declared = try QBXMLRequestScanner.scan(file, wanted: pending.contains, defines: { macros[$0] = $1 }, macro: { name in
                guard let definer = macros[name], !inDocument.contains(definer) else { return nil }
                return try ledger.exports(requestID: definer, batch: batch).first?.txnID
            }) { request in
                requests.append(request)
                inDocument.insert(request.requestID)
                if let lookup = ConnectorLookup.query(for: request) { lookups[request.requestID] = lookup }
                return requests.count < maxRequests
            }
            if let declared { version = declared }
            if requests.count >= maxRequests { break }
        }
        guard !requests.isEmpty else { return nil }
        let now = ISO8601DateFormatter().string(from: Date())
        try ledger.transaction {
            for request in requests {
                let lookup = lookups[request.requestID]
                try ledger.database.run("""
                    INSERT OR REPLACE INTO connector_sent(batch, request_id, kind, lookup, memo, edit_sequence, sent_at) VALUES (?, ?, ?, ?, ?, ?, ?)
                    """, [.integer(batch), .text(request.requestID), .text(String(request.element.dropLast(2))),
                          .text(lookup?.query), .text(lookup?.memo), .text(lookup?.sentEditSequence), .text(now)])
            }
        }
        return ConnectorDocument(batch: batch, requestIDs: requests.map(\.requestID), xml: ConnectorDocument.wrap(requests.map(\.xml), version: version),
                                 lookups: [:])
    }

    /// The requestIDs of a batch that wait for QuickBooks: their records have no answer and they are not in doubt.
    /// A customer message goes with the invoice that uses it.
    private func pendingRequests(_ ledger: Ledger, batch: Int64) throws -> Set<String> {
        var sent = Set<String>()
        try ledger.database.query("SELECT request_id FROM connector_sent WHERE batch = ?", [.integer(batch)]) { sent.insert($0.text(0) ?? "") }
        var pending = Set<String>()
        try ledger.database.query("""
            SELECT request_id FROM export WHERE batch = ? AND request_id IS NOT NULL AND answer IS NULL AND action <> 'noted'
            """, [.integer(batch)]) { row in
            let id = row.text(0) ?? ""
            guard !sent.contains(id) else { return }
            pending.insert(id)
            let message = id + QBXMLWriter.messageRequestSuffix
            if !sent.contains(message) { pending.insert(message) }
        }
        return pending
    }

    private func forget(_ ledger: Ledger, _ batch: Int64, _ requestIDs: [String]) throws {
        for id in requestIDs {
            try ledger.database.run("DELETE FROM connector_sent WHERE batch = ? AND request_id = ?", [.integer(batch), .text(id)])
        }
    }

    // MARK: Answers

    /// Takes QuickBooks' answer to a document handed out: ingests it as `rac2qb ingest` does (a lookup's found
    /// records as the answers of their requests), and forgets the requests answered. What it does not cover stays in doubt.
    public func receive(_ response: String, for document: ConnectorDocument) throws -> ConnectorReceipt {
        document.isLookup ? try receiveLookups(response, document) : try receiveAnswers(response, document)
    }

    private func receiveAnswers(_ response: String, _ document: ConnectorDocument) throws -> ConnectorReceipt {
        let folder = try Self.scratchFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("batch-\(document.batch)-answers.xml")
        try Data(response.utf8).write(to: file)
        var covered = Set<String>()
        try QBXMLResponseReader.read(file) { covered.insert($0.requestID) }
        let result = try ResponseIngest.ingest([file], ledger: ledger, batch: document.batch)
        let answered = document.requestIDs.filter(covered.contains)
        try open { ledger in try ledger.transaction { try forget(ledger, document.batch, answered) } }
        var receipt = ConnectorReceipt()
        receipt.answered = answered.count
        receipt.unanswered = document.requestIDs.count - answered.count
        receipt.rows = result.rows
        return receipt
    }

    private func receiveLookups(_ response: String, _ document: ConnectorDocument) throws -> ConnectorReceipt {
        let answers = try QBXMLQueryAnswers(response)
        var receipt = ConnectorReceipt()
        var foundByBatch: [Int64: [(String, String)]] = [:]
        var notFound: [(Int64, String)] = []
        for queryID in document.requestIDs {
            guard let doubt = document.lookups[queryID], let answer = answers.answers[queryID] else {
                receipt.unanswered += 1
                continue
            }
            let candidates = answer.found.filter { found in
                (doubt.memo == nil || found.memo == doubt.memo)
                    && (doubt.editSequence == nil || (found.editSequence != nil && found.editSequence != doubt.editSequence))
            }
            if answer.statusCode == 0, let found = candidates.first {
                foundByBatch[doubt.batch, default: []].append((doubt.requestID, Self.answer(doubt, found)))
                receipt.found += 1
            } else if answer.statusCode == 0 || answer.statusCode == 1 || answer.statusCode == 500 {
                notFound.append((doubt.batch, doubt.requestID))
                receipt.notFound += 1
            } else {
                receipt.unanswered += 1
            }
        }
        for (batch, found) in foundByBatch.sorted(by: { $0.key < $1.key }) {
            let folder = try Self.scratchFolder()
            defer { try? FileManager.default.removeItem(at: folder) }
            let file = folder.appendingPathComponent("batch-\(batch)-found-in-quickbooks.xml")
            try Data("<?xml version=\"1.0\" ?>\n<QBXML>\n<QBXMLMsgsRs>\n\(found.map(\.1).joined(separator: "\n"))\n</QBXMLMsgsRs>\n</QBXML>\n".utf8).write(to: file)
            let result = try ResponseIngest.ingest([file], ledger: ledger, batch: batch)
            receipt.rows += result.rows
            try open { ledger in try ledger.transaction { try forget(ledger, batch, found.map(\.0)) } }
        }
        receipt.answered = receipt.found
        try open { ledger in try ledger.transaction { for (batch, id) in notFound { try forget(ledger, batch, [id]) } } }
        return receipt
    }

    /// The answer QuickBooks would have given the request in doubt, made of the record it found.
    private static func answer(_ doubt: ConnectorDocument.Doubt, _ found: QBXMLQueryAnswers.Found) -> String {
        let identity = [("TxnID", found.txnID), ("ListID", found.listID), ("EditSequence", found.editSequence)]
            .compactMap { name, value in value.map { "<\(name)>\(ConnectorLookup.escaped($0))</\(name)>" } }.joined()
        return """
        <\(doubt.kind)Rs requestID="\(ConnectorLookup.escaped(doubt.requestID))" statusCode="0" statusSeverity="Info" \
        statusMessage="Found in QuickBooks by the Web Connector after its answer was lost"><\(found.element)>\(identity)</\(found.element)></\(doubt.kind)Rs>
        """
    }

    private static func scratchFolder() throws -> URL {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("rac2qb-connector-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        return folder
    }
}
