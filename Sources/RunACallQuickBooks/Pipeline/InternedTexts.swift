/// Texts a scratch database refers to by number (customer names, reasons), each stored once,
/// in memory: bounded by the distinct texts, not by the records that name them.
struct InternedTexts {
    private var texts: [String] = []
    private var numbers: [String: Int64] = [:]

    /// The number of `text`, given it the first time.
    mutating func number(of text: String) -> Int64 {
        if let known = numbers[text] { return known }
        texts.append(text)
        numbers[text] = Int64(texts.count - 1)
        return Int64(texts.count - 1)
    }

    /// The text numbered `number`.
    func text(_ number: Int64) -> String { texts[Int(number)] }
}
