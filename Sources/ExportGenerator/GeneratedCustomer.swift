/// The customers of a generated export, by number (`cust-<number>`).
///
/// Numbers below `hostileCount` are the set the tests' exports were written
/// for: every tenth (but the first) a "Jane Smith" with its own email, and
/// names made of hostile text, one in 21 of them alike in their first 41
/// characters. A real shop's customers mostly differ by name, so past that set
/// the number leads the name (distinct within any length limit) and one in a
/// thousand is another "Jane Smith".
enum GeneratedCustomer {
    /// How many customers keep the hostile names: the tests' exports (and the books) stay as they were.
    static let hostileCount = 200

    static func name(_ number: Int) -> String {
        let fragment = HostileText.fragments[number % HostileText.fragments.count]
        if number < hostileCount { return number % 10 == 3 ? "Jane Smith" : "\(fragment) \(number)" }
        return number % 1000 == 3 ? "Jane Smith" : "\(number) \(fragment)"
    }

    static func email(_ number: Int) -> String { "c\(number)@example.com" }

    static func phone(_ number: Int) -> String { "+1 303 555 \(1000 + number)" }
}
