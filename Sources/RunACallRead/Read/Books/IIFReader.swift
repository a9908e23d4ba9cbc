import Foundation
import RunACallSupport

/// A record of an IIF file: its keyword row read through the header that names its columns.
public struct IIFRecord: Sendable {
    /// `TRNS`, `SPL`, `ENDTRNS`, `CUST`, ...
    public let keyword: String
    /// 1-based line in the file.
    public let line: Int
    /// Column name → value.
    public let fields: [String: String]
    /// Cells beyond the header's columns that are not empty.
    public let extraCells: Int

    public subscript(_ column: String) -> String? { fields[column] }
}

/// One IIF transaction: the TRNS row, its SPL rows, and the line of its ENDTRNS.
public struct IIFTransaction: Sendable {
    public let header: IIFRecord
    public let splits: [IIFRecord]
    public let endLine: Int
}

/// Reads IIF files as QuickBooks Desktop writes and imports them:
/// Windows-1252 (or UTF-8) text, tab separated, `!` header rows naming the
/// columns of the rows with the same keyword, a later header replacing an earlier one.
public struct IIFReader {
    public private(set) var records: [IIFRecord] = []
    /// Problems with the file's structure, as `line: message`.
    public private(set) var problems: [String] = []

    /// Reads an IIF file: UTF-8 when it is valid UTF-8, else Windows-1252, a
    /// byte Windows-1252 leaves undefined read as U+FFFD and reported with its
    /// line (the rest of the file is still read, so its balance is still checked).
    public init(url: URL) throws {
        let data = try Data(contentsOf: url)
        if let wide = WideTextSniffer.encoding(of: data) {
            self.init(text: "")
            problems.append("1: the file is \(wide); allowed: Windows-1252 text")
        } else if let text = String(data: data, encoding: .utf8) {
            self.init(text: text)
        } else {
            let (text, undefined) = Windows1252.decode(data)
            self.init(text: text)
            problems = undefined.map { "\($0.line): byte 0x\(String($0.byte, radix: 16, uppercase: true)) is not a Windows-1252 character; allowed: Windows-1252 text" } + problems
        }
    }

    /// Reads IIF text.
    public init(text: String) {
        var headers: [String: [String]] = [:]
        var lineNumber = 0
        for line in text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline) {
            lineNumber += 1
            if line.trimmingCharacters(in: .whitespaces).isEmpty { continue }
            let cells = line.split(separator: "\t", omittingEmptySubsequences: false).map { Self.unquote(String($0)) }
            guard let first = cells.first, !first.isEmpty else {
                problems.append("\(lineNumber): the row has no keyword in its first cell")
                continue
            }
            if first.hasPrefix("!") {
                let columns = Array(cells.dropFirst())
                var trimmed = columns
                while trimmed.last == "" { trimmed.removeLast() }
                headers[String(first.dropFirst())] = trimmed
                continue
            }
            let columns = headers[first] ?? []
            if headers[first] == nil, !Self.headerlessKeywords.contains(first) {
                problems.append("\(lineNumber): \(first) row has no !\(first) header before it")
            }
            var fields: [String: String] = [:]
            for (index, column) in columns.enumerated() where index + 1 < cells.count {
                fields[column] = cells[index + 1]
            }
            let extra = cells.dropFirst(columns.count + 1).filter { !$0.isEmpty }.count
            records.append(IIFRecord(keyword: first, line: lineNumber, fields: fields, extraCells: extra))
        }
    }

    /// Keywords QuickBooks writes without a header of their own.
    static let headerlessKeywords: Set<String> = ["ENDTRNS", "ENDGRP", "ENDTAX", "ENDCUSTNAMEDICT", "CUSTNAMEDICT"]

    /// A cell with QuickBooks' wrapping quotes removed (`"Andres, Cristina"`).
    static func unquote(_ cell: String) -> String {
        guard cell.count >= 2, cell.hasPrefix("\""), cell.hasSuffix("\"") else { return cell }
        return String(cell.dropFirst().dropLast())
    }

    /// The transactions, with a problem for each broken TRNS/SPL/ENDTRNS sequence.
    public func transactions() -> (transactions: [IIFTransaction], problems: [String]) {
        var result: [IIFTransaction] = []
        var problems: [String] = []
        var open: (header: IIFRecord, splits: [IIFRecord])?
        for record in records {
            switch record.keyword {
            case "TRNS":
                if let open { problems.append("\(open.header.line): TRNS without ENDTRNS") }
                open = (record, [])
            case "SPL":
                if open == nil { problems.append("\(record.line): SPL outside a transaction") } else { open?.splits.append(record) }
            case "ENDTRNS":
                guard let current = open else { problems.append("\(record.line): ENDTRNS without TRNS"); continue }
                result.append(IIFTransaction(header: current.header, splits: current.splits, endLine: record.line))
                open = nil
            default:
                if let current = open { problems.append("\(record.line): \(record.keyword) row inside the transaction of line \(current.header.line)") }
            }
        }
        if let open { problems.append("\(open.header.line): TRNS without ENDTRNS at the end of the file") }
        return (result, problems)
    }
}
