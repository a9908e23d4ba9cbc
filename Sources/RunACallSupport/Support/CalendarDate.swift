/// A calendar day (`YYYY-MM-DD`), with no time zone.
public struct CalendarDate: Hashable, Comparable, Sendable, CustomStringConvertible {
    public let year: Int
    public let month: Int
    public let day: Int

    /// Makes a date, or nil when the day does not exist.
    public init?(year: Int, month: Int, day: Int) {
        guard (1...9999).contains(year), (1...12).contains(month),
              (1...Self.daysIn(month: month, year: year)).contains(day) else { return nil }
        self.year = year
        self.month = month
        self.day = day
    }

    /// Parses exactly `YYYY-MM-DD`.
    public init?(iso text: String) {
        let bytes = Array(text.utf8)
        guard bytes.count == 10, bytes[4] == UInt8(ascii: "-"), bytes[7] == UInt8(ascii: "-"),
              let year = Self.number(bytes[0..<4]), let month = Self.number(bytes[5..<7]),
              let day = Self.number(bytes[8..<10]) else { return nil }
        self.init(year: year, month: month, day: day)
    }

    /// `2026-10-03`.
    public var description: String { "\(Self.pad(year, 4))-\(Self.pad(month, 2))-\(Self.pad(day, 2))" }

    /// `10/3/2026`: the US order QuickBooks Desktop's IIF import reads, the year always in four digits
    /// (a shorter year is read as one of this century or the last: `1/1/1` as 2001).
    public var usSlashed: String { "\(month)/\(day)/\(Self.pad(year, 4))" }

    /// `10/03/2026`: the MM/DD/YYYY form chosen at QuickBooks Online's import step.
    public var usPadded: String { "\(Self.pad(month, 2))/\(Self.pad(day, 2))/\(Self.pad(year, 4))" }

    /// `03/10/2026`: the DD/MM/YYYY form QuickBooks Online reads in the UK and Australia.
    public var dayFirstPadded: String { "\(Self.pad(day, 2))/\(Self.pad(month, 2))/\(Self.pad(year, 4))" }

    /// The days QuickBooks can hold, 1970-01-01 to 2037-12-31. No Intuit page found gives the range of
    /// transaction dates; the one published limit found is QuickBooks Desktop's: its SDK refuses dates
    /// outside these in date filters (status 3020/3030; DesktopAccountingAPI/quickbooks-desktop-java v0.12.1
    /// release notes). That narrowest limit holds for every format, so one export fares the same whichever
    /// formats are written; a Run a Call record dated outside it is a typo (year 1 becomes 2001 in QuickBooks).
    public static let quickBooksRange = CalendarDate(year: 1970, month: 1, day: 1)!...CalendarDate(year: 2037, month: 12, day: 31)!

    public static func < (lhs: CalendarDate, rhs: CalendarDate) -> Bool {
        (lhs.year, lhs.month, lhs.day) < (rhs.year, rhs.month, rhs.day)
    }

    static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    static func number(_ bytes: ArraySlice<UInt8>) -> Int? {
        var value = 0
        for byte in bytes {
            guard byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") else { return nil }
            value = value * 10 + Int(byte - UInt8(ascii: "0"))
        }
        return value
    }

    static func pad(_ value: Int, _ width: Int) -> String {
        let text = String(value)
        return String(repeating: "0", count: max(0, width - text.count)) + text
    }
}

/// An ISO 8601 timestamp with an offset (`2026-10-03T15:04:05Z`,
/// `2026-10-03T09:04:05.123-06:00`), kept as written.
public struct Timestamp: Hashable, Sendable, CustomStringConvertible {
    /// The text as the export wrote it.
    public let text: String
    /// The local calendar day the timestamp falls on.
    public let date: CalendarDate

    /// Parses a timestamp, or nil when it is not ISO 8601 with an offset.
    public init?(iso text: String) {
        let bytes = Array(text.utf8)
        guard bytes.count >= 20, bytes[10] == UInt8(ascii: "T") || bytes[10] == UInt8(ascii: "t"),
              let date = CalendarDate(iso: String(decoding: bytes[0..<10], as: UTF8.self)),
              bytes[13] == UInt8(ascii: ":"), bytes[16] == UInt8(ascii: ":"),
              let hour = CalendarDate.number(bytes[11..<13]), hour < 24,
              let minute = CalendarDate.number(bytes[14..<16]), minute < 60,
              let second = CalendarDate.number(bytes[17..<19]), second < 60 else { return nil }
        var index = 19
        if bytes[index] == UInt8(ascii: ".") {
            index += 1
            let start = index
            while index < bytes.count, CalendarDate.number(bytes[index...index]) != nil { index += 1 }
            guard index > start else { return nil }
        }
        let zone = bytes[index...]
        if zone.count == 1, zone.first == UInt8(ascii: "Z") || zone.first == UInt8(ascii: "z") {
            // UTC
        } else {
            guard zone.count == 6, zone.first == UInt8(ascii: "+") || zone.first == UInt8(ascii: "-"),
                  zone[zone.startIndex + 3] == UInt8(ascii: ":"),
                  let offsetHours = CalendarDate.number(zone[(zone.startIndex + 1)...(zone.startIndex + 2)]),
                  offsetHours < 24,
                  let offsetMinutes = CalendarDate.number(zone[(zone.startIndex + 4)...(zone.startIndex + 5)]),
                  offsetMinutes < 60 else { return nil }
        }
        self.text = text
        self.date = date
    }

    public var description: String { text }
}
