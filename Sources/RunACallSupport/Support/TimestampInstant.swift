/// The instant a timestamp names, whatever its offset: whole seconds since
/// 1970-01-01 UTC and the fraction's digits, so two timestamps compare exactly.
public struct TimestampInstant: Comparable {
    let seconds: Int
    /// The digits after the decimal point, trailing zeros dropped.
    let fraction: String

    public init(_ timestamp: Timestamp) {
        let bytes = Array(timestamp.text.utf8)
        func number(_ range: Range<Int>) -> Int { CalendarDate.number(bytes[range]) ?? 0 }
        var index = 19
        var digits = ""
        if bytes.count > index, bytes[index] == UInt8(ascii: ".") {
            index += 1
            while index < bytes.count, CalendarDate.number(bytes[index...index]) != nil {
                digits.append(Character(UnicodeScalar(bytes[index])))
                index += 1
            }
        }
        var offset = 0
        if bytes.count == index + 6 {
            let sign = bytes[index] == UInt8(ascii: "-") ? -1 : 1
            offset = sign * (number((index + 1)..<(index + 3)) * 3600 + number((index + 4)..<(index + 6)) * 60)
        }
        let date = timestamp.date
        seconds = Self.days(year: date.year, month: date.month, day: date.day) * 86_400
            + number(11..<13) * 3600 + number(14..<16) * 60 + number(17..<19) - offset
        fraction = String(digits.reversed().drop { $0 == "0" }.reversed())
    }

    /// Days from 1970-01-01 to a civil date (proleptic Gregorian).
    private static func days(year: Int, month: Int, day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let dayOfYear = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }

    public static func < (lhs: TimestampInstant, rhs: TimestampInstant) -> Bool {
        if lhs.seconds != rhs.seconds { return lhs.seconds < rhs.seconds }
        let width = max(lhs.fraction.count, rhs.fraction.count)
        func padded(_ text: String) -> String { text + String(repeating: "0", count: width - text.count) }
        return padded(lhs.fraction) < padded(rhs.fraction)
    }
}
