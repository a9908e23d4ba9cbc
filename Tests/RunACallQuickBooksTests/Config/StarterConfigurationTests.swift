import Foundation
import Testing
@testable import RunACallQuickBooks
@testable import RunACallSupport
@testable import RunACallDecide

/// What `rac2qb init --from` writes: every rate and category the export names, read back by the loader as the same names.
@Suite struct StarterConfigurationTests {
    /// Names YAML would misread written plain: a colon, a comment sign, a quote, a reserved word, a number, a newline.
    static let awkward = ["City: 5%", "Zone #2", "\"Quoted\" rate", "yes", "8.5", "Two\nlines", " spaced ", "Back\\slash", "État 5%"]

    static func invoice(_ id: Int, rate: String, category: String) -> String {
        let rate = String(decoding: try! JSONEncoder().encode(rate), as: UTF8.self)
        let category = String(decoding: try! JSONEncoder().encode(category), as: UTF8.self)
        return """
        {"id": "\(id)", "status": "sent", "customer": {"id": "c1", "name": "Ann Lee"}, "invoice_date": "2026-10-0\(id % 9 + 1)",
         "currency": "USD", "lines": [{"item": "Filter", "category": \(category), "quantity": "1", "unit_price": "10.00",
         "amount": "10.00", "taxable": true, "tax_rate": \(rate)}],
         "tax_lines": [{"name": \(rate), "rate_percent": "5", "amount": "0.50"}], "total": "10.50"}
        """
    }

    @Test func everyRateAndCategoryIsAKeyTheLoaderReadsBackAsTheSameName() throws {
        let invoices = Self.awkward.enumerated().map { Self.invoice($0.offset, rate: $0.element, category: $0.element) }
        let export = try Conversion.export(["invoices.json": "[\(invoices.joined(separator: ",\n"))]"])
        let survey = try ExportSurvey.read([export])
        #expect(survey.rates.count == Self.awkward.count && survey.categories.count == Self.awkward.count)
        #expect(survey.rates.allSatisfy { $0.invoices == 1 && $0.tax == Money(cents: 50) })
        let text = StarterConfiguration.text(survey: survey)
        var filled = text
        for rate in survey.rates {
            let key = "    \(YAMLKey.quoted(rate.name)):"
            #expect(filled.contains(key + " "), "\(key)")
            filled = filled.replacingOccurrences(of: key + " ", with: key + " Code \(rate.name.count) ")
        }
        let configuration = try ConfigurationLoader.parse(filled)
        for rate in survey.rates { #expect(configuration.taxCode(forRate: rate.name) == "Code \(rate.name.count)", "\(rate.name)") }
        let unfilled = try ConfigurationLoader.parse(text)
        #expect(unfilled.tax.rates.isEmpty && unfilled.items.categoryIncomeAccounts.isEmpty, "as written, nothing is mapped yet")
        let decisions = StarterConfiguration.decisions(survey, file: "rac2qb.yml", export: "export").joined(separator: "\n")
        #expect(!decisions.contains("Two\nlines") && decisions.contains("\"Two\\u000Alines\""), "a control character is never printed raw")
    }
}
