/// Tells UTF-16 and UTF-32 text from UTF-8 by the first bytes of a file:
/// a byte order mark, or NUL bytes in every other (or every fourth) place.
public enum WideTextSniffer {
    /// "UTF-16" or "UTF-32" when `prefix` starts text in one of them, nil otherwise.
    public static func encoding(of prefix: some Collection<UInt8>) -> String? {
        let head = Array(prefix.prefix(4096))
        if head.starts(with: [0xFF, 0xFE, 0x00, 0x00]) || head.starts(with: [0x00, 0x00, 0xFE, 0xFF]) { return "UTF-32" }
        if head.starts(with: [0xFF, 0xFE]) || head.starts(with: [0xFE, 0xFF]) { return "UTF-16" }
        guard head.count >= 4 else { return nil }
        var zeros = [0, 0, 0, 0]
        for (position, byte) in head.enumerated() where byte == 0 { zeros[position % 4] += 1 }
        let quarter = head.count / 4
        let wide = zeros.filter { $0 * 4 >= quarter * 3 }.count
        if wide == 3 { return "UTF-32" }
        if zeros[0] + zeros[2] >= quarter * 3 / 2 || zeros[1] + zeros[3] >= quarter * 3 / 2 { return "UTF-16" }
        return nil
    }

    /// The error for a file in a wide encoding.
    public static func refusal(_ file: String, encoding: String) -> FatalError {
        FatalError(.unreadableInput, "\(file): the file is \(encoding); save it as UTF-8")
    }
}
