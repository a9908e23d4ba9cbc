import Foundation
import RunACallRead
import RunACallSupport

/// Every key of the config file, declared once, in the order of the file (config.md): the loader's keys and
/// reading, the file `rac2qb init` writes, README's config table and the desk's settings are all made from it.
public enum ConfigurationKeys {
    /// The keys, section by section.
    public static let all: [ConfigurationKey] = top + company + output + customers + items + invoices + payments + tax + ledger + books

    /// The key at `path`, if declared.
    public static func key(_ path: String) -> ConfigurationKey? { all.first { $0.path == path } }

    /// The declared key a loader issue's key (`tax.rates.Denver 8.81%`) belongs to.
    public static func key(containing path: String) -> ConfigurationKey? {
        all.first { path == $0.path || path.hasPrefix($0.path + ".") }
    }

    /// The names allowed at the top of the file: each section, and each top-level key, in the file's order.
    static var topLevel: [String] {
        var names: [String] = []
        for key in all where !names.contains(key.section ?? key.path) { names.append(key.section ?? key.path) }
        return names
    }

    private static let top: [ConfigurationKey] = [
        ConfigurationKey(
            path: "version", kind: .version, allowed: ["1"], help: "the version of this file's contract; only 1",
            note: [], starter: .defaultValue,
            read: { reader, node, _ in
                if node.scalar?.string != "1" { reader.issue(node, "version", "\"\(node.scalar?.string ?? "")\" is not supported; allowed: 1") }
            },
            value: { .number($0.version) }),
    ]

    private static let company: [ConfigurationKey] = [
        .optionalText("company.name", \.company.name, help: "your company's name, as the report's header names it",
                      note: ["your company, as the report's header names it"]),
        .choice("company.edition", \.company.edition,
                help: "`us`: a taxable flag per line and one sales tax item per invoice; `ca`/`uk`/`au`: a tax code (and its tax) on every line; `uk`/`au`: QBO CSV dates day first (see [editions](#editions-uk-australia-canada))",
                note: ["us | ca | uk | au: US writes a taxable flag per line and one sales",
                       "tax item per invoice; other editions a tax code on every line (QBO CSV:",
                       "uk and au dates day first, 31/10/2026)"]),
        ConfigurationKey(
            path: "company.home_currency", kind: .currency, allowed: [], help: "invoices in another currency fail (\"Currency not supported\")",
            note: [], starter: .defaultValue,
            read: { reader, node, configuration in
                guard let text = reader.string(node, "company.home_currency") else { return }
                if text.count == 3, text.allSatisfy({ $0.isASCII && $0.isLetter }) {
                    configuration.company.homeCurrency = text.uppercased()
                } else {
                    reader.issue(node, "company.home_currency", "\"\(text)\" is not allowed; allowed: an ISO 4217 code such as USD")
                }
            },
            value: { .text($0.company.homeCurrency) }),
        ConfigurationKey(
            path: "company.closing_date", kind: .date, allowed: [], help: "invoices dated on or before it fail (\"Closed period\")",
            note: ["QuickBooks closing date (YYYY-MM-DD); empty = no closed period"], starter: .defaultValue,
            read: { reader, node, configuration in
                if reader.isNull(node) { configuration.company.closingDate = nil; return }
                guard let text = reader.string(node, "company.closing_date") else { return }
                if let date = CalendarDate(iso: text) { configuration.company.closingDate = date } else {
                    reader.issue(node, "company.closing_date", "\"\(text)\" is not allowed; allowed: a date YYYY-MM-DD, or nothing for no closed period")
                }
            },
            value: { .text($0.company.closingDate?.description) }),
    ]

    private static let output: [ConfigurationKey] = [
        ConfigurationKey(
            path: "output.formats", kind: .formats, allowed: OutputFormat.allCases.map(\.rawValue), help: "any of `iif`, `qbo-csv`, `qbxml`",
            note: ["any subset"], starter: .defaultValue,
            read: { reader, node, configuration in
                guard let sequence = node.sequence, sequence.count > 0 else {
                    reader.issue(node, "output.formats", "expected a list of one or more of iif, qbo-csv, qbxml"); return
                }
                var formats: [OutputFormat] = []
                for element in sequence {
                    guard let format = reader.choice(element, "output.formats", OutputFormat.self) else { continue }
                    if formats.contains(format) { reader.issue(element, "output.formats", "\(format.rawValue) is listed twice") } else { formats.append(format) }
                }
                configuration.output.formats = formats.sorted()
            },
            value: { .list($0.output.formats.map(\.rawValue)) }),
        ConfigurationKey(
            path: "output.qbxml_version", kind: .choice, allowed: ["13.0"],
            help: "the only version accepted: the schema the files are validated against", note: [], starter: .defaultValue,
            read: { reader, node, configuration in
                guard let text = reader.string(node, "output.qbxml_version") else { return }
                if text == "13.0" { configuration.output.qbxmlVersion = text } else {
                    reader.issue(node, "output.qbxml_version", "\"\(text)\" is not supported; allowed: 13.0 (the qbXML schema this tool writes and validates against)")
                }
            },
            value: { .text($0.output.qbxmlVersion) }),
        ConfigurationKey(
            path: "output.split_every", kind: .wholeNumber, allowed: [],
            help: "most invoices per file; 0 = the target's own limit (QBO CSV: 100 invoices / 1,000 rows)",
            note: ["most transactions per file; 0 = the target's own limit"], starter: .defaultValue,
            read: { reader, node, configuration in
                if let text = node.scalar?.string, let count = Int(text), count >= 0 { configuration.output.splitEvery = count } else {
                    reader.issue(node, "output.split_every", "\"\(node.scalar?.string ?? "")\" is not allowed; allowed: a whole number, 0 or more (0 = the target's own limit)")
                }
            },
            value: { .number($0.output.splitEvery) }),
    ]

