import Foundation
import Testing
@testable import RunACallQuickBooks
@testable import RunACallSupport
@testable import RunACallDecide

/// The one declaration of the config's keys: README's table is made from it, and each key reads into its own setting.
@Suite struct ConfigurationKeysTests {
    @Test func readmeHoldsTheTableMadeFromTheDeclaration() throws {
        let readme = try String(contentsOf: TestPaths.packageRoot.appendingPathComponent("README.md"), encoding: .utf8)
        let table = ConfigurationKeys.markdownTable
        #expect(readme.contains("\n" + table + "\n"), "regenerate README's config table from ConfigurationKeys.markdownTable:\n\(table)")
        #expect(table.split(separator: "\n").count == ConfigurationKeys.all.count + 2)
    }

    /// A value other than the default for each key, as YAML.
    static func otherValue(_ key: ConfigurationKey) -> String? {
        switch key.kind {
        case .flag: key.defaultValue == .flag(true) ? "false" : "true"
        case .text, .optionalText, .path: "Changed name"
        case .choice: key.allowed.last { .text($0) != key.defaultValue }
        case .date: "2026-01-31"
        case .currency: "CAD"
        case .wholeNumber: "7"
        case .formats: "[qbxml]"
        case .mapping: "\n    Some name: Other name"
        case .paymentMethodNames: "\n    card: Visa"
        case .version: nil
        }
    }

    @Test func eachKeyReadsIntoItsOwnSettingOnly() throws {
        let defaults = Configuration()
        for key in ConfigurationKeys.all {
            guard let value = Self.otherValue(key) else { continue }
            let text = key.section.map { "\($0):\n  \(key.name): \(value)\n" } ?? "\(key.name): \(value)\n"
            let configuration = try ConfigurationLoader.parse(text)
            #expect(key.value(in: configuration) != key.defaultValue, "\(key.path) is read")
            for other in ConfigurationKeys.all where other.path != key.path {
                #expect(other.value(in: configuration) == other.value(in: defaults), "\(key.path) leaves \(other.path) as it was")
            }
        }
    }

    @Test func theStarterWritesEachKeysDefaultUnlessDeclaredOtherwise() throws {
        let starter = try ConfigurationLoader.parse(StarterConfiguration.text)
        for key in ConfigurationKeys.all {
            switch key.starter {
            case .defaultValue, .omitted, .lines: #expect(key.value(in: starter) == key.defaultValue, "\(key.path)")
            case .value(let text): #expect(key.value(in: starter) == .text(text), "\(key.path)")
            }
        }
    }

    /// Changes the line edit cannot make safely are refused; a CRLF file keeps its line ends; a missing section is added.
    @Test func editsInPlaceOrRefuses() throws {
        let payout = try #require(ConfigurationKeys.key("payments.stripe_payout_account"))
        var flow = ConfigurationTextEdit("payments: {stripe_payout_account: Chase}\n")
        #expect(throws: ConfigurationTextEdit.NotInPlace.self) { try flow.set(payout, to: .text("Operating")) }
        var block = ConfigurationTextEdit("payments:\n  stripe_payout_account: |\n    Chase\n")
        #expect(throws: ConfigurationTextEdit.NotInPlace.self) { try block.set(payout, to: .text("Operating")) }

        var crlf = ConfigurationTextEdit("payments:\r\n  stripe_payout_account: Chase   # the bank\r\n  sync: true\r\n")
        try crlf.set(payout, to: .text("Operating"))
        try crlf.set(try #require(ConfigurationKeys.key("tax.rates")), to: .object(["Denver 8.81%": .text("Denver")]))
        #expect(crlf.text == "payments:\r\n  stripe_payout_account: Operating # the bank\r\n  sync: true\r\n\r\ntax:\r\n  rates:\r\n    Denver 8.81%: Denver\r\n")

        var list = ConfigurationTextEdit("output:\n  formats:\n  - iif\n  - qbxml\n  split_every: 0\n")
        try list.set(try #require(ConfigurationKeys.key("output.formats")), to: .list([.text("qbo-csv")]))
        #expect(list.text == "output:\n  formats: [qbo-csv]\n  split_every: 0\n")
    }
}
