import Foundation
import Testing

/// The hostile-input corpus (`Tests/HostileInputCorpus`, see its README): every case runs the built
/// `rac2qb` on its small input and must end with its exit status, print the file, the record, the
/// field and what is allowed, never crash, leave no QuickBooks file after a refusal (exit 2 or 3),
/// and never let a never-synced field (marked `SECRET` in the inputs) reach any output.
@Suite struct HostileInputCorpusTests {
    /// Text no run may print: a crash report or a raw Foundation error instead of plain words.
    static let neverPrinted = ["Fatal error", "NSCocoaErrorDomain", "Error Domain=", "SECRET"]

    @Test func theCorpusHoldsAtLeastEightyCases() {
        #expect(CorpusCase.names.count >= 80, "\(CorpusCase.names.count) cases in \(CorpusCase.casesFolder.path)")
    }

    @Test(arguments: CorpusCase.names)
    func hostileInput(_ name: String) async throws {
        let corpusCase = try CorpusCase.load(name)
        let workspace = try CorpusWorkspace(for: name, corpusCase)
        defer { try? FileManager.default.removeItem(at: workspace.work) }
        for setup in corpusCase.before ?? [] {
            _ = try await CorpusRun.run(setup.map(workspace.expand), in: workspace.currentFolder, logs: workspace.work)
        }
        let arguments = corpusCase.args.map(workspace.expand)
        let run = try await CorpusRun.run(arguments, in: workspace.currentFolder, logs: workspace.work)
        let check = CorpusCheck(name: name, corpusCase: corpusCase, workspace: workspace, arguments: arguments, run: run)
        check.all()
    }
}

/// What one case's run is checked for; each problem is recorded with the case, its why and the output.
struct CorpusCheck {
    let name: String
    let corpusCase: CorpusCase
    let workspace: CorpusWorkspace
    let arguments: [String]
    let run: CorpusRun

    func all() {
        guard case .exited(let status) = run.ending else {
            fail(run.ending == .timedOut ? "did not finish within \(Int(CorpusRun.timeLimit)) s" : "crashed: \(run.ending)")
            return
        }
        let reportText = (try? String(contentsOf: workspace.out.appendingPathComponent("report/sync-report.csv"), encoding: .utf8)) ?? ""
        let haystack = run.printed + "\n" + reportText
        checkOutcome(status, haystack)
        for group in corpusCase.containsAny ?? [] where !group.map(workspace.expand).contains(where: haystack.contains) {
            fail("none of \(group) is printed")
        }
        for phrase in (corpusCase.absent ?? []).map(workspace.expand) + HostileInputCorpusTests.neverPrinted
        where run.printed.contains(phrase) {
            fail("\"\(phrase)\" is printed")
        }
        checkReportRows()
        checkFiles(status)
    }

    private func checkOutcome(_ status: Int32, _ haystack: String) {
        let misses = corpusCase.allowedOutcomes.map { outcome -> String? in
            let missing = outcome.contains.map(workspace.expand).filter { !haystack.contains($0) }
            if !outcome.exit.isEmpty && !outcome.exit.contains(status) { return "exit \(outcome.exit) expected, got \(status)" }
            return missing.isEmpty ? nil : "exit \(status); not printed: \(missing)"
        }
        if !misses.contains(where: { $0 == nil }) { fail(misses.compactMap { $0 }.joined(separator: "; or ")) }
    }

    private func checkReportRows() {
        guard let expected = corpusCase.report, !expected.isEmpty else { return }
        let url = workspace.out.appendingPathComponent("report/sync-report.json")
        guard let data = try? Data(contentsOf: url),
              let report = try? JSONSerialization.jsonObject(with: data) as? [String: Any],
              let rows = report["rows"] as? [[String: Any]] else {
            fail("no report/sync-report.json to check the rows in")
            return
        }
        for row in expected {
            let candidates = rows.filter { $0["source_id"] as? String == row.sourceID && $0["entity_type"] as? String == row.entityType }
            let words = (row.contains ?? []).map(workspace.expand)
            let found = candidates.contains { candidate in
                let text = candidate.values.compactMap { $0 as? String }.joined(separator: " | ")
                return candidate["status"] as? String == row.status && words.allSatisfy(text.contains)
            }
            if !found {
                fail("no \(row.entityType) row \(row.sourceID) \(row.status) holding \(words); rows: \(candidates)")
            }
        }
    }

