import Foundation

/// A qbXML document the Web Connector hands to QuickBooks: requests of one
/// committed batch, or lookups of requests in doubt.
public struct ConnectorDocument: Sendable, Equatable {
    /// The batch whose requests it sends (lookups: the batches they ask about, by request).
    public let batch: Int64
    /// The requestIDs it sends, in order.
    public let requestIDs: [String]
    /// The document, as QuickBooks takes it.
    public let xml: String
    /// For a lookup document: each query's requestID → the request in doubt it asks about.
    let lookups: [String: Doubt]

    /// Whether it asks QuickBooks about requests in doubt rather than sending records.
    public var isLookup: Bool { !lookups.isEmpty }

    /// A request handed out whose answer never came.
    struct Doubt: Sendable, Equatable {
        var batch: Int64
        var requestID: String
        var kind: String
        var memo: String?
        /// An update's edit sequence as sent: QuickBooks holding another one means it was applied.
        var editSequence: String?
    }

    /// The qbXML document around `requests`.
    static func wrap(_ requests: [String], version: String) -> String {
        """
        <?xml version="1.0" encoding="utf-8"?>
        <?qbxml version="\(version)"?>
        <QBXML>
        <QBXMLMsgsRq onError="continueOnError">
        \(requests.joined(separator: "\n"))
        </QBXMLMsgsRq>
        </QBXML>
        """
    }
}

/// What QuickBooks' answer to one document did.
public struct ConnectorReceipt: Sendable {
    /// Requests answered (done or refused), counted once each.
    public internal(set) var answered = 0
    /// What `rac2qb ingest` would tell: refusals with their fixes, unmatched answers.
    public internal(set) var rows: [ResponseIngest.Row] = []
    /// Records found in QuickBooks for requests in doubt (taken as their answers).
    public internal(set) var found = 0
    /// Requests in doubt that QuickBooks does not hold: handed out again.
    public internal(set) var notFound = 0
    /// Requests the document sent that the answer did not cover: in doubt.
    public internal(set) var unanswered = 0
}
