import Foundation
import Testing
@testable import RunACallQuickBooks
@testable import RunACallSupport
@testable import RunACallRead

/// The request scanner resumes a file at the byte offset where an earlier scan
/// stopped: scans of one request each, chained, read what one scan reads.
@Suite struct QBXMLRequestScannerTests {
    static func file(_ requests: Int) throws -> URL {
        let body = (1...requests).map { number in
            let memo = number % 3 == 0 ? "Caf\u{E9} &amp; bar &gt; 2" : "plain"
            return """
                <!-- request \(number) -->
                <InvoiceAddRq requestID="req-inv-\(number)">
                  <InvoiceAdd defMacro="TxnID:inv-\(number)"><RefNumber>\(number)</RefNumber><Memo>\(memo)</Memo></InvoiceAdd>
                </InvoiceAddRq>
                <ReceivePaymentAddRq requestID="req-pay-\(number)"><ReceivePaymentAdd><AppliedToTxnAdd><TxnID useMacro="TxnID:inv-\(number)"/></AppliedToTxnAdd></ReceivePaymentAdd></ReceivePaymentAddRq>
            """
        }.joined(separator: "\n")
        let url = try TestPaths.temporaryFolder().appendingPathComponent("requests.xml")
        try Data("""
        <?xml version="1.0" encoding="utf-8"?>
        <?qbxml version="16.0"?>
        <QBXML>
          <QBXMLMsgsRq onError="continueOnError">
        \(body)
          </QBXMLMsgsRq>
        </QBXML>

        """.utf8).write(to: url)
        return url
    }

    static func scan(_ url: URL, from offset: Int64 = 0, version: String? = nil, take: Int,
                     wanted: @escaping (String) -> Bool = { _ in true }) throws -> (requests: [ScannedRequest], starts: [Int64], end: ScanEnd) {
        var requests: [ScannedRequest] = []
        var starts: [Int64] = []
        let end = try QBXMLRequestScanner.scan(url, from: offset, version: version, wanted: wanted, defines: { _, _ in }, macro: { _ in nil }) {
            requests.append($0)
            starts.append($1)
            return requests.count < take
        }
        return (requests, starts, end)
    }

    @Test func scansResumedOneRequestAtATimeReadWhatOneScanReads() throws {
        let url = try Self.file(40)
        let whole = try Self.scan(url, take: .max)
        #expect(whole.requests.count == 80 && whole.end.version == "16.0")
        #expect(whole.requests[4].fields["Memo"] == "Caf\u{E9} & bar > 2")
        var resumed: [ScannedRequest] = []
        var end = ScanEnd(version: nil, offset: 0)
        while true {
            let next = try Self.scan(url, from: end.offset, version: end.version, take: 1)
            if next.requests.isEmpty { break }
            resumed += next.requests
            #expect(next.end.version == "16.0")
            end = next.end
        }
        #expect(resumed.map(\.requestID) == whole.requests.map(\.requestID))
        #expect(resumed.map(\.xml) == whole.requests.map(\.xml))
        // A scan from where a request starts meets that request first.
        for (index, start) in whole.starts.enumerated() where index % 7 == 0 {
            #expect(try Self.scan(url, from: start, version: "16.0", take: 1).requests.first?.requestID == whole.requests[index].requestID)
        }
    }

    @Test func requestsNotWantedAreSkippedAndTheEndIsPastTheLastRead() throws {
        let url = try Self.file(10)
        let payments = try Self.scan(url, take: 3) { $0.hasPrefix("req-pay-") }
        #expect(payments.requests.map(\.requestID) == ["req-pay-1", "req-pay-2", "req-pay-3"])
        let rest = try Self.scan(url, from: payments.end.offset, version: payments.end.version, take: .max)
        #expect(rest.requests.first?.requestID == "req-inv-4" && rest.requests.count == 14)
        let size = try #require(try FileManager.default.attributesOfItem(atPath: url.path)[.size] as? NSNumber).int64Value
        #expect(rest.end.offset < size && rest.end.offset > size - 40, "past the last request, before the closing tags")
        #expect(try Self.scan(url, from: rest.end.offset, version: "16.0", take: .max).requests.isEmpty)
    }

    @Test func aDoctypeIsRefused() throws {
        let url = try TestPaths.temporaryFolder().appendingPathComponent("requests.xml")
        try Data("""
        <?xml version="1.0"?><!DOCTYPE QBXML [<!ENTITY x "y">]><QBXML><QBXMLMsgsRq><InvoiceAddRq requestID="1"/></QBXMLMsgsRq></QBXML>
        """.utf8).write(to: url)
        #expect(throws: FatalError.self) { try Self.scan(url, take: .max) }
    }
}
