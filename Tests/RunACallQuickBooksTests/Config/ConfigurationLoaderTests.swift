import Testing
@testable import RunACallQuickBooks
@testable import RunACallSupport
@testable import RunACallDecide

@Suite struct ConfigurationLoaderTests {
    @Test func emptyConfigGivesTheSeedDefaults() throws {
        let configuration = try ConfigurationLoader.parse("version: 1\n")
        #expect(configuration.items.defaultIncomeAccount == "Service revenue")
        #expect(configuration.invoices.when == .onSend)
        #expect(configuration.payments.undepositedFundsAccount == "Undeposited Funds")
        #expect(configuration.output.formats == [.iif, .qboCSV, .qbxml])
        #expect(configuration.tax.defaultForUnmapped == nil)
    }

    @Test func starterConfigAndSampleConfigLoad() throws {
        let starter = try ConfigurationLoader.parse(StarterConfiguration.text)
        #expect(starter.tax.defaultForUnmapped == "To classify")
        #expect(starter.tax.agency == nil && starter.tax.rates.isEmpty && starter.company.name == nil,
                "the starter names no agency, rate or company of its own: a run would write them into QuickBooks")
        #expect(starter.items.categoryIncomeAccounts.isEmpty)
        let sample = try ConfigurationLoader.load(contentsOf: Conversion.sampleConfig)
        #expect(sample.company.closingDate?.description == "2026-09-30")
        #expect(sample.incomeAccount(forCategory: "equipment INSTALLS") == "Equipment sales")
        #expect(sample.taxCode(forRate: "denver 8.81%") == "Denver")
        #expect(sample.tax.agency == "Colorado Department of Revenue")
        #expect(try ConfigurationLoader.parse("tax:\n  agency: null\n").tax.agency == nil)
    }

    /// `tax.non_taxable_code`: declared like every key; not set, QBO CSV takes the edition's QuickBooks Online code.
    @Test func nonTaxableCodeIsDeclaredWithAnEditionDefault() throws {
        let given = try ConfigurationLoader.parse("company:\n  edition: uk\ntax:\n  non_taxable_code: Exempt\n")
        #expect(given.tax.nonTaxableCode == "Exempt")
        #expect(given.nonTaxableCode(for: .qboCSV) == "Exempt" && given.nonTaxableCode(for: .iif) == "Exempt")
        let uk = try ConfigurationLoader.parse("company:\n  edition: uk\n")
        #expect(uk.nonTaxableCode(for: .qboCSV) == "0.0% Z" && uk.nonTaxableCode(for: .qbxml) == nil)
        let au = try ConfigurationLoader.parse("company:\n  edition: au\n")
        #expect(au.nonTaxableCode(for: .qboCSV) == "GST free")
        let us = try ConfigurationLoader.parse("tax:\n  non_taxable_code: Exempt\n")
        #expect(us.nonTaxableCode(for: .qboCSV) == nil, "US lines carry a taxable flag, not a code")
        #expect(try ConfigurationLoader.parse(StarterConfiguration.text).tax.nonTaxableCode == nil)
    }

    @Test func anEmptyRateOrCategoryIsListedButNotMappedYet() throws {
        let text = "tax:\n  rates:\n    Denver 8.81%:\n    Aurora 8.5%: Aurora\nitems:\n  category_income_accounts:\n    Parts:   # 3 items\n"
        let configuration = try ConfigurationLoader.parse(text)
        #expect(configuration.taxCode(forRate: "Denver 8.81%") == nil)
        #expect(configuration.taxCode(forRate: "aurora 8.5%") == "Aurora")
        #expect(configuration.incomeAccount(forCategory: "Parts") == nil)
        #expect(throws: FatalError.self) { try ConfigurationLoader.parse("tax:\n  rates:\n    Denver 8.81%:\n    denver 8.81%: Denver\n") }
        #expect(throws: FatalError.self) { try ConfigurationLoader.parse("payments:\n  payment_method_names:\n    card:\n") }
    }

    @Test(arguments: [
        ("invoices:\n  when: on_sent\n", "rac2qb.yml:2:9: invoices.when: \"on_sent\" is not allowed; allowed: on_send, on_payment"),
        ("company:\n  editon: us\n", "rac2qb.yml:2:3: company.editon: unknown key; allowed here: name, edition, home_currency, closing_date"),
        ("output:\n  split_every: -1\n", "rac2qb.yml:2:16: output.split_every"),
        ("customers:\n  create_in_quickbooks: maybe\n", "rac2qb.yml:2:25: customers.create_in_quickbooks: expected true or false"),
        ("company:\n  closing_date: 2026-02-30\n", "rac2qb.yml:2:17: company.closing_date"),
        ("output:\n  formats: [iif, pdf]\n", "rac2qb.yml:2:18: output.formats: \"pdf\" is not allowed"),
        ("surprise: 1\n", "rac2qb.yml:1:1: surprise: unknown key"),
        ("tax:\n  agency: [Colorado]\n", "rac2qb.yml:2:11: tax.agency"),
        ("tax:\n  agencie: Colorado\n", "rac2qb.yml:2:3: tax.agencie: unknown key; allowed here: rates, default_for_unmapped, agency, non_taxable_code"),
        ("invoices:\n\twhen: on_send\n", "rac2qb.yml:2:1: a tab is used for indentation; allowed: spaces only"),
        ("version: 1\ninvoices:\n  when: on_send\n  \tsync: true\n", "rac2qb.yml:4:3: a tab is used for indentation"),
        ("output:\n  formats: [iif, qbxml\n", "rac2qb.yml:3:1: not valid YAML: "),
    ])
    func errorsNameKeyLineColumnAndWhatIsAllowed(_ text: String, _ expected: String) {
        do {
            _ = try ConfigurationLoader.parse(text)
            Issue.record("expected an error for \(text)")
        } catch let error as FatalError {
            #expect(error.kind == .usage)
            #expect(error.description.hasPrefix(expected), "\(error.description)")
        } catch {
            Issue.record("unexpected \(error)")
        }
    }
}