    private func checkFiles(_ status: Int32) {
        let written = Self.files(under: workspace.out)
        if status == 2 || status == 3, !written.isEmpty {
            fail("exit \(status) must write nothing, yet \(written.map(\.path)) exist")
        }
        if let leftover = written.first(where: { $0.path.contains(".rac2qb-staging") }) {
            fail("a staging file is left behind: \(leftover.path)")
        }
        for file in written where (try? Data(contentsOf: file))?.range(of: Data("SECRET".utf8)) != nil {
            fail("never-synced text (SECRET) reached \(file.path)")
        }
        let quickbooksFiles = written.filter { !$0.path.hasPrefix(workspace.out.appendingPathComponent("report").path) }
        for phrase in corpusCase.quickbooksFilesLack ?? [] {
            for file in quickbooksFiles where Self.text(of: file).contains(phrase) {
                fail("\(file.lastPathComponent) holds \(phrase.debugDescription)")
            }
        }
        for (path, phrases) in corpusCase.filesContain ?? [:] {
            let text = Self.text(of: workspace.out.appendingPathComponent(path))
            for phrase in phrases where !text.contains(phrase) { fail("\(path) does not hold \(phrase.debugDescription)") }
        }
        for (path, phrases) in corpusCase.filesLack ?? [:] {
            let text = Self.text(of: workspace.out.appendingPathComponent(path))
            for phrase in phrases where text.contains(phrase) { fail("\(path) holds \(phrase.debugDescription)") }
        }
        for path in (corpusCase.filesAbsent ?? []).map(workspace.expand) where FileManager.default.fileExists(atPath: path) {
            fail("\(path) was written")
        }
        if corpusCase.cwdStaysEmpty == true,
           let left = try? FileManager.default.contentsOfDirectory(atPath: workspace.currentFolder.path), !left.isEmpty {
            fail("the current folder was written into: \(left)")
        }
    }

    private func fail(_ problem: String) {
        let output = Self.visible(run.printed.count > 4_000 ? String(run.printed.prefix(4_000)) + "…" : run.printed)
        Issue.record("""
        \(name): \(problem)
        why: \(corpusCase.why)
        ran: rac2qb \(arguments.joined(separator: " "))
        ended: \(run.ending)
        output:
        \(output)
        """)
    }

    /// `text` with its control characters (NUL, ESC, ...) other than line feeds and tabs written as `\u{..}`, so a log shows them.
    static func visible(_ text: String) -> String {
        text.unicodeScalars.map { scalar in
            scalar.value < 0x20 && scalar != "\n" && scalar != "\t" ? "\\u{\(String(scalar.value, radix: 16))}" : String(scalar)
        }.joined()
    }

    /// Every regular file under `folder`, hidden ones too.
    static func files(under folder: URL) -> [URL] {
        guard let walker = FileManager.default.enumerator(at: folder, includingPropertiesForKeys: [.isRegularFileKey]) else { return [] }
        return walker.compactMap { $0 as? URL }.filter { (try? $0.resourceValues(forKeys: [.isRegularFileKey]).isRegularFile) == true }
    }

    /// A written file's text: UTF-8, else Windows-1252 (IIF).
    static func text(of file: URL) -> String {
        guard let data = try? Data(contentsOf: file) else { return "" }
        return String(data: data, encoding: .utf8) ?? String(data: data, encoding: .windowsCP1252) ?? String(decoding: data, as: UTF8.self)
    }
}