    private static let customers: [ConfigurationKey] = [
        .flag("customers.create_in_quickbooks", \.customers.createInQuickBooks,
              help: "customers not found are created (CUST rows, customers.csv, CustomerAdd); off, they fail \"Customer not found\" when the books list customers",
              note: ["Run a Call → QBO: customers not found are created"]),
        .flag("customers.sync_updates", \.customers.syncUpdates,
              help: "a customer an earlier batch exported whose name, email or address changed: a qbXML `CustomerModRq` when QuickBooks' ListID is known (until then \"Not updated yet\", every run), else (IIF, CSV) one \"Needs update\" row, a rename to confirm with `rac2qb confirm-rename` (see [renamed customers](#renamed-customers)); `false`: the change is ignored, told once (see the ledger below)",
              note: ["name/address changes are written as updates, both ways"]),
        .flag("customers.from_quickbooks", \.customers.fromQuickBooks,
              help: "QBO → Run a Call: QuickBooks customers Run a Call lacks become new Run a Call customers (`rac2qb from-quickbooks`); recommended off: QuickBooks often has thousands of one-time customers you don't want in your CRM",
              note: ["QBO → Run a Call (rac2qb from-quickbooks): recommended off, QuickBooks often",
                     "has thousands of one-time customers you don't want in your CRM"]),
    ]

    private static let items: [ConfigurationKey] = [
        .text("items.default_income_account", \.items.defaultIncomeAccount, help: "the income account of items with no category mapping"),
        .mapping("items.category_income_accounts",
                 help: "pricebook category → income account (\"Map by category\"); a category with an empty value takes `default_income_account`",
                 starter: StarterConfiguration.categoryLines,
                 get: { $0.items.categoryIncomeAccounts.map { ($0.category, $0.account) } },
                 set: { $0.items.categoryIncomeAccounts = $1.map { (category: $0.0, account: $0.1) } }),
        .flag("items.create_in_quickbooks", \.items.createInQuickBooks, help: "pricebook items and line items not found are created",
              note: ["Run a Call → QBO: items not found are created"]),
        .text("items.discount_item", \.items.discountItem, help: "the item discount lines post through"),
        .text("items.member_discount_item", \.items.memberDiscountItem, help: "the item member-savings lines post through"),
        .flag("items.from_quickbooks", \.items.fromQuickBooks,
              help: "QBO → Run a Call: QuickBooks items the pricebook lacks become new pricebook items (`rac2qb from-quickbooks`); recommended off for the first 30 days: pricebook clutter is real",
              note: ["QBO → Run a Call (rac2qb from-quickbooks): recommended off for the first", "30 days: pricebook clutter is real"]),
    ]

    private static let invoices: [ConfigurationKey] = [
        .flag("invoices.sync", \.invoices.sync, help: "`false` writes no invoices, nor the void or update of one an earlier batch wrote (its row is Skipped, saying what changed)"),
        .choice("invoices.when", \.invoices.when, help: "`on_send` writes sent, partially paid and paid invoices; `on_payment` only paid ones",
                note: ["on_send (accrual, recommended) | on_payment (cash basis)"]),
        .choice("invoices.numbering", \.invoices.numbering,
                help: "the invoice ID becomes the doc number; `quickbooks` leaves numbering to QuickBooks",
                note: ["run_a_call: invoice ID → doc number | quickbooks"]),
        .text("invoices.discount_account", \.invoices.discountAccount, help: "where discount and member-savings lines post"),
        .text("invoices.membership_income_account", \.invoices.membershipIncomeAccount,
              help: "income account of membership items and of every line of a membership invoice"),
    ]

