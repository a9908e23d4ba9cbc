import Testing
@testable import RunACallQuickBooks
@testable import RunACallSupport

@Suite struct ExactDecimalTests {
    @Test(arguments: [("129.00", 12900), ("-20.5", -2050), ("0", 0), ("1e2", 10000), ("12.340", 1234), ("+3.1", 310)])
    func moneyParses(_ text: String, _ cents: Int64) {
        #expect(Money(parsing: text)?.cents == cents)
    }

    @Test(arguments: ["12.345", "1,000.00", "abc", "", "1.2.3", "$5", "1e-3", "."])
    func moneyRefuses(_ text: String) {
        #expect(Money(parsing: text) == nil)
    }

    @Test func insignificantZerosAndLimitsAreReadWithoutOverflow() {
        #expect(Money(parsing: "1.000000000000000000000000000")?.cents == 100)
        #expect(Money(parsing: "0001.50")?.cents == 150)
        #expect(ExactDecimal(parsing: "1000000000000000000000e-20", maxPlaces: 5)?.units == 1_000_000)
        #expect(ExactDecimal(parsing: "9999999999.99999", maxPlaces: 5)?.units == 999_999_999_999_999)
        #expect(ExactDecimal(parsing: "10000000000", maxPlaces: 5) == nil)
        #expect(ExactDecimal(parsing: "99999999999999999999", maxPlaces: 5) == nil)
        #expect(ExactDecimal(parsing: "0.0000000000000000000000000000001", maxPlaces: 5) == nil)
        #expect(ExactDecimal(parsing: "0.00", maxPlaces: 0)?.units == 0)
        #expect(ExactDecimal(parsing: "1e+2", maxPlaces: 0)?.units == 10_000_000)
        #expect(ExactDecimal(parsing: "1e", maxPlaces: 5) == nil)
    }

    @Test func quantityTimesPriceRoundsHalfAwayFromZero() {
        let cases: [(String, String, String)] = [
            ("1.33333", "95.00", "126.67"), ("0.5", "0.05", "0.03"), ("3", "3.33333", "10.00"),
            ("-0.5", "0.05", "-0.03"), ("2", "42.50", "85.00"), ("0.25", "4200.05", "1050.01"),
        ]
        for (quantity, price, amount) in cases {
            let product = ExactDecimal(parsing: quantity, maxPlaces: 5)!.multipliedRoundingToCents(ExactDecimal(parsing: price, maxPlaces: 5)!)
            #expect(product.description == amount, "\(quantity) × \(price)")
        }
    }

    @Test func formattingRoundTripsForManyValues() {
        var random = SystemRandomNumberGenerator()
        for _ in 0..<2_000 {
            let cents = Int64.random(in: -10_000_000_000...10_000_000_000, using: &random)
            let money = Money(cents: cents)
            #expect(Money(parsing: money.description) == money)
            let units = Int64.random(in: -1_000_000_000_000...1_000_000_000_000, using: &random)
            let value = ExactDecimal(units: units)
            #expect(ExactDecimal(parsing: value.description, maxPlaces: 5) == value)
        }
    }

    @Test func productMatchesIntegerArithmetic() {
        var random = SystemRandomNumberGenerator()
        for _ in 0..<2_000 {
            let quantity = Int64.random(in: 0...10_000_000, using: &random)
            let priceCents = Int64.random(in: 0...10_000_000, using: &random)
            // quantity in 10^-5 units × price in cents → cents, rounded half up.
            let exact = quantity * priceCents
            let expected = exact / 100_000 + (exact % 100_000 >= 50_000 ? 1 : 0)
            let product = ExactDecimal(units: quantity).multipliedRoundingToCents(ExactDecimal(cents: priceCents))
            #expect(product.cents == expected)
        }
    }
}

@Suite struct CalendarDateTests {
    @Test func parsesAndFormats() {
        let date = CalendarDate(iso: "2026-10-03")
        #expect(date?.usSlashed == "10/3/2026")
        #expect(date?.usPadded == "10/03/2026")
        #expect(CalendarDate(iso: "2028-02-29") != nil)
        #expect(CalendarDate(iso: "2026-02-29") == nil)
        #expect(CalendarDate(iso: "2026-13-01") == nil)
        #expect(CalendarDate(iso: "10/03/2026") == nil)
    }

    @Test func timestampsNeedAnOffset() {
        #expect(Timestamp(iso: "2026-10-03T15:04:05Z") != nil)
        #expect(Timestamp(iso: "2026-10-03T09:04:05-06:00")?.date.description == "2026-10-03")
        #expect(Timestamp(iso: "2026-10-03T09:04:05.250+05:30") != nil)
        #expect(Timestamp(iso: "2026-10-03T09:04:05") == nil)
        #expect(Timestamp(iso: "2026-10-03") == nil)
    }
}
