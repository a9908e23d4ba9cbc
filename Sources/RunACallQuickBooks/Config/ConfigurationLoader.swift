import Foundation
internal import Yams

/// A configuration problem at a key: `rac2qb.yml:12:9: invoices.when: …`.
public struct ConfigurationIssue: Sendable, CustomStringConvertible {
    public let file: String
    public let line: Int
    public let column: Int
    public let key: String
    public let reason: String

    public var description: String { "\(file):\(line):\(column): \(key): \(reason)" }
}

/// Reads `rac2qb.yml` strictly: every key known, every value typed, every
/// problem reported with its key, line and column.
public enum ConfigurationLoader {
    /// Loads a configuration file; throws a `.usage` `FatalError` listing every issue.
    public static func load(contentsOf url: URL) throws -> Configuration {
        let bytes: [UInt8]
        do {
            bytes = [UInt8](try Data(contentsOf: url))
        } catch {
            throw FatalError(.usage, "\(url.path): the configuration file cannot be read (\(error.localizedDescription))")
        }
        let text = try ConfigurationText.decode(bytes, fileName: url.lastPathComponent)
        var configuration = try parse(text, fileName: url.lastPathComponent)
        configuration.directory = url.deletingLastPathComponent()
        configuration.file = url
        return configuration
    }

    /// Parses configuration text.
    public static func parse(_ text: String, fileName: String = "rac2qb.yml") throws -> Configuration {
        let root: Node?
        do {
            root = try Yams.compose(yaml: text)
        } catch {
            throw ConfigurationSyntaxError.describe(error, text: text, fileName: fileName)
        }
        var walker = Walker(fileName: fileName)
        var configuration = Configuration()
        if let root { walker.read(root, into: &configuration) }
        guard walker.issues.isEmpty else {
            throw FatalError(.usage, walker.issues.map(\.description).joined(separator: "\n"))
        }
        return configuration
    }
}

/// Walks the YAML tree section by section, collecting issues.
private struct Walker {
    let fileName: String
    var issues: [ConfigurationIssue] = []

    mutating func issue(_ node: Node?, _ key: String, _ reason: String) {
        let mark = node?.mark
        issues.append(ConfigurationIssue(file: fileName, line: mark?.line ?? 1, column: mark?.column ?? 1, key: key, reason: reason))
    }

    /// The pairs of a mapping, flagging keys outside `allowed`.
    mutating func members(_ node: Node, _ path: String, allowed: [String]) -> [(key: String, node: Node)] {
        guard let mapping = node.mapping else {
            if !isNull(node) { issue(node, path, "expected a mapping of \(allowed.joined(separator: ", "))") }
            return []
        }
        var result: [(String, Node)] = []
        var seen = Set<String>()
        for (keyNode, value) in mapping {
            let key = keyNode.scalar?.string ?? ""
            let full = path.isEmpty ? key : "\(path).\(key)"
            if !allowed.contains(key) {
                issue(keyNode, full, "unknown key; allowed here: \(allowed.joined(separator: ", "))")
            } else if !seen.insert(key).inserted {
                issue(keyNode, full, "the key is given twice")
            } else {
                result.append((key, value))
            }
        }
        return result
    }

    func isNull(_ node: Node) -> Bool {
        guard let scalar = node.scalar, scalar.style == .plain else { return false }
        return ["", "~", "null", "Null", "NULL"].contains(scalar.string)
    }

    mutating func string(_ node: Node, _ key: String) -> String? {
        guard let scalar = node.scalar else { issue(node, key, "expected text"); return nil }
        let text = scalar.string.trimmingCharacters(in: .whitespaces)
        guard !text.isEmpty else { issue(node, key, "expected non-empty text"); return nil }
        return text
    }

    /// Text, or nil for an explicit null (a setting that may be "not set").
    mutating func optionalString(_ node: Node, _ key: String) -> String?? {
        if isNull(node) { return .some(nil) }
        guard let text = string(node, key) else { return nil }
        return .some(text)
    }

    mutating func bool(_ node: Node, _ key: String) -> Bool? {
        switch node.scalar?.string.lowercased() {
        case "true", "yes", "on": return true
        case "false", "no", "off": return false
        default: issue(node, key, "expected true or false"); return nil
        }
    }

    mutating func choice<T: RawRepresentable & CaseIterable>(_ node: Node, _ key: String, _ type: T.Type) -> T?
    where T.RawValue == String {
        guard let text = node.scalar?.string, let value = T(rawValue: text) else {
            issue(node, key, "\"\(node.scalar?.string ?? "")\" is not allowed; allowed: \(T.allCases.map(\.rawValue).joined(separator: ", "))")
            return nil
        }
        return value
    }

