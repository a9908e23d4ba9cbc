import Foundation
import Testing
@testable import RunACallQuickBooks
@testable import RunACallSupport
@testable import RunACallDecide

/// An output that cannot be written stops the run with exit 3, the path and
/// the cause in plain words; never Foundation's raw error text.
@Suite(.serialized) struct OutputErrorTests {
    static func convert(out: String) throws -> (status: Int32, output: String, error: String) {
        try CommandLineTests.run(["convert", "samples/export", "--config", "samples/rac2qb.yml", "--out", out, "--no-ledger", "--quiet"])
    }

    @Test func anOutThatIsAFileOrUnderAFile() throws {
        let file = try TestPaths.temporaryFolder().appendingPathComponent("taken")
        try Data("mine".utf8).write(to: file)
        let onFile = try Self.convert(out: file.path)
        #expect(onFile.status == 3)
        #expect(onFile.error == "rac2qb: \(file.path): cannot be written: exists and is a file, not a folder\n")
        let under = try Self.convert(out: file.appendingPathComponent("out").path)
        #expect(under.status == 3)
        #expect(under.error == "rac2qb: \(file.path)/out: cannot be written: \(file.path) is a file, not a folder\n")
        #expect(try Data(contentsOf: file) == Data("mine".utf8))
    }

    @Test func foundationErrorsInPlainWords() {
        let path = "/books/out/iif/quickbooks.iif"
        let cases: [(any Error, String)] = [
            (CocoaError(.fileWriteOutOfSpace, userInfo: [NSFilePathErrorKey: path]), "\(path): cannot be written: no space left on device"),
            (CocoaError(.fileWriteVolumeReadOnly, userInfo: [NSFilePathErrorKey: path]), "\(path): cannot be written: read-only file system"),
            (CocoaError(.fileWriteNoPermission, userInfo: [NSFilePathErrorKey: path]), "\(path): cannot be written: permission denied"),
            (NSError(domain: NSCocoaErrorDomain, code: CocoaError.fileWriteUnknown.rawValue,
                     userInfo: [NSFilePathErrorKey: path, NSUnderlyingErrorKey: NSError(domain: NSPOSIXErrorDomain, code: Int(EDQUOT))]),
             "\(path): cannot be written: disk quota exceeded"),
            (NSError(domain: NSPOSIXErrorDomain, code: Int(ENOSPC)), "/books/out: cannot be written: no space left on device"),
        ]
        for (error, words) in cases {
            let fatal = OutputFailure.fatal(error, path: URL(fileURLWithPath: "/books/out")) as? FatalError
            #expect(fatal?.kind == .unwritableOutput)
            #expect(fatal?.description == words)
        }
        #expect(OutputFailure.fatal(ExitCodeLike()) is ExitCodeLike, "other errors pass through")
    }

    private struct ExitCodeLike: Error {}

    /// A tiny tmpfs shows a full disk and a read-only one, where this machine lets the tests mount (as root in CI).
    @Test func aFullDiskAndAReadOnlyDiskNameThePath() throws {
        let mountPoint = try TestPaths.temporaryFolder()
        guard Self.mount(["-t", "tmpfs", "-o", "size=64k", "tmpfs", mountPoint.path]) else {
            print("SKIPPED: cannot mount a tmpfs here; the errno words are tested by foundationErrorsInPlainWords")
            return
        }
        defer { _ = Self.mount([mountPoint.path], command: "/bin/umount") }
        let full = try Self.convert(out: mountPoint.appendingPathComponent("out").path)
        #expect(full.status == 3)
        #expect(full.error.hasPrefix("rac2qb: \(mountPoint.path)/out"), "\(full.error)")
        #expect(full.error.contains(": cannot be written: no space left on device"), "\(full.error)")
        #expect(!full.error.contains("NSCocoaErrorDomain"))
        #expect(OutputFolder.quickBooksFiles(in: mountPoint.appendingPathComponent("out")).isEmpty)

        guard Self.mount(["-o", "remount,ro", mountPoint.path]) else { return }
        let readOnly = try Self.convert(out: mountPoint.appendingPathComponent("out2").path)
        #expect(readOnly.status == 3)
        #expect(readOnly.error == "rac2qb: \(mountPoint.path)/out2: cannot be written: read-only file system\n", "\(readOnly.error)")
    }

    private static func mount(_ arguments: [String], command: String = "/bin/mount") -> Bool {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: command)
        process.arguments = arguments
        process.standardError = FileHandle.nullDevice
        guard (try? process.run()) != nil else { return false }
        process.waitUntilExit()
        return process.terminationStatus == 0
    }
}
