/// An exact decimal number held as an integer count of 10^-5 units.
///
/// Run a Call sends money with at most 2 decimals and quantities and unit
/// prices with at most 5, so one fixed scale covers every value of the export
/// without binary floating point.
public struct ExactDecimal: Hashable, Comparable, Sendable, CustomStringConvertible {
    /// Units per 1: the value is `units / scale`.
    public static let scale: Int64 = 100_000
    /// Decimal places held.
    public static let places = 5

    /// The value in 10^-5 units.
    public let units: Int64

    /// Makes a value from 10^-5 units.
    public init(units: Int64) { self.units = units }

    /// Makes a value from whole cents.
    public init(cents: Int64) { self.units = cents * 1_000 }

    /// Zero.
    public static let zero = ExactDecimal(units: 0)

    /// Parses a plain decimal literal (`-12.5`, `129.00`, `1e2`), refusing more
    /// significant decimals than `maxPlaces`. Returns nil for anything else.
    public init?(parsing text: String, maxPlaces: Int) {
        guard let parsed = DecimalLiteral(text), let units = parsed.units(maxPlaces: maxPlaces) else { return nil }
        self.units = units
    }

    /// `self × other`, rounded half away from zero to cents.
    public func multipliedRoundingToCents(_ other: ExactDecimal) -> Money {
        let product = Int128(units) * Int128(other.units) // scale 10^10
        return Money(cents: Self.divideRoundingHalfAway(product, by: 100_000_000))
    }

    /// The shortest decimal text for the value (`2`, `1.5`, `0.33333`).
    public var description: String { Self.format(units: units, scale: Self.scale, places: Self.places, minimumPlaces: 0) }

    /// The value with at least `minimumPlaces` decimals (`95.00`, `3.125`).
    public func formatted(minimumPlaces: Int) -> String {
        Self.format(units: units, scale: Self.scale, places: Self.places, minimumPlaces: minimumPlaces)
    }

    /// Appends `formatted(minimumPlaces:)` to `bytes`, building no String.
    func append(minimumPlaces: Int, to bytes: inout [UInt8]) {
        Self.append(units: units, scale: Self.scale, places: Self.places, minimumPlaces: minimumPlaces, to: &bytes)
    }

    public static func < (lhs: ExactDecimal, rhs: ExactDecimal) -> Bool { lhs.units < rhs.units }
    public static prefix func - (value: ExactDecimal) -> ExactDecimal { ExactDecimal(units: -value.units) }

    public static func divideRoundingHalfAway(_ value: Int128, by divisor: Int128) -> Int64 {
        let quotient = value / divisor
        let remainder = value % divisor
        var result = quotient
        if remainder * 2 >= divisor { result += 1 } else if remainder * 2 <= -divisor { result -= 1 }
        return Int64(result)
    }

    /// The value's text, as `append(units:scale:places:minimumPlaces:to:)` writes it.
    static func format(units: Int64, scale: Int64, places: Int, minimumPlaces: Int) -> String {
        String(unsafeUninitializedCapacity: maxTextLength) { text in
            write(units: units, scale: scale, places: places, minimumPlaces: minimumPlaces, into: text.baseAddress!)
        }
    }

    /// Appends the value's text (`format`) to `bytes`, building no String.
    static func append(units: Int64, scale: Int64, places: Int, minimumPlaces: Int, to bytes: inout [UInt8]) {
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: maxTextLength) { text in
            let count = write(units: units, scale: scale, places: places, minimumPlaces: minimumPlaces, into: text.baseAddress!)
            bytes.append(contentsOf: UnsafeBufferPointer(rebasing: text[..<count]))
        }
    }

    /// The longest text of a value: a sign, 20 digits, a point and `places` (at most 5) decimals.
    private static let maxTextLength = 32

    /// Writes `units / scale` (`scale` is 10^`places`) as decimal text into `text`: a `-` when negative,
    /// the whole part, then the `places` decimals less their trailing zeros past `minimumPlaces`
    /// (no point when none is left). Returns the number of bytes written.
    private static func write(units: Int64, scale: Int64, places: Int, minimumPlaces: Int, into text: UnsafeMutablePointer<UInt8>) -> Int {
        let magnitude = units.magnitude
        var whole = magnitude / UInt64(scale)
        var fraction = magnitude % UInt64(scale)
        var kept = places
        while kept > minimumPlaces, fraction % 10 == 0 {
            fraction /= 10
            kept -= 1
        }
        var count = 0
        if units < 0 {
            text[0] = UInt8(ascii: "-")
            count = 1
        }
        var wholeDigits = 1
        var rest = whole / 10
        while rest > 0 {
            wholeDigits += 1
            rest /= 10
        }
        for position in stride(from: count + wholeDigits - 1, through: count, by: -1) {
            text[position] = UInt8(ascii: "0") + UInt8(whole % 10)
            whole /= 10
        }
        count += wholeDigits
        guard kept > 0 else { return count }
        text[count] = UInt8(ascii: ".")
        for position in stride(from: count + kept, through: count + 1, by: -1) {
            text[position] = UInt8(ascii: "0") + UInt8(fraction % 10)
            fraction /= 10
        }
        return count + 1 + kept
    }
}