    /// A mapping of name: name. With `allowsUnset`, an empty value (`Denver 8.81%:`) is a name listed but not
    /// mapped yet (as `rac2qb init --from` writes them): it is left out, as if not listed, and still counts for "mapped twice".
    mutating func pairs(_ node: Node, _ key: String, allowsUnset: Bool = false) -> [(String, String)]? {
        if isNull(node) { return [] }
        guard let mapping = node.mapping else { issue(node, key, "expected a mapping of name: name"); return nil }
        var result: [(String, String)] = []
        var seen = Set<NameKey>()
        for (name, value) in mapping {
            guard let from = string(name, key) else { continue }
            guard seen.insert(NameKey(from)).inserted else { issue(name, "\(key).\(from)", "mapped twice"); continue }
            if allowsUnset && isNull(value) { continue }
            guard let to = string(value, "\(key).\(from)") else { continue }
            result.append((from, to))
        }
        return result
    }

    mutating func read(_ root: Node, into configuration: inout Configuration) {
        let sections = ["version", "company", "output", "customers", "items", "invoices", "payments", "tax", "ledger", "books"]
        for (key, node) in members(root, "", allowed: sections) {
            switch key {
            case "version":
                if node.scalar?.string != "1" { issue(node, key, "\"\(node.scalar?.string ?? "")\" is not supported; allowed: 1") }
            case "company": readCompany(node, &configuration.company)
            case "output": readOutput(node, &configuration.output)
            case "customers": readCustomers(node, &configuration.customers)
            case "items": readItems(node, &configuration.items)
            case "invoices": readInvoices(node, &configuration.invoices)
            case "payments": readPayments(node, &configuration.payments)
            case "tax": readTax(node, &configuration.tax)
            case "ledger": if let value = optionalString(node, key) { configuration.ledger = value }
            default: readBooks(node, &configuration.books)
            }
        }
    }

    mutating func readCompany(_ node: Node, _ company: inout Configuration.Company) {
        for (key, value) in members(node, "company", allowed: ["name", "edition", "home_currency", "closing_date"]) {
            let path = "company.\(key)"
            switch key {
            case "name": if let text = optionalString(value, path) { company.name = text }
            case "edition": if let edition = choice(value, path, Edition.self) { company.edition = edition }
            case "home_currency":
                if let text = string(value, path) {
                    if text.count == 3, text.allSatisfy({ $0.isASCII && $0.isLetter }) {
                        company.homeCurrency = text.uppercased()
                    } else {
                        issue(value, path, "\"\(text)\" is not allowed; allowed: an ISO 4217 code such as USD")
                    }
                }
            default:
                if isNull(value) { company.closingDate = nil; continue }
                if let text = string(value, path) {
                    if let date = CalendarDate(iso: text) { company.closingDate = date } else {
                        issue(value, path, "\"\(text)\" is not allowed; allowed: a date YYYY-MM-DD, or nothing for no closed period")
                    }
                }
            }
        }
    }

    mutating func readOutput(_ node: Node, _ output: inout Configuration.Output) {
        for (key, value) in members(node, "output", allowed: ["formats", "qbxml_version", "split_every"]) {
            let path = "output.\(key)"
            switch key {
            case "formats":
                guard let sequence = value.sequence, sequence.count > 0 else {
                    issue(value, path, "expected a list of one or more of iif, qbo-csv, qbxml"); continue
                }
                var formats: [OutputFormat] = []
                for element in sequence {
                    guard let format = choice(element, path, OutputFormat.self) else { continue }
                    if formats.contains(format) { issue(element, path, "\(format.rawValue) is listed twice") } else { formats.append(format) }
                }
                output.formats = formats.sorted()
            case "qbxml_version":
                if let text = string(value, path) {
                    if text == "13.0" { output.qbxmlVersion = text } else {
                        issue(value, path, "\"\(text)\" is not supported; allowed: 13.0 (the qbXML schema this tool writes and validates against)")
                    }
                }
            default:
                if let text = value.scalar?.string, let count = Int(text), count >= 0 { output.splitEvery = count } else {
                    issue(value, path, "\"\(value.scalar?.string ?? "")\" is not allowed; allowed: a whole number, 0 or more (0 = the target's own limit)")
                }
            }
        }
    }

    mutating func readCustomers(_ node: Node, _ customers: inout Configuration.Customers) {
        for (key, value) in members(node, "customers", allowed: ["create_in_quickbooks", "sync_updates", "from_quickbooks"]) {
            let flag = bool(value, "customers.\(key)")
            switch key {
            case "create_in_quickbooks": customers.createInQuickBooks = flag ?? customers.createInQuickBooks
            case "from_quickbooks": customers.fromQuickBooks = flag ?? customers.fromQuickBooks
            default: customers.syncUpdates = flag ?? customers.syncUpdates
            }
        }
    }

