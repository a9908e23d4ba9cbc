import Foundation
@testable import RunACallQuickBooks

/// Where the tests find the package, its samples and the shared reference data.
enum TestPaths {
    static let packageRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let samples = packageRoot.appendingPathComponent("samples")
    static let sharedReference = packageRoot.deletingLastPathComponent().appendingPathComponent("shared/reference")

    /// The qbXML schema folder: `RAC2QB_QBXML_SCHEMA`, else `../shared/reference/qbxml-xsd`.
    static var schemaDirectory: URL? {
        if let configured = ProcessInfo.processInfo.environment["RAC2QB_QBXML_SCHEMA"] {
            let url = URL(fileURLWithPath: configured)
            return FileManager.default.fileExists(atPath: url.appendingPathComponent(QBXMLSchemaValidator.entryPoint).path) ? url : nil
        }
        let url = sharedReference.appendingPathComponent("qbxml-xsd")
        return FileManager.default.fileExists(atPath: url.appendingPathComponent(QBXMLSchemaValidator.entryPoint).path) ? url : nil
    }

    /// The Intuit IIF samples, when `../shared` is there.
    static var iifSamples: URL? {
        let url = sharedReference.appendingPathComponent("iif-samples")
        return FileManager.default.fileExists(atPath: url.path) ? url : nil
    }

    static var isCI: Bool { ProcessInfo.processInfo.environment["CI"] == "true" }

    /// Tests that need `../shared` run when it is there, and always under CI (where its absence fails them).
    static var sharedDataAvailableOrCI: Bool {
        let available = schemaDirectory != nil && iifSamples != nil
        if !available && !isCI {
            print("SKIPPED: ../shared/reference (qbXML schema, Intuit IIF samples) is absent; set RAC2QB_QBXML_SCHEMA or check out shared/ beside the project")
        }
        return available || isCI
    }

    /// A schema validator, loaded once.
    static let schema: QBXMLSchemaValidator? = schemaDirectory.flatMap { try? QBXMLSchemaValidator(schemaDirectory: $0) }

    /// A fresh temporary folder, inside this test process's own scratch root (removed when the process ends).
    static func temporaryFolder(_ name: String = #function) throws -> URL {
        let safe = name.filter { $0.isLetter || $0.isNumber }
        let url = TestScratch.root.appendingPathComponent("\(safe)-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }
}
