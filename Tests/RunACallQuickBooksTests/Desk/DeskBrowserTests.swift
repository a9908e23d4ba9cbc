import Foundation
import Testing
@testable import RunACallQuickBooks

/// The desk in a real headless Chromium driven by Selenium (`Tests/DeskBrowser/desk_e2e.py`): the month end as a
/// user goes through it, from the token URL to undo, the batch's zip compared byte for byte with `rac2qb convert`.
/// Screenshots of every page go to `RAC2QB_DESK_SCREENSHOTS`, else `.build/desk-screenshots`. Skipped, said, when
/// python3 with selenium, chromium or chromedriver is missing, except under `CI=true`, where that fails.
@Suite struct DeskBrowserTests {
    static var toolsPresent: Bool {
        let check = Process()
        check.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        check.arguments = ["python3", "-c", "import selenium, shutil, sys; sys.exit(0 if shutil.which('chromium') and shutil.which('chromedriver') else 1)"]
        check.standardOutput = FileHandle.nullDevice
        check.standardError = FileHandle.nullDevice
        guard (try? check.run()) != nil else { return false }
        check.waitUntilExit()
        return check.terminationStatus == 0
    }

    @Test func theMonthEndInAHeadlessChromium() throws {
        guard Self.toolsPresent else {
            if TestPaths.isCI { Issue.record("CI=true: python3 with selenium, chromium and chromedriver are needed (.ci/run installs them)") }
            print("SKIPPED: the desk's browser test needs python3 with selenium, chromium and chromedriver")
            return
        }
        let binary = try #require(CommandLineTests.binary, "the rac2qb binary is built with the tests")
        let screenshots = ProcessInfo.processInfo.environment["RAC2QB_DESK_SCREENSHOTS"]
            ?? TestPaths.packageRoot.appendingPathComponent(".build/desk-screenshots").path
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", TestPaths.packageRoot.appendingPathComponent("Tests/DeskBrowser/desk_e2e.py").path,
                             "--binary", binary.path, "--samples", TestPaths.samples.path, "--screenshots", screenshots]
        let error = Pipe()
        process.standardError = error
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        let said = String(decoding: error.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationStatus == 0, "\(said)")
        let pages = (try? FileManager.default.contentsOfDirectory(atPath: screenshots)) ?? []
        #expect(pages.filter { $0.hasSuffix(".png") }.count >= 10, "a screenshot of every page in \(screenshots)")
        print("desk screenshots: \(screenshots)")
    }
}