    mutating func readItems(_ node: Node, _ items: inout Configuration.Items) {
        let allowed = ["default_income_account", "category_income_accounts", "create_in_quickbooks", "discount_item", "member_discount_item",
                       "from_quickbooks"]
        for (key, value) in members(node, "items", allowed: allowed) {
            let path = "items.\(key)"
            switch key {
            case "default_income_account": items.defaultIncomeAccount = string(value, path) ?? items.defaultIncomeAccount
            case "category_income_accounts":
                items.categoryIncomeAccounts = pairs(value, path, allowsUnset: true)?.map { ($0.0, $0.1) } ?? []
            case "create_in_quickbooks": items.createInQuickBooks = bool(value, path) ?? items.createInQuickBooks
            case "discount_item": items.discountItem = string(value, path) ?? items.discountItem
            case "from_quickbooks": items.fromQuickBooks = bool(value, path) ?? items.fromQuickBooks
            default: items.memberDiscountItem = string(value, path) ?? items.memberDiscountItem
            }
        }
    }

    mutating func readInvoices(_ node: Node, _ invoices: inout Configuration.Invoices) {
        let allowed = ["sync", "when", "numbering", "discount_account", "membership_income_account"]
        for (key, value) in members(node, "invoices", allowed: allowed) {
            let path = "invoices.\(key)"
            switch key {
            case "sync": invoices.sync = bool(value, path) ?? invoices.sync
            case "when": invoices.when = choice(value, path, SyncTrigger.self) ?? invoices.when
            case "numbering": invoices.numbering = choice(value, path, Numbering.self) ?? invoices.numbering
            case "discount_account": invoices.discountAccount = string(value, path) ?? invoices.discountAccount
            default: invoices.membershipIncomeAccount = string(value, path) ?? invoices.membershipIncomeAccount
            }
        }
    }

    mutating func readPayments(_ node: Node, _ payments: inout Configuration.Payments) {
        let allowed = ["sync", "stripe_payout_account", "undeposited_funds_account", "stripe_fee_account",
                       "auto_reconcile_payouts", "payment_method_names"]
        for (key, value) in members(node, "payments", allowed: allowed) {
            let path = "payments.\(key)"
            switch key {
            case "sync": payments.sync = bool(value, path) ?? payments.sync
            case "stripe_payout_account": payments.stripePayoutAccount = string(value, path) ?? payments.stripePayoutAccount
            case "undeposited_funds_account": payments.undepositedFundsAccount = string(value, path) ?? payments.undepositedFundsAccount
            case "stripe_fee_account": payments.stripeFeeAccount = string(value, path) ?? payments.stripeFeeAccount
            case "auto_reconcile_payouts": payments.autoReconcilePayouts = bool(value, path) ?? payments.autoReconcilePayouts
            default:
                for (method, name) in members(value, path, allowed: PaymentMethod.allCases.map(\.rawValue)) {
                    if let text = string(name, "\(path).\(method)"), let key = PaymentMethod(rawValue: method) {
                        payments.paymentMethodNames[key] = text
                    }
                }
            }
        }
    }

    mutating func readTax(_ node: Node, _ tax: inout Configuration.Tax) {
        for (key, value) in members(node, "tax", allowed: ["rates", "default_for_unmapped", "agency", "non_taxable_code"]) {
            switch key {
            case "rates": tax.rates = pairs(value, "tax.rates", allowsUnset: true)?.map { ($0.0, $0.1) } ?? []
            case "agency": if let text = optionalString(value, "tax.agency") { tax.agency = text }
            case "non_taxable_code": if let text = optionalString(value, "tax.non_taxable_code") { tax.nonTaxableCode = text }
            default: if let text = optionalString(value, "tax.default_for_unmapped") { tax.defaultForUnmapped = text }
            }
        }
    }

    mutating func readBooks(_ node: Node, _ books: inout Configuration.Books) {
        for (key, value) in members(node, "books", allowed: ["customers", "items", "accounts", "tax_codes", "terms"]) {
            guard let path = optionalString(value, "books.\(key)") else { continue }
            books.locations[key] = "\(fileName):\(value.mark?.line ?? 1):\(value.mark?.column ?? 1)"
            switch key {
            case "customers": books.customers = path
            case "items": books.items = path
            case "accounts": books.accounts = path
            case "tax_codes": books.taxCodes = path
            default: books.terms = path
            }
        }
    }
}
