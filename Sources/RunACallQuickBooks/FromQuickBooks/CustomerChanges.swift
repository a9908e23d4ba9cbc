/// One field QuickBooks changed since the ledger last recorded it: Run a Call's
/// value then (`oldText`) and the value QuickBooks gives it now (`newText`).
struct CustomerChange: Equatable {
    let field: CustomerField
    let oldText: String
    let newText: String

    /// `email: a@x.com → b@x.com`.
    var description: String {
        "\(field.rawValue): \(oldText.isEmpty ? "(none)" : oldText) → \(newText.isEmpty ? "(cleared)" : newText)"
    }

    func isOld(_ value: String) -> Bool { Self.same(field, value, oldText) }
    func isNew(_ value: String) -> Bool { Self.same(field, value, newText) }

    /// Whether two Run a Call values of a field are the same (emails case-insensitively, addresses by their key).
    static func same(_ field: CustomerField, _ left: String, _ right: String) -> Bool {
        switch field {
        case .email: left.trimmingCharacters(in: .whitespaces).lowercased() == right.trimmingCharacters(in: .whitespaces).lowercased()
        case .billing, .service: AddressReading.key(left.replacingOccurrences(of: " | ", with: " ")) == AddressReading.key(right.replacingOccurrences(of: " | ", with: " "))
        case .name, .phone, .company: left.trimmingCharacters(in: .whitespaces) == right.trimmingCharacters(in: .whitespaces)
        }
    }

    /// The rows of `customer-updates.csv` for this change: one for a plain field, one per changed part of an address.
    func updates(id: String, quickBooksName: String) -> [CustomerUpdate] {
        switch field {
        case .billing, .service:
            let before = AddressReading.parts(AddressReading.address(ledgerText: oldText))
            let after = AddressReading.parts(AddressReading.address(ledgerText: newText))
            let names = ["line1", "line2", "city", "state", "postal_code", "country"]
            return names.indices.filter { before[$0] != after[$0] }.map {
                CustomerUpdate(id: id, quickBooksName: quickBooksName, field: "\(field.columnPrefix)_\(names[$0])", oldValue: before[$0], newValue: after[$0])
            }
        case .name, .email, .phone, .company:
            return [CustomerUpdate(id: id, quickBooksName: quickBooksName, field: field.rawValue, oldValue: oldText, newValue: newText)]
        }
    }
}

/// What QuickBooks changed of a shared customer since its baseline.
enum CustomerChanges {
    /// The changed fields, in field order. A field the baseline never recorded is not compared; a name is
    /// compared with the QuickBooks name (a customer rac2qb renamed, shortened or transliterated keeps its
    /// QuickBooks name, which is no change); an address with QuickBooks' writing of it.
    static func between(_ entry: QuickBooksListEntry, current: Customer, baseline: CustomerBaseline) -> [CustomerChange] {
        var changes: [CustomerChange] = []
        for field in CustomerField.allCases {
            let new = field.value(of: current) ?? ""
            switch field {
            case .name:
                let seen = baseline.quickBooksKeys[.name] ?? baseline.quickBooksName
                if entry.name != seen { changes.append(CustomerChange(field: field, oldText: baseline.values[.name] ?? seen, newText: new)) }
            case .email, .phone, .company:
                guard let old = baseline.values[field], !CustomerChange.same(field, old, new) else { continue }
                changes.append(CustomerChange(field: field, oldText: old, newText: new))
            case .billing, .service:
                let address = field == .billing ? entry.billing : entry.shipping
                let key = AddressReading.key(address)
                let old = baseline.values[field]
                if let seen = baseline.quickBooksKeys[field] {
                    guard key != seen else { continue }
                } else {
                    guard let old, !AddressReading.keys(AddressReading.address(ledgerText: old)).contains(key) else { continue }
                }
                let change = CustomerChange(field: field, oldText: old ?? "", newText: new)
                if !change.updates(id: "", quickBooksName: "").isEmpty { changes.append(change) }
            }
        }
        return changes
    }
}
