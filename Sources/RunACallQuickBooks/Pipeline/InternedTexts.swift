/// Texts a scratch database refers to by number (customer names, reasons), each stored once, packed
/// (`PackedTable`): bounded by the distinct texts, not by the records that name them, a few bytes beside each.
struct InternedTexts {
    private var table = PackedTable()

    /// The number of `text`, given it the first time.
    mutating func number(of text: String) -> Int64 { Int64(table.intern(text.utf8)) }

    /// The text numbered `number`.
    func text(_ number: Int64) -> String { String(decoding: table.key(at: Int(number)), as: UTF8.self) }
}
