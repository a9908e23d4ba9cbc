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
        let bytes = [UInt8](data)
        var rowStart = 0
        while rowStart < bytes.count {
            var rowEnd = rowStart
            while rowEnd < bytes.count, bytes[rowEnd] != UInt8(ascii: "\n") { rowEnd += 1 }
            defer { rowStart = rowEnd + 1 }
            let lineEnd = rowEnd > rowStart && bytes[rowEnd - 1] == UInt8(ascii: "\r") ? rowEnd - 1 : rowEnd
            let cells = cellRanges(bytes, rowStart..<lineEnd, upTo: amountColumn)
            guard cells.count > amountColumn else { continue }
            let kind = bytes[cells[0]]
            let isTransaction = kind.elementsEqual("TRNS".utf8)
            guard isTransaction || kind.elementsEqual("SPL".utf8) else { continue }
            if isTransaction { type = String(decoding: bytes[cells[2]], as: UTF8.self) }
            let text = String(decoding: bytes[cells[amountColumn]], as: UTF8.self)
            let amount = text.isEmpty ? .zero : Money(parsing: text)
            sum = sum.flatMap { total in amount.map { total + $0 } }
        }
        return type.map { ($0, sum) }
    }

    /// The tab-separated cells of `line` in `bytes`, the first `last + 1` of them (fewer when the line has fewer).
    private static func cellRanges(_ bytes: [UInt8], _ line: Range<Int>, upTo last: Int) -> [Range<Int>] {
        var cells: [Range<Int>] = []
        var cellStart = line.lowerBound
        for index in line where bytes[index] == UInt8(ascii: "\t") {
            cells.append(cellStart..<index)
            cellStart = index + 1
            if cells.count > last { return cells }
        }
        cells.append(cellStart..<line.upperBound)
        return cells
    }

    /// Throws when `data` holds a transaction that does not balance: the run stops before publishing anything.
    static func check(_ data: Data) throws {
        guard let (type, sum) = sum(of: data), sum != .zero else { return }
        let figure = sum.map { "its amounts sum to \($0), not 0.00" } ?? "an amount is not a number"
        throw FatalError(.unwritableOutput, "iif: a \(type) transaction does not balance (\(figure)); rac2qb writes no transaction that does not balance, so nothing was written (please report this)")
    }
}
