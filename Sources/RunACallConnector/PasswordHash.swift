import Crypto
import _CryptoExtras
import Foundation

/// The Web Connector's password as the ledger keeps it: PBKDF2-HMAC-SHA256
/// with a random 16-byte salt, `pbkdf2-sha256$ROUNDS$SALT$HASH` (base64),
/// never the password itself. A password QBWC sends is compared with it in
/// constant time.
public struct PasswordHash: Equatable, Sendable {
    /// 210,000 rounds: OWASP's figure for PBKDF2-HMAC-SHA256, and the least swift-crypto allows.
    public static let rounds = 210_000
    static let scheme = "pbkdf2-sha256"

    let rounds: Int
    let salt: [UInt8]
    let hash: [UInt8]

    /// A new hash of `password` with a new random salt.
    public init(password: String) throws {
        var generator = SystemRandomNumberGenerator()
        salt = (0..<16).map { _ in UInt8.random(in: .min ... .max, using: &generator) }
        rounds = Self.rounds
        hash = try Self.derive(password, salt: salt, rounds: rounds)
    }

    /// The hash kept in the ledger; nil when the text is not one.
    public init?(stored: String) {
        let parts = stored.split(separator: "$", omittingEmptySubsequences: false).map(String.init)
        guard parts.count == 4, parts[0] == Self.scheme, let rounds = Int(parts[1]), rounds >= Self.rounds,
              let salt = Data(base64Encoded: parts[2]), let hash = Data(base64Encoded: parts[3]), hash.count == 32 else { return nil }
        self.rounds = rounds
        self.salt = Array(salt)
        self.hash = Array(hash)
    }

    /// The text kept in the ledger.
    public var stored: String {
        "\(Self.scheme)$\(rounds)$\(Data(salt).base64EncodedString())$\(Data(hash).base64EncodedString())"
    }

    /// Whether `password` is the one hashed, compared in constant time.
    public func matches(_ password: String) -> Bool {
        guard let candidate = try? Self.derive(password, salt: salt, rounds: rounds) else { return false }
        return Self.constantTimeEqual(candidate, hash)
    }

    private static func derive(_ password: String, salt: [UInt8], rounds: Int) throws -> [UInt8] {
        let key = try KDF.Insecure.PBKDF2.deriveKey(from: Array(password.utf8), salt: salt, using: .sha256, outputByteCount: 32, rounds: rounds)
        return key.withUnsafeBytes { Array($0) }
    }

    /// Compares every byte whatever the first difference, so the time taken says nothing of where it is.
    static func constantTimeEqual(_ left: [UInt8], _ right: [UInt8]) -> Bool {
        guard left.count == right.count else { return false }
        var difference: UInt8 = 0
        for index in left.indices { difference |= left[index] ^ right[index] }
        return difference == 0
    }
}