/// Money in whole cents of the invoice's currency.
public struct Money: Hashable, Comparable, Sendable, CustomStringConvertible, AdditiveArithmetic {
    /// The amount in cents.
    public let cents: Int64

    /// Makes an amount from cents.
    public init(cents: Int64) { self.cents = cents }

    /// Zero.
    public static let zero = Money(cents: 0)

    /// Parses a money literal with at most 2 significant decimals.
    public init?(parsing text: String) {
        guard let value = ExactDecimal(parsing: text, maxPlaces: 2) else { return nil }
        self.cents = value.units / 1_000
    }

    /// The amount as an exact decimal.
    public var exact: ExactDecimal { ExactDecimal(cents: cents) }

    /// Always two decimals, no separators: `129.00`, `-20.50`.
    public var description: String { ExactDecimal.format(units: cents, scale: 100, places: 2, minimumPlaces: 2) }

    /// Appends `description` to `bytes`, building no String.
    public func append(to bytes: inout [UInt8]) {
        ExactDecimal.append(units: cents, scale: 100, places: 2, minimumPlaces: 2, to: &bytes)
    }

    public static func < (lhs: Money, rhs: Money) -> Bool { lhs.cents < rhs.cents }
    public static func + (lhs: Money, rhs: Money) -> Money { Money(cents: lhs.cents + rhs.cents) }
    public static func - (lhs: Money, rhs: Money) -> Money { Money(cents: lhs.cents - rhs.cents) }
    public static prefix func - (value: Money) -> Money { Money(cents: -value.cents) }
}

/// A decimal literal split into sign, significant digits and exponent, before scaling.
struct DecimalLiteral {
    let negative: Bool
    /// The digits up to the last nonzero one, read as an integer; nil when past `Int64.max`.
    let leading: Int64?
    /// The zeros after the last nonzero digit (all of them when there is none).
    let trailingZeros: Int
    /// Power of ten applied to all the digits read as an integer.
    let exponent: Int

    init?(_ text: String) {
        let bytes = text.utf8
        var index = bytes.startIndex
        guard index < bytes.endIndex else { return nil }
        var negative = false
        if bytes[index] == UInt8(ascii: "-") || bytes[index] == UInt8(ascii: "+") {
            negative = bytes[index] == UInt8(ascii: "-")
            index = bytes.index(after: index)
        }
        var leading: Int64? = 0
        var trailingZeros = 0
        var fractionDigits = 0
        var seenPoint = false
        var seenDigit = false
        while index < bytes.endIndex, bytes[index] != UInt8(ascii: "e"), bytes[index] != UInt8(ascii: "E") {
            let byte = bytes[index]
            index = bytes.index(after: index)
            if byte == UInt8(ascii: ".") {
                guard !seenPoint else { return nil }
                seenPoint = true
            } else if byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") {
                seenDigit = true
                if seenPoint { fractionDigits += 1 }
                if byte == UInt8(ascii: "0") {
                    trailingZeros += 1
                } else {
                    leading = leading.flatMap { Self.appending(Int64(byte - UInt8(ascii: "0")), zeros: trailingZeros, to: $0) }
                    trailingZeros = 0
                }
            } else {
                return nil
            }
        }
        guard seenDigit else { return nil }
        var exponent = -fractionDigits
        if index < bytes.endIndex {
            guard let power = Int(String(Substring(bytes[bytes.index(after: index)...]))), abs(power) < 40 else { return nil }
            exponent += power
        }
        self.negative = negative
        self.leading = leading
        self.trailingZeros = trailingZeros
        self.exponent = exponent
    }

    /// `value` followed by `zeros` zeros and `digit`, nil past `Int64.max`.
    private static func appending(_ digit: Int64, zeros: Int, to value: Int64) -> Int64? {
        guard let shifted = shifting(value, by: zeros + 1) else { return nil }
        let (sum, overflow) = shifted.addingReportingOverflow(digit)
        return overflow ? nil : sum
    }

    /// `value` × 10^`places`, nil past `Int64.max`.
    private static func shifting(_ value: Int64, by places: Int) -> Int64? {
        var result = value
        for _ in 0..<places {
            let (times, overflow) = result.multipliedReportingOverflow(by: 10)
            guard !overflow else { return nil }
            result = times
        }
        return result
    }

    /// The value in 10^-5 units, or nil when it has more than `maxPlaces`
    /// significant decimals or does not fit.
    func units(maxPlaces: Int) -> Int64? {
        let dropped = min(trailingZeros, max(0, -exponent))
        let exponent = self.exponent + dropped
        guard -exponent <= maxPlaces, let leading, let digits = Self.shifting(leading, by: trailingZeros - dropped) else { return nil }
        let shift = ExactDecimal.places + exponent
        guard shift >= 0, let value = Self.shifting(digits, by: shift), value <= 999_999_999_999_999 else { return nil }
        return negative ? -value : value
    }
}
