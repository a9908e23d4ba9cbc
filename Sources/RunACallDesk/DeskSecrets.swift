/// The secrets of one desk process, new at each start: the token printed in the
/// start URL, the session cookie it is exchanged for, and the CSRF token every
/// state-changing request must carry. Each is 256 random bits from the system's
/// cryptographically secure generator, as lowercase hex.
public struct DeskSecrets: Sendable {
    /// The token of the start URL (`?token=`), exchanged for the session cookie.
    public let startToken: String
    /// The session cookie's value.
    public let session: String
    /// The value `X-CSRF-Token` must hold on every POST, PUT and DELETE.
    public let csrf: String

    /// Three fresh secrets.
    public init() {
        startToken = Self.randomHex()
        session = Self.randomHex()
        csrf = Self.randomHex()
    }

    /// Known secrets, for tests.
    public init(startToken: String, session: String, csrf: String) {
        self.startToken = startToken
        self.session = session
        self.csrf = csrf
    }

    private static func randomHex(bytes: Int = 32) -> String {
        var generator = SystemRandomNumberGenerator()
        let digits = Array("0123456789abcdef")
        var text = ""
        text.reserveCapacity(bytes * 2)
        for _ in 0..<bytes {
            let byte = UInt8.random(in: 0...255, using: &generator)
            text.append(digits[Int(byte >> 4)])
            text.append(digits[Int(byte & 0x0F)])
        }
        return text
    }
}

/// Compares two secrets in time that depends on their lengths only, never on
/// where they first differ.
public func constantTimeEquals(_ left: String, _ right: String) -> Bool {
    let a = Array(left.utf8), b = Array(right.utf8)
    var difference = UInt8(truncatingIfNeeded: a.count ^ b.count)
    for index in 0..<max(a.count, b.count) {
        let x = index < a.count ? a[index] : 0
        let y = index < b.count ? b[index] : 0
        difference |= x ^ y
    }
    return difference == 0
}
