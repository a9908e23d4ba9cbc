import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing
@testable import RunACallDesk
@testable import RunACallQuickBooks
@testable import RunACallSupport
@testable import RunACallDecide
@testable import RunACallRender

/// `GET /api/settings` and `PUT /api/settings` over real HTTP: every declared key, and changes saved in place in the
/// same YAML file (the other lines, comments included, kept byte for byte), or refused with the file untouched.
@Suite struct DeskSettingsTests {
    /// The sample config with a ledger of its own beside it, in a new folder.
    static func sampleConfig() throws -> URL {
        let config = try TestPaths.temporaryFolder().appendingPathComponent("rac2qb.yml")
        let sample = try String(contentsOf: TestPaths.samples.appendingPathComponent("rac2qb.yml"), encoding: .utf8)
        let ledger = sample.replacingOccurrences(of: "\nledger:                       # none", with: "\nledger: ledger.sqlite         # none")
        #expect(ledger != sample)
        try Data(ledger.utf8).write(to: config)
        return config
    }

    static func put(_ changes: String, desk: RunningDesk, client: TestClient) async throws -> TestClient.Response {
        var headers = desk.changing
        headers[.contentType] = "application/json"
        return try await client.put("/api/settings", headers: headers, body: ByteBuffer(string: "{\"changes\": \(changes)}"))
    }

    /// The settings of an answer, by key.
    static func settings(_ response: TestClient.Response) throws -> [String: [String: Any]] {
        let rows = try #require(try DeskExportsTests.object(response)["settings"] as? [[String: Any]])
        return Dictionary(uniqueKeysWithValues: rows.map { ($0["key"] as? String ?? "", $0) })
    }

    static func errors(_ response: TestClient.Response) throws -> [[String: Any]] {
        try #require(try DeskExportsTests.object(response)["errors"] as? [[String: Any]])
    }

    @Test func everyDeclaredKeyWithItsValueDefaultHelpAndAllowedValues() async throws {
        try await RunningDesk.with(configFile: try Self.sampleConfig()) { desk, client in
            let answer = try await client.get("/api/settings", headers: desk.signedIn)
            #expect(answer.status == .ok)
            let object = try DeskExportsTests.object(answer)
            #expect(object["path"] as? String == desk.settings.configFile.path)
            let rows = try #require(object["settings"] as? [[String: Any]])
            #expect(rows.map { $0["key"] as? String } == ConfigurationKeys.all.map(\.path))
            let settings = try Self.settings(answer)
            #expect(settings["company.closing_date"]?["value"] as? String == "2026-09-30")
            #expect(settings["company.closing_date"]?["default"] is NSNull)
            #expect(settings["invoices.when"]?["allowed"] as? [String] == ["on_send", "on_payment"])
            #expect(settings["tax.rates"]?["value"] as? [String: String] == ["Denver 8.81%": "Denver", "Aurora 8.5%": "Aurora"])
            #expect(settings["output.formats"]?["value"] as? [String] == ["iif", "qbo-csv", "qbxml"])
            #expect(settings["payments.auto_reconcile_payouts"]?["value"] as? Bool == true)
            #expect(settings["output.split_every"]?["value"] as? Int == 0)
            #expect(rows.allSatisfy { !($0["help"] as? String ?? "").isEmpty })
        }
        try await RunningDesk.with { desk, client in
            let settings = try Self.settings(try await client.get("/api/settings", headers: desk.signedIn))
            #expect(settings["payments.stripe_payout_account"]?["value"] as? String == "Business Checking", "no file: the built-in defaults")
            #expect(settings["tax.default_for_unmapped"]?["value"] is NSNull)
        }
    }

