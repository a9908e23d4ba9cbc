import Foundation
import RunACallSupport

/// The check every IIF transaction passes before it is written: the AMOUNT
/// cells of its TRNS and SPL rows, read back from the bytes about to be
/// written, sum to zero (QuickBooks refuses a transaction that does not balance).
public enum IIFBalance {
    /// The AMOUNT column of TRNS and SPL rows, as `IIFWriter` writes them.
    static let amountColumn = 6

    /// The transaction type and Σ AMOUNT of the rows of one transaction (nil when an amount is not a number),
    /// or nil when `data` holds no TRNS row (a list).
    static func sum(of data: some Collection<UInt8>) -> (type: String, sum: Money?)? {
        Array(data).withUnsafeBufferPointer { bytes in
            var type: String?
            var sum: Money? = .zero
            var rowStart = 0
            while rowStart < bytes.count {
                var rowEnd = rowStart
                while rowEnd < bytes.count, bytes[rowEnd] != UInt8(ascii: "\n") { rowEnd += 1 }
                defer { rowStart = rowEnd + 1 }
                let lineEnd = rowEnd > rowStart && bytes[rowEnd - 1] == UInt8(ascii: "\r") ? rowEnd - 1 : rowEnd
                let row = UnsafeBufferPointer(rebasing: bytes[rowStart..<lineEnd])
                guard let kind = cell(0, of: row), let amountCell = cell(amountColumn, of: row) else { continue }
                let isTransaction = kind.elementsEqual("TRNS".utf8)
                guard isTransaction || kind.elementsEqual("SPL".utf8) else { continue }
                if isTransaction, let typeCell = cell(2, of: row) { type = String(decoding: typeCell, as: UTF8.self) }
                let amount = amount(amountCell)
                sum = sum.flatMap { total in amount.map { total + $0 } }
            }
            return type.map { ($0, sum) }
        }
    }

    /// The tab-separated cell at `position` of `row`, nil when the row has fewer cells.
    private static func cell(_ position: Int, of row: UnsafeBufferPointer<UInt8>) -> Slice<UnsafeBufferPointer<UInt8>>? {
        var start = row.startIndex
        var seen = 0
        for index in row.indices where row[index] == UInt8(ascii: "\t") {
            if seen == position { return row[start..<index] }
            seen += 1
            start = index + 1
        }
        return seen == position ? row[start...] : nil
    }

    /// An AMOUNT cell's value: zero when empty; `-129.00` read digit by digit; any other text as `Money(parsing:)` reads it.
    private static func amount(_ text: Slice<UnsafeBufferPointer<UInt8>>) -> Money? {
        guard !text.isEmpty else { return .zero }
        let negative = text.first == UInt8(ascii: "-")
        let digits = negative ? text.dropFirst() : text
        let point = digits.endIndex - 3
        guard digits.count >= 4, digits.count <= 13, digits[point] == UInt8(ascii: ".") else {
            return Money(parsing: String(decoding: text, as: UTF8.self))
        }
        var cents: Int64 = 0
        for index in digits.indices where index != point {
            let digit = digits[index] &- UInt8(ascii: "0")
            guard digit < 10 else { return Money(parsing: String(decoding: text, as: UTF8.self)) }
            cents = cents * 10 + Int64(digit)
        }
        return Money(cents: negative ? -cents : cents)
    }

    /// Throws when `data` holds a transaction that does not balance: the run stops before publishing anything.
    public static func check(_ data: some Collection<UInt8>) throws {
        guard let (type, sum) = sum(of: data), sum != .zero else { return }
        let figure = sum.map { "its amounts sum to \($0), not 0.00" } ?? "an amount is not a number"
        throw FatalError(.unwritableOutput, "iif: a \(type) transaction does not balance (\(figure)); rac2qb writes no transaction that does not balance, so nothing was written (please report this)")
    }
}
