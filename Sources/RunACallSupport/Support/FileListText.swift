/// A list of written files as one line for people: a numbered series (`qbo-csv/invoices-001.csv`,
/// `-002`, … `-837`) is shown by its first and last file and its count, so that a million-invoice run's
/// line names a few dozen files, not thousands.
public enum FileListText {
    /// `files` joined by ", ", each run of three or more consecutively numbered files of one series shortened
    /// to `first … last (N files)`; the order is kept.
    public static func joined(_ files: [String]) -> String {
        var parts: [String] = []
        var index = files.startIndex
        while index < files.endIndex {
            var end = index + 1
            if let first = NumberedName(files[index]) {
                var previous = first
                while end < files.endIndex, let next = NumberedName(files[end]), next.follows(previous) {
                    previous = next
                    end += 1
                }
            }
            if end - index >= 3 {
                parts.append("\(files[index]) … \(files[end - 1]) (\(end - index) files)")
            } else {
                parts.append(contentsOf: files[index..<end])
            }
            index = end
        }
        return parts.joined(separator: ", ")
    }

    /// A file name that ends in `-` and digits before its extension: `report/rows-012.html`.
    private struct NumberedName {
        let stem: Substring
        let digits: Substring
        let number: Int
        let suffix: Substring

        init?(_ name: String) {
            let dot = name.lastIndex(of: ".") ?? name.endIndex
            let beforeDot = name[..<dot]
            guard let dash = beforeDot.lastIndex(of: "-") else { return nil }
            let digits = beforeDot[beforeDot.index(after: dash)...]
            guard !digits.isEmpty, digits.allSatisfy({ $0.isASCII && $0.isNumber }), let number = Int(digits) else { return nil }
            stem = name[...dash]
            self.digits = digits
            self.number = number
            suffix = name[dot...]
        }

        /// Whether this name is the one after `previous` in the same series: same stem and extension, the next
        /// number, as wide or one digit wider without a leading zero (`-999` then `-1000`).
        func follows(_ previous: NumberedName) -> Bool {
            let width = digits.count == previous.digits.count || (digits.count == previous.digits.count + 1 && digits.first != "0")
            return stem == previous.stem && suffix == previous.suffix && width && number &- 1 == previous.number
        }
    }
}