    private static let payments: [ConfigurationKey] = [
        .flag("payments.sync", \.payments.sync, help: "`false` writes no payments, refunds or deposits"),
        .text("payments.stripe_payout_account", \.payments.stripePayoutAccount, help: "the bank account payouts land in"),
        .text("payments.undeposited_funds_account", \.payments.undepositedFundsAccount,
              help: "where every payment waits (cash, check, other, card, ACH)"),
        .text("payments.stripe_fee_account", \.payments.stripeFeeAccount, help: "where the fee Stripe kept is expensed"),
        .flag("payments.auto_reconcile_payouts", \.payments.autoReconcilePayouts,
              help: "one bank deposit per Stripe payout; `false` leaves payments in Undeposited Funds"),
        ConfigurationKey(
            path: "payments.payment_method_names", kind: .paymentMethodNames, allowed: PaymentMethod.allCases.map(\.rawValue),
            help: "Run a Call method → QuickBooks payment method; a method left out keeps its default", note: [],
            starter: .lines(StarterConfiguration.paymentMethodLines),
            read: { reader, node, configuration in
                let path = "payments.payment_method_names"
                for (method, name) in reader.members(node, path, allowed: PaymentMethod.allCases.map(\.rawValue)) {
                    if let text = reader.string(name, "\(path).\(method)"), let key = PaymentMethod(rawValue: method) {
                        configuration.payments.paymentMethodNames[key] = text
                    }
                }
            },
            value: { configuration in
                .pairs(PaymentMethod.allCases.compactMap { method in
                    configuration.payments.paymentMethodNames[method].map { ConfigurationValue.Pair(method.rawValue, $0) }
                })
            }),
    ]

    private static let tax: [ConfigurationKey] = [
        .mapping("tax.rates",
                 help: "Run a Call tax rate name → QuickBooks tax code / sales tax item (case-insensitive); a rate listed with an empty value is not mapped yet (the safety net, or the invoice fails); a run names the unmapped rates once, with their counts",
                 starter: StarterConfiguration.rateLines,
                 get: { $0.tax.rates.map { ($0.rate, $0.code) } },
                 set: { $0.tax.rates = $1.map { (rate: $0.0, code: $0.1) } }),
        .optionalText("tax.default_for_unmapped", \.tax.defaultForUnmapped,
                      help: "the safety-net code for an unmapped rate; not set, such an invoice fails (\"Tax code not mapped\"); `rac2qb init` writes `To classify`: create that code in QuickBooks",
                      note: ["create a \"To classify\" code in QuickBooks as a safety net;", "remove this line to fail invoices with unmapped rates"],
                      starter: .value("To classify")),
        .optionalText("tax.agency", \.tax.agency,
                      help: "US: the tax agency (vendor) every IIF sales tax line names; the IIF file declares it and the sales tax items it uses unless the books list them; not set: nothing is declared, QuickBooks must already have the items (the summary says so once)",
                      note: ["US: the tax agency (vendor) IIF sales tax lines name, e.g. Colorado Department of",
                             "Revenue; IIF then declares it and the sales tax items unless the books list them;",
                             "empty: nothing declared (QuickBooks must already have the items)"]),
        .optionalText("tax.non_taxable_code", \.tax.nonTaxableCode,
                      help: "`ca`/`uk`/`au`: the tax code on every line Run a Call does not tax; not set: QBO CSV writes QuickBooks Online's zero-rated code (`uk` `0.0% Z`, `au` `GST free`, `ca` `Zero-rated`), IIF and qbXML write none (QuickBooks Desktop takes the item's own code); with qbXML written it must be Desktop's short code (3 characters at most, e.g. `E`, `FRE`)",
                      note: ["ca | uk | au: the tax code on lines Run a Call does not tax; empty = QuickBooks",
                             "Online's zero-rated code in QBO CSV (uk 0.0% Z, au GST free, ca Zero-rated)",
                             "and none in IIF and qbXML (QuickBooks Desktop takes the item's own code)"]),
    ]

    private static let ledger: [ConfigurationKey] = [
        .optionalText("ledger", \.ledger, kind: .path,
                      help: "what earlier batches exported (see below), relative to the config; empty: none (the sample config's choice); `--ledger FILE` moves it, `--no-ledger` runs without one",
                      note: ["what was already exported: a re-run writes nothing twice"]),
    ]

    private static let books: [ConfigurationKey] = [
        .book("customers", \.books.customers, help: "QuickBooks' customer list (see below); a path relative to the config"),
        .book("items", \.books.items, help: "QuickBooks' item list, sales tax items included"),
        .book("accounts", \.books.accounts, help: "QuickBooks' chart of accounts: an account marked inactive there makes its lines fail"),
        .book("tax_codes", \.books.taxCodes, help: "QuickBooks' sales tax codes"),
        .book("terms", \.books.terms, help: "QuickBooks' terms list"),
    ]
}
