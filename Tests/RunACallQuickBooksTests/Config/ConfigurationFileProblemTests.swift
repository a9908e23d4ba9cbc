import Foundation
import Testing
@testable import RunACallQuickBooks
@testable import RunACallSupport
@testable import RunACallRead
@testable import RunACallDecide

/// A config file that cannot be used as it is says so plainly: not UTF-8 with
/// the line, a books file that is not there with its key and line.
@Suite struct ConfigurationFileProblemTests {
    @Test func aConfigThatIsNotUTF8SaysSoWithTheLine() throws {
        let folder = try TestPaths.temporaryFolder()
        let url = folder.appendingPathComponent("rac2qb.yml")
        try Data("version: 1\ncompany:\n  name: Caf".utf8 + [0xE9] + Data("\n".utf8)).write(to: url)
        let error = #expect(throws: FatalError.self) { try ConfigurationLoader.load(contentsOf: url) }
        #expect(error?.kind == .usage)
        #expect(error?.description == "rac2qb.yml:3: the configuration file is not UTF-8 text (line 3 holds the byte 0xE9, which UTF-8 does not allow there); allowed: a config saved as UTF-8 text")
    }

    @Test func aUTF16ConfigIsNamedAsUTF16() throws {
        let folder = try TestPaths.temporaryFolder()
        let url = folder.appendingPathComponent("rac2qb.yml")
        try "version: 1\n".data(using: .utf16)!.write(to: url)
        let error = #expect(throws: FatalError.self) { try ConfigurationLoader.load(contentsOf: url) }
        #expect(error?.description.hasPrefix("rac2qb.yml: the configuration file is UTF-16, not UTF-8") == true, "\(String(describing: error))")
    }

    @Test func aBooksFileThatIsNotThereIsNamedWithItsKeyAndLine() throws {
        let folder = try TestPaths.temporaryFolder()
        let url = folder.appendingPathComponent("rac2qb.yml")
        try Data("version: 1\nbooks:\n  customers: books/nope.iif\n".utf8).write(to: url)
        let configuration = try ConfigurationLoader.load(contentsOf: url)
        let error = #expect(throws: FatalError.self) { try BooksSnapshot.load(configuration.books, relativeTo: folder) }
        #expect(error?.description.hasPrefix("rac2qb.yml:3:14: books.customers: the books file books/nope.iif is not there (looked for ") == true,
                "\(String(describing: error))")
    }
}
