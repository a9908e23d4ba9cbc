import Foundation
import Testing

/// Headless Chromium (Debian's `chromium`) and poppler's `pdftotext`, for
/// tests that look at the report the way a browser shows it.
enum Browser {
    static let chromium = find(ProcessInfo.processInfo.environment["RAC2QB_CHROMIUM"], "chromium", "chromium-browser", "google-chrome")
    static let pdftotext = find(nil, "pdftotext")

    /// Browser tests run when both tools are installed, and always under CI (where their absence fails them).
    static var availableOrCI: Bool {
        let available = chromium != nil && pdftotext != nil
        if !available && !TestPaths.isCI {
            print("SKIPPED: the report's browser tests need chromium and pdftotext (apt install chromium poppler-utils)")
        }
        return available || TestPaths.isCI
    }

    private static func find(_ explicit: String?, _ names: String...) -> URL? {
        if let explicit { return URL(fileURLWithPath: explicit) }
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        for folder in path.split(separator: ":") {
            for name in names {
                let url = URL(fileURLWithPath: String(folder)).appendingPathComponent(name)
                if FileManager.default.isExecutableFile(atPath: url.path) { return url }
            }
        }
        return nil
    }

    /// Runs a tool to its end; a browser that hangs is killed after `limit` seconds.
    @discardableResult
    static func run(_ tool: URL?, _ arguments: [String], limit: TimeInterval = 600) throws -> Int32 {
        let process = Process()
        process.executableURL = try #require(tool, "the tool is installed under CI")
        process.arguments = arguments
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        let deadline = Date().addingTimeInterval(limit)
        while process.isRunning && Date() < deadline { Thread.sleep(forTimeInterval: 0.1) }
        if process.isRunning { process.terminate() }
        process.waitUntilExit()
        return process.terminationStatus
    }

    private static func chromiumArguments(_ folder: URL) -> [String] {
        ["--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars", "--no-first-run",
         "--user-data-dir=\(folder.appendingPathComponent("profile").path)"]
    }

    /// The page (with `fragment`, a filter) printed by Chromium and read back as text.
    static func printedText(_ page: URL, fragment: String? = nil) throws -> String {
        let folder = try TestPaths.temporaryFolder("browser")
        let pdf = folder.appendingPathComponent("page.pdf")
        let address = page.absoluteString + (fragment.map { "#\($0)" } ?? "")
        try run(chromium, chromiumArguments(folder) + ["--no-pdf-header-footer", "--print-to-pdf=\(pdf.path)", address])
        let text = folder.appendingPathComponent("page.txt")
        try run(pdftotext, ["-layout", pdf.path, text.path])
        return String(decoding: try Data(contentsOf: text), as: UTF8.self)
    }

    /// The page as a screen `width` pixels wide shows it (printed on one sheet of that width, with the
    /// screen's font and margins), read back as text laid out as printed: a word broken across lines shows.
    static func textAtScreenWidth(_ page: URL, width: Int) throws -> String {
        let folder = try TestPaths.temporaryFolder("browser")
        let copy = folder.appendingPathComponent(page.lastPathComponent)
        let html = String(decoding: try Data(contentsOf: page), as: UTF8.self).replacingOccurrences(
            of: "</head>", with: "<style>@page{size:\(width)px 30000px;margin:0}@media print{body{margin:2em;font-size:14px}}</style></head>")
        try Data(html.utf8).write(to: copy)
        let pdf = folder.appendingPathComponent("page.pdf")
        try run(chromium, chromiumArguments(folder) + ["--no-pdf-header-footer", "--print-to-pdf=\(pdf.path)", copy.absoluteString])
        let text = folder.appendingPathComponent("page.txt")
        try run(pdftotext, ["-layout", pdf.path, text.path])
        return String(decoding: try Data(contentsOf: text), as: UTF8.self)
    }

    /// A screenshot of the page's first screen; returns the PNG.
    static func screenshot(_ page: URL, fragment: String? = nil, limit: TimeInterval = 600) throws -> Data {
        let folder = try TestPaths.temporaryFolder("browser")
        let png = folder.appendingPathComponent("page.png")
        let address = page.absoluteString + (fragment.map { "#\($0)" } ?? "")
        try run(chromium, chromiumArguments(folder) + ["--window-size=1280,1600", "--screenshot=\(png.path)", address], limit: limit)
        return try Data(contentsOf: png)
    }
}
