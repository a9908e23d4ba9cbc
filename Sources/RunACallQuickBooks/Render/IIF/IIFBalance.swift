import Foundation

/// The check every IIF transaction passes before it is written: the AMOUNT
/// cells of its TRNS and SPL rows, read back from the bytes about to be
/// written, sum to zero (QuickBooks refuses a transaction that does not balance).
enum IIFBalance {
    /// The AMOUNT column of TRNS and SPL rows, as `IIFWriter` writes them.
    static let amountColumn = 6

    /// The transaction type and Σ AMOUNT of the rows of one transaction (nil when an amount is not a number),
    /// or nil when `data` holds no TRNS row (a list).
    static func sum(of data: Data) -> (type: String, sum: Money?)? {
        var type: String?
        var sum: Money? = .zero
        for row in data.split(separator: UInt8(ascii: "\n")) {
            let line = row.last == UInt8(ascii: "\r") ? row.dropLast() : row
            let cells = line.split(separator: UInt8(ascii: "\t"), omittingEmptySubsequences: false)
            let kind = cells.first.map { String(decoding: $0, as: UTF8.self) } ?? ""
            guard kind == "TRNS" || kind == "SPL", cells.count > amountColumn else { continue }
            if kind == "TRNS" { type = String(decoding: cells[2], as: UTF8.self) }
            let text = String(decoding: cells[amountColumn], as: UTF8.self)
            let amount = text.isEmpty ? .zero : Money(parsing: text)
            sum = sum.flatMap { total in amount.map { total + $0 } }
        }
        return type.map { ($0, sum) }
    }

    /// Throws when `data` holds a transaction that does not balance: the run stops before publishing anything.
    static func check(_ data: Data) throws {
        guard let (type, sum) = sum(of: data), sum != .zero else { return }
        let figure = sum.map { "its amounts sum to \($0), not 0.00" } ?? "an amount is not a number"
        throw FatalError(.unwritableOutput, "iif: a \(type) transaction does not balance (\(figure)); rac2qb writes no transaction that does not balance, so nothing was written (please report this)")
    }
}
