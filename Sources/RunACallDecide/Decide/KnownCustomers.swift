import RunACallSupport
import RunACallRead

/// The customers already in the run, by name key and email, as `CustomerDirectory` needs them later (the
/// QuickBooks name, the billing address an invoice without one takes, how the customer landed), packed in
/// one `PackedTable`, so that a quarter of a million customers cost a few bytes of state each, not heap objects.
/// The QuickBooks name is its number in the run's `InternedTexts`, where the other tables naming it find it too.
/// Beyond 256 KiB of entries the older ones are on disk (`PackedTable(spillingBeyond:)`): what stays in memory is
/// about 24 bytes a customer.
public struct KnownCustomers {
    /// What later records need of a customer already in the run.
    public struct Known: Equatable {
        let name: String
        let billAddress: Address?
        let landing: ListLanding
    }

    private var table = PackedTable(spillingBeyond: 1 << 18)
    private let names: InternedTexts

    init(names: InternedTexts) { self.names = names }

    subscript(key: CustomerDirectory.Key) -> Known? {
        get { table.value(for: Self.bytes(of: key)).flatMap(known) }
        set {
            guard let newValue else { return }
            table.set(Self.bytes(of: key), value: bytes(of: newValue))
        }
    }

    /// The key's name key (after its length) and its email.
    private static func bytes(of key: CustomerDirectory.Key) -> [UInt8] {
        var bytes: [UInt8] = []
        append(key.name.value, to: &bytes)
        bytes.appendUTF8(key.email)
        return bytes
    }

    /// How the customers of the run landed, by their code in the table.
    private static let landings: [ListLanding] = [.inBooks, .earlierInRun, .earlierBatch, .assumed]

    private static func code(of landing: ListLanding) -> UInt8 {
        switch landing {
        case .inBooks: 0
        // A customer the run created is, for the records after it, one created earlier in the run.
        case .earlierInRun, .created: 1
        case .earlierBatch: 2
        case .assumed: 3
        }
    }

    /// The landing's code, the name's number (`VarInt`), and the address's six parts when it has one.
    private func bytes(of known: Known) -> [UInt8] {
        var bytes: [UInt8] = [Self.code(of: known.landing)]
        VarInt.append(names.number(of: known.name), to: &bytes)
        if let address = known.billAddress {
            for part in [address.line1, address.line2, address.city, address.state, address.postalCode, address.country] {
                Self.append(part, to: &bytes)
            }
        }
        return bytes
    }

    private func known(_ bytes: ArraySlice<UInt8>) -> Known? {
        var position = bytes.startIndex
        guard position < bytes.endIndex else { return nil }
        let landing = Self.landings[Int(bytes[position])]
        position += 1
        guard let number = VarInt.read(bytes, at: &position, end: bytes.endIndex) else { return nil }
        let name = names.text(number)
        var address: Address?
        if position < bytes.endIndex {
            var parts: [String?] = []
            for _ in 0..<6 { parts.append(Self.read(bytes, &position) ?? nil) }
            address = Address(line1: parts[0], line2: parts[1], city: parts[2], state: parts[3], postalCode: parts[4], country: parts[5])
        }
        return Known(name: name, billAddress: address, landing: landing)
    }

    /// An optional text: 0 for nil, else its length + 1 (`VarInt`) and its UTF-8 bytes.
    private static func append(_ text: String?, to bytes: inout [UInt8]) {
        guard let text else {
            bytes.append(0)
            return
        }
        VarInt.append(text.utf8.count + 1, to: &bytes)
        bytes.appendUTF8(text)
    }

    /// The optional text at `position` (moved past it); nil when the bytes end too soon.
    private static func read(_ bytes: ArraySlice<UInt8>, _ position: inout Int) -> String?? {
        guard let length = VarInt.read(bytes, at: &position, end: bytes.endIndex) else { return nil }
        guard length > 0 else { return .some(nil) }
        let end = position + length - 1
        guard end <= bytes.endIndex else { return nil }
        defer { position = end }
        return .some(String(decoding: bytes[position..<end], as: UTF8.self))
    }
}
