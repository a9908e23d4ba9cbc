import RunACallDecide
import RunACallSupport

/// A report row as the run's temporary spool keeps it: its texts as UTF-8 after their lengths (`VarInt`), its
/// kinds (entity type, status, error) as their places in their `allCases`, its flags in one byte, its amount in
/// cents, its targets field by field. Nothing is quoted or joined, so nothing is split or parsed back: a row
/// comes back as it went in, every field.
enum ReportRowCoding {
    private static let entityTypes = EntityType.allCases
    private static let statuses = RowStatus.allCases
    private static let errors = SyncError.allCases

    private static let isSourceRowFlag: UInt8 = 1
    private static let isUpdateFlag: UInt8 = 2
    private static let amountFlag: UInt8 = 4

    /// Appends `row`'s bytes to `bytes`.
    static func append(_ row: ReportRow, to bytes: inout [UInt8]) {
        bytes.append(UInt8(entityTypes.firstIndex(of: row.entityType) ?? 0))
        bytes.append(UInt8(statuses.firstIndex(of: row.status) ?? 0))
        bytes.append((row.isSourceRow ? isSourceRowFlag : 0) | (row.isUpdate ? isUpdateFlag : 0) | (row.amount == nil ? 0 : amountFlag))
        VarInt.append(row.error.flatMap { errors.firstIndex(of: $0) }.map { $0 + 1 } ?? 0, to: &bytes)
        appendText(row.timestamp, to: &bytes)
        appendText(row.direction, to: &bytes)
        appendText(row.sourceID, to: &bytes)
        appendText(row.entity, to: &bytes)
        appendText(row.message, to: &bytes)
        appendText(row.fix, to: &bytes)
        appendText(row.source, to: &bytes)
        appendText(row.warning, to: &bytes)
        appendText(row.context, to: &bytes)
        appendText(row.customer, to: &bytes)
        appendText(row.date, to: &bytes)
        if let amount = row.amount {
            withUnsafeBytes(of: amount.cents.littleEndian) { bytes.append(contentsOf: $0) }
        }
        VarInt.append(row.targets.count, to: &bytes)
        for target in row.targets {
            appendText(target.folder, to: &bytes)
            appendText(target.base, to: &bytes)
            appendText(target.fileExtension, to: &bytes)
            VarInt.append(target.part, to: &bytes)
            if let anchor = target.anchor {
                bytes.append(1)
                appendText(anchor, to: &bytes)
            } else {
                bytes.append(0)
            }
        }
    }

    private static func appendText(_ text: String, to bytes: inout [UInt8]) {
        VarInt.append(text.utf8.count, to: &bytes)
        bytes.appendUTF8(text)
    }

    /// The row whose bytes are `bytes`, all of them; nil when they are not one row's.
    static func row(from bytes: UnsafeBufferPointer<UInt8>) -> ReportRow? {
        var reader = Reader(bytes: bytes)
        guard let entityType = reader.byte().flatMap({ entityTypes.element(at: Int($0)) }),
              let status = reader.byte().flatMap({ statuses.element(at: Int($0)) }),
              let flags = reader.byte(), let errorPlace = reader.count(),
              let timestamp = reader.text(), let direction = reader.text(), let sourceID = reader.text(), let entity = reader.text(),
              let message = reader.text(), let fix = reader.text(), let source = reader.text(), let warning = reader.text(),
              let context = reader.text(), let customer = reader.text(), let date = reader.text() else { return nil }
        var amount: Money?
        if flags & amountFlag != 0 {
            guard let cents = reader.int64() else { return nil }
            amount = Money(cents: cents)
        }
        guard let targetCount = reader.count() else { return nil }
        var targets: [OutputTarget] = []
        for _ in 0..<targetCount {
            guard let folder = reader.text(), let base = reader.text(), let fileExtension = reader.text(), let part = reader.count(),
                  let hasAnchor = reader.byte() else { return nil }
            var anchor: String?
            if hasAnchor == 1 {
                guard let text = reader.text() else { return nil }
                anchor = text
            }
            targets.append(OutputTarget(folder: folder, base: base, fileExtension: fileExtension, part: part, anchor: anchor))
        }
        guard reader.isAtEnd else { return nil }
        var row = ReportRow(timestamp: timestamp, entityType: entityType, sourceID: sourceID, entity: entity, status: status,
                            message: message, fix: fix, source: source, targets: targets, isSourceRow: flags & isSourceRowFlag != 0,
                            warning: warning)
        if errorPlace > 0 {
            guard let error = errors.element(at: errorPlace - 1) else { return nil }
            row.error = error
        }
        row.direction = direction
        row.context = context
        row.customer = customer
        row.date = date
        row.amount = amount
        row.isUpdate = flags & isUpdateFlag != 0
        return row
    }

    /// Reads a row's bytes in order; each read is nil when the bytes end first.
    private struct Reader {
        let bytes: UnsafeBufferPointer<UInt8>
        var position = 0

        var isAtEnd: Bool { position == bytes.count }

        mutating func byte() -> UInt8? {
            guard position < bytes.count else { return nil }
            defer { position += 1 }
            return bytes[position]
        }

        mutating func count() -> Int? { VarInt.read(bytes, at: &position, end: bytes.count) }

        mutating func text() -> String? {
            guard let length = count(), length <= bytes.count - position else { return nil }
            defer { position += length }
            return String(decoding: UnsafeBufferPointer(rebasing: bytes[position..<(position + length)]), as: UTF8.self)
        }

        mutating func int64() -> Int64? {
            guard bytes.count - position >= 8 else { return nil }
            var value: UInt64 = 0
            for shift in 0..<8 { value |= UInt64(bytes[position + shift]) << (8 * UInt64(shift)) }
            position += 8
            return Int64(bitPattern: value)
        }
    }
}

private extension Array {
    func element(at index: Int) -> Element? { indices.contains(index) ? self[index] : nil }
}