    @Test func theRateAndCategoryTablesOfferWhatTheUploadedExportUsesAndTheBooksList() async throws {
        let folder = try TestPaths.temporaryFolder()
        try FileManager.default.copyItem(at: TestPaths.samples.appendingPathComponent("books"), to: folder.appendingPathComponent("books"))
        let config = folder.appendingPathComponent("rac2qb.yml")
        try FileManager.default.copyItem(at: TestPaths.samples.appendingPathComponent("rac2qb-books.yml"), to: config)
        let zip = try DeskExportsTests.sampleZip()
        try await RunningDesk.with(configFile: config) { desk, client in
            let before = try DeskExportsTests.object(try await client.get("/api/settings", headers: desk.signedIn))
            #expect(before["found"] as? [String: [[String: String]]] == ["tax.rates": [], "items.category_income_accounts": []],
                    "no export uploaded yet: nothing found")
            #expect(before["found_in"] == nil)
            let upload = try await client.post("/api/exports", headers: DeskExportsTests.zipHeaders(desk), body: ByteBuffer(bytes: zip))
            #expect(upload.status == .created)

            let object = try DeskExportsTests.object(try await client.get("/api/settings", headers: desk.signedIn))
            #expect(object["found_in"] as? String == "1")
            let found = try #require(object["found"] as? [String: [[String: String]]])
            #expect(Set(found["tax.rates"]?.compactMap { $0["name"] } ?? []) == ["Denver 8.81%", "Aurora 8.5%", "Boulder 8.845%"])
            #expect(found["tax.rates"]?.first { $0["name"] == "Boulder 8.845%" }?["note"] == "1 invoice(s), tax 3.76")
            #expect(Set(found["items.category_income_accounts"]?.compactMap { $0["name"] } ?? [])
                    == ["Equipment installs", "Memberships", "Parts", "Service"])
            let choices = try #require(object["choices"] as? [String: [String]])
            #expect(Set(["Denver", "Aurora"]).isSubset(of: Set(choices["tax.rates"] ?? [])))
            #expect(choices["items.category_income_accounts"]
                    == ["Discounts given", "Equipment sales", "Membership revenue", "Parts sales", "Service revenue"],
                    "active income accounts only (Member discounts is inactive; Accounts Receivable is not income)")
        }
    }

    @Test func aChangeIsSavedOnItsOwnLineAndEveryOtherLineIsKept() async throws {
        let config = try Self.sampleConfig()
        let before = try String(contentsOf: config, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: config.path)
        try await RunningDesk.with(configFile: config) { desk, client in
            let answer = try await Self.put(#"{"payments.stripe_payout_account": "Operating: Chase #4471"}"#, desk: desk, client: client)
            #expect(try FileManager.default.attributesOfItem(atPath: config.path)[.posixPermissions] as? Int == 0o600, "the file's permissions kept")
            #expect(answer.status == .ok, "\(answer.text)")
            #expect(try Self.settings(answer)["payments.stripe_payout_account"]?["value"] as? String == "Operating: Chase #4471")
            let after = try String(contentsOf: config, encoding: .utf8)
            #expect(after == before.replacingOccurrences(of: "  stripe_payout_account: Business Checking\n",
                                                         with: "  stripe_payout_account: \"Operating: Chase #4471\"\n"))
            #expect(try ConfigurationLoader.load(contentsOf: config).payments.stripePayoutAccount == "Operating: Chase #4471")

            let commented = try await Self.put(#"{"company.closing_date": "2026-10-31", "company.edition": "ca"}"#, desk: desk, client: client)
            #expect(commented.status == .ok, "\(commented.text)")
            let text = try String(contentsOf: config, encoding: .utf8)
            #expect(text.contains("  closing_date: 2026-10-31    # invoice #1050 (2026-09-15) falls in the closed period and fails\n"),
                    "the changed key keeps its own comment: \(text)")
            #expect(text.contains("  edition: ca                 # US: taxable flag per line + one sales tax item per invoice\n"))
            #expect(text.contains("  # \"Boulder 8.845%\" is deliberately not mapped: its invoice posts to the safety-net code.\n"))
            #expect(try !FileManager.default.contentsOfDirectory(atPath: config.deletingLastPathComponent().path).contains { $0.hasPrefix(".") },
                    "no draft left beside the file")
        }
    }

    @Test func anInvalidValueOrUnknownKeyLeavesTheFileByteIdentical() async throws {
        let config = try Self.sampleConfig()
        let before = try Data(contentsOf: config)
        try await RunningDesk.with(configFile: config) { desk, client in
            let when = try await Self.put(#"{"invoices.when": "sometimes", "payments.stripe_fee_account": "Fees"}"#, desk: desk, client: client)
            #expect(when.status == .unprocessableContent)
            let error = try #require(try Self.errors(when).first)
            #expect(error["key"] as? String == "invoices.when")
            #expect((error["message"] as? String)?.contains("invoices.when: \"sometimes\" is not allowed; allowed: on_send, on_payment") == true)
            #expect(error["allowed"] as? [String] == ["on_send", "on_payment"])

            let unknown = try await Self.put(#"{"payments.stripe_payout": "Chase"}"#, desk: desk, client: client)
            #expect(unknown.status == .unprocessableContent)
            #expect(try Self.errors(unknown).first?["key"] as? String == "payments.stripe_payout")
            #expect((try Self.errors(unknown).first?["allowed"] as? [String])?.contains("payments.stripe_payout_account") == true)

            for (body, key) in [(#"{"payments.sync": "maybe"}"#, "payments.sync"), (#"{"output.split_every": -1}"#, "output.split_every"),
                                (#"{"output.formats": ["iif", "pdf"]}"#, "output.formats"), (#"{"company.closing_date": "2026-02-30"}"#, "company.closing_date"),
                                (#"{"tax.rates": ["Denver"]}"#, "tax.rates"), (#"{"payments.payment_method_names": {"bitcoin": "BTC"}}"#, "payments.payment_method_names"),
                                (#"{"items.discount_item": ""}"#, "items.discount_item"), (#"{"payments.stripe_fee_account": true}"#, "payments.stripe_fee_account")] {
                let answer = try await Self.put(body, desk: desk, client: client)
                #expect(answer.status == .unprocessableContent, "\(body)")
                #expect(try Self.errors(answer).first?["key"] as? String == key, "\(body): \(answer.text)")
            }
            let notJSON = try await client.put("/api/settings", headers: desk.changing, body: ByteBuffer(string: "changes"))
            #expect(notJSON.status == .unprocessableContent)
            #expect(try await client.put("/api/settings", headers: desk.signedIn, body: ByteBuffer(string: "{}")).status == .forbidden,
                    "a change needs the CSRF token")
        }
        #expect(try Data(contentsOf: config) == before)
    }

    @Test func aRateAddedToTaxRatesAndARateMappedWhereInitListedIt() async throws {
        let config = try Self.sampleConfig()
        let before = try String(contentsOf: config, encoding: .utf8)
        try await RunningDesk.with(configFile: config) { desk, client in
            let answer = try await Self.put(#"{"tax.rates": {"Denver 8.81%": "Denver", "Aurora 8.5%": "Aurora", "Boulder 8.845%": "Boulder"}}"#,
                                            desk: desk, client: client)
            #expect(answer.status == .ok, "\(answer.text)")
            #expect(try Self.settings(answer)["tax.rates"]?["value"] as? [String: String]
                    == ["Denver 8.81%": "Denver", "Aurora 8.5%": "Aurora", "Boulder 8.845%": "Boulder"])
            let after = try String(contentsOf: config, encoding: .utf8)
            #expect(after == before.replacingOccurrences(of: "    Aurora 8.5%: Aurora\n", with: "    Aurora 8.5%: Aurora\n    Boulder 8.845%: Boulder\n"),
                    "added as the mapping's last entry: \(after)")
            #expect(try ConfigurationLoader.load(contentsOf: config).taxCode(forRate: "boulder 8.845%") == "Boulder")

            let removed = try await Self.put(#"{"tax.rates": {"Denver 8.81%": "Denver"}}"#, desk: desk, client: client)
            #expect(try Self.settings(removed)["tax.rates"]?["value"] as? [String: String] == ["Denver 8.81%": "Denver"])
        }

        let folder = try TestPaths.temporaryFolder()
        let initialized = folder.appendingPathComponent("rac2qb.yml")
        let survey = try ExportSurvey.read([TestPaths.samples.appendingPathComponent("export")])
        let written = StarterConfiguration.text(survey: survey) + "\n"
        try Data(written.utf8).write(to: initialized)
        try await RunningDesk.with(configFile: initialized) { desk, client in
            let answer = try await Self.put(#"{"tax.rates": {"Denver 8.81%": "Denver"}, "items.category_income_accounts": {"Parts": "Parts sales"}}"#,
                                            desk: desk, client: client)
            #expect(answer.status == .ok, "\(answer.text)")
            let text = try String(contentsOf: initialized, encoding: .utf8)
            #expect(text == written.replacingOccurrences(of: "    Denver 8.81%:            # 7 invoices", with: "    Denver 8.81%: Denver     # 7 invoices")
                .replacingOccurrences(of: "    Parts:                   # 3 items", with: "    Parts: Parts sales       # 3 items"),
                    "each value on its entry's line, the counts kept, the rates not chosen still listed: \(text)")
        }
    }

    @Test func noFileYetTheStarterIsWrittenWithTheChange() async throws {
        try await RunningDesk.with { desk, client in
            #expect(!FileManager.default.fileExists(atPath: desk.settings.configFile.path))
            let answer = try await Self.put(#"{"payments.stripe_payout_account": "Operating", "books.items": "books/items.iif"}"#, desk: desk, client: client)
            #expect(answer.status == .ok, "\(answer.text)")
            let text = try String(contentsOf: desk.settings.configFile, encoding: .utf8)
            #expect(text == StarterConfiguration.text.replacingOccurrences(of: "stripe_payout_account: Business Checking", with: "stripe_payout_account: Operating")
                + "\n\nbooks:\n  items: books/items.iif\n")

            let rates = try await Self.put(#"{"tax.rates": {"Denver 8.81%": "Denver", "City: 5%": null}}"#, desk: desk, client: client)
            #expect(rates.status == .ok, "\(rates.text)")
            let mapped = try String(contentsOf: desk.settings.configFile, encoding: .utf8)
            #expect(mapped.contains("                             # (rac2qb init --from EXPORT lists the export's rates here)\n"
                + "    \"City: 5%\":\n    Denver 8.81%: Denver\n  default_for_unmapped: To classify"),
                    "entries below the key's comment lines, a name listed with no value not mapped yet: \(mapped)")
            #expect(try ConfigurationLoader.load(contentsOf: desk.settings.configFile).tax.rates.map(\.rate) == ["Denver 8.81%"])
        }
    }

    @Test func aFileEditedByHandThatTheLoaderRefusesIsNamedWithItsProblem() async throws {
        let config = try TestPaths.temporaryFolder().appendingPathComponent("rac2qb.yml")
        try Data("invoices:\n  when: on_send\n".utf8).write(to: config)
        try await RunningDesk.with(configFile: config) { desk, client in
            try Data("invoices:\n  when: sometimes\n".utf8).write(to: config)
            let answer = try await client.get("/api/settings", headers: desk.signedIn)
            #expect(answer.status == .unprocessableContent)
            let error = try #require(try Self.errors(answer).first)
            #expect(error["key"] as? String == "invoices.when")
            #expect(error["message"] as? String == "rac2qb.yml:2:9: invoices.when: \"sometimes\" is not allowed; allowed: on_send, on_payment")
            let fixed = try await Self.put(#"{"invoices.when": "on_payment"}"#, desk: desk, client: client)
            #expect(fixed.status == .ok, "the page can fix it: \(fixed.text)")
            #expect(try String(contentsOf: config, encoding: .utf8) == "invoices:\n  when: on_payment\n")
        }
    }

    @Test func theNextCheckTakesTheChangedSettings() async throws {
        try await RunningDesk.with(configFile: try Self.sampleConfig()) { desk, client in
            let first = try await DeskReviewTests.checkedSample(desk: desk, client: client)
            #expect(try await DeskReviewTests.rows("/api/exports/\(first)/rows?code=closedPeriod", desk: desk, client: client).total == 1)
            let answer = try await Self.put(#"{"company.closing_date": null}"#, desk: desk, client: client)
            #expect(answer.status == .ok, "\(answer.text)")
            #expect(try String(contentsOf: desk.settings.configFile, encoding: .utf8)
                .contains("  closing_date:" + String(repeating: " ", count: 15) + "# invoice #1050 (2026-09-15) falls in the closed period and fails\n"))
            let second = try await DeskReviewTests.checkedSample(desk: desk, client: client)
            #expect(try await DeskReviewTests.rows("/api/exports/\(second)/rows?code=closedPeriod", desk: desk, client: client).total == 0,
                    "no closing date: invoice 1050 is no longer in a closed period")
        }
    }
}
