import Foundation

/// The Web Connector's queue, which is the ledger: every committed batch's
/// qbXML requests that QuickBooks has not answered yet, oldest batch first, in
/// file order, handed out as documents of bounded size, each request file read
/// on from its cursor (`ConnectorCursor`), so a document costs what its own
/// requests cost however long the batch. The requests handed
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

    /// The requests of committed batches that QuickBooks has not answered yet (in doubt included), read from
    /// the index that holds only them (SQLite would otherwise walk every request answered before them).
    private static let unanswered = """
        FROM export e INDEXED BY export_unanswered JOIN batch b ON b.id = e.batch AND b.state = 'committed'
        WHERE e.request_id IS NOT NULL AND e.answer IS NULL AND e.action <> 'noted'
        """

    /// Requests of committed batches that QuickBooks has not answered yet (in doubt included).
    public func remaining() throws -> Int {
        try open { ledger in Int(try ledger.database.integer("SELECT COUNT(*) \(Self.unanswered)") ?? 0) }
    }

    /// Whether any request of a committed batch waits for QuickBooks' answer (in doubt included): `remaining() > 0`
    /// without counting them, for every answer of a long queue.
    public func waits() throws -> Bool {
        try open { ledger in try ledger.database.integer("SELECT EXISTS (SELECT 1 \(Self.unanswered))") ?? 0 != 0 }
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
                guard answer == nil else {
                    try forget(ledger, doubt.batch, [doubt.requestID])
                    continue
                }
                guard let lookup else {
                    try handOutAgain(ledger, doubt.batch, [doubt.requestID])
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
    /// Each request file is read from its cursor (where the last document of it stopped), and its digest checked only
    /// when the file changed since the last check, so a document costs what its own requests cost.
    private func document(_ ledger: Ledger, batch: Int64, output: String, files: String, maxRequests: Int) throws -> ConnectorDocument? {
        var requests: [(request: ScannedRequest, file: String, start: Int64)] = []
        var lookups: [String: ConnectorLookup.Query] = [:]
        var version = "13.0"
        var cursors = try ConnectorCursor.all(ledger, batch: batch)
        var moved: [String: ConnectorCursor] = [:]
        let folder = URL(fileURLWithPath: output)
        for line in files.split(separator: "\n") {
            let parts = line.split(separator: " ", maxSplits: 1).map(String.init)
            guard parts.count == 2, parts[1].hasPrefix("qbxml/"), parts[1].hasSuffix(".xml") else { continue }
            let (name, file) = (parts[1], folder.appendingPathComponent(parts[1]))
            var cursor = cursors[name] ?? ConnectorCursor()
            try cursor.check(file, digest: parts[0], batch: batch)
            var macros: [String: String] = [:]
            var inDocument = Set<String>()
            let end = try QBXMLRequestScanner.scan(file, from: cursor.offset, version: cursor.version,
                                                   wanted: { try Self.waits(ledger, batch: batch, $0) },
                                                   defines: { macros[$0] = $1 }, macro: { name in
                // A macro defined before the cursor was read in an earlier document: its definer is named after it.
                guard let definer = macros[name] ?? QBXMLWriter.definer(ofMacro: name), !inDocument.contains(definer) else { return nil }
                return try ledger.exports(requestID: definer, batch: batch).first?.txnID
            }) { request, start in
                requests.append((request, name, start))
                inDocument.insert(request.requestID)
                if let lookup = ConnectorLookup.query(for: request) { lookups[request.requestID] = lookup }
                return requests.count < maxRequests
            }
            if let declared = end.version { version = declared }
            cursor.offset = end.offset
            cursor.version = end.version
            if cursor != cursors[name] { moved[name] = cursor }
            cursors[name] = cursor
            if requests.count >= maxRequests { break }
        }
        let now = ISO8601DateFormatter().string(from: Date())
        try ledger.transaction {
            for (file, cursor) in moved.sorted(by: { $0.key < $1.key }) { try cursor.save(ledger, batch: batch, file: file) }
            for (request, file, start) in requests {
                let lookup = lookups[request.requestID]
                try ledger.database.run("""
                    INSERT OR REPLACE INTO connector_sent(batch, request_id, kind, lookup, memo, edit_sequence, sent_at, file, offset)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                    """, [.integer(batch), .text(request.requestID), .text(String(request.element.dropLast(2))),
                          .text(lookup?.query), .text(lookup?.memo), .text(lookup?.sentEditSequence), .text(now), .text(file), .integer(start)])
            }
        }
        guard !requests.isEmpty else { return nil }
        return ConnectorDocument(batch: batch, requestIDs: requests.map(\.request.requestID),
                                 xml: ConnectorDocument.wrap(requests.map(\.request.xml), version: version), lookups: [:])
    }

    /// Whether a request of a batch waits for QuickBooks: its record has no answer and it is not in doubt.
    /// A customer message goes with the invoice that uses it. Indexed look-ups: the cost does not grow with the batch.
    private static func waits(_ ledger: Ledger, batch: Int64, _ requestID: String) throws -> Bool {
        func unanswered(_ id: String) throws -> Bool {
            try ledger.database.integer("""
                SELECT COUNT(*) FROM export INDEXED BY export_request WHERE request_id = ? AND batch = ? AND answer IS NULL AND action <> 'noted'
                """, [.text(id), .integer(batch)]) ?? 0 > 0
        }
        func sent(_ id: String) throws -> Bool {
            try ledger.database.integer("SELECT COUNT(*) FROM connector_sent WHERE batch = ? AND request_id = ?", [.integer(batch), .text(id)]) ?? 0 > 0
        }
        if try unanswered(requestID) { return try !sent(requestID) }
        let suffix = QBXMLWriter.messageRequestSuffix
        guard requestID.hasSuffix(suffix) else { return false }
        let invoice = String(requestID.dropLast(suffix.count))
        return try unanswered(invoice) && !sent(invoice) && !sent(requestID)
    }

    /// Forgets requests handed out, whose answers are in.
    private func forget(_ ledger: Ledger, _ batch: Int64, _ requestIDs: [String]) throws {
        for id in requestIDs {
            try ledger.database.run("DELETE FROM connector_sent WHERE batch = ? AND request_id = ?", [.integer(batch), .text(id)])
        }
    }

    /// Forgets requests handed out that QuickBooks does not hold, and moves their files' cursors back to them, so they are sent again.
    private func handOutAgain(_ ledger: Ledger, _ batch: Int64, _ requestIDs: [String]) throws {
        try ConnectorCursor.rewind(ledger, batch: batch, to: requestIDs)
        try forget(ledger, batch, requestIDs)
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
        try open { ledger in try ledger.transaction { for (batch, id) in notFound { try handOutAgain(ledger, batch, [id]) } } }
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
