import Foundation
import Testing
@testable import RunACallQuickBooks
@testable import RunACallSupport

/// The Web Connector's password read from standard input when it is no
/// terminal (a pipe): its first line, nothing past it taken, no prompt written.
@Suite struct SecretPromptTests {
    /// Reads with `text` written into a pipe as the input, and another pipe as the output.
    static func read(_ text: String) throws -> (secret: String?, rest: String, prompted: String) {
        let input = Pipe(), output = Pipe()
        try input.fileHandleForWriting.write(contentsOf: Data(text.utf8))
        try input.fileHandleForWriting.close()
        let secret = SecretPrompt.read("Password: ", input: input.fileHandleForReading.fileDescriptor,
                                       output: output.fileHandleForWriting.fileDescriptor)
        try output.fileHandleForWriting.close()
        let rest = String(decoding: input.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        return (secret, rest, String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self))
    }

    @Test func aPipeGivesItsFirstLineAndNoPrompt() throws {
        let read = try Self.read("correct horse battery staple\r\nthe next line\n")
        #expect(read.secret == "correct horse battery staple")
        #expect(read.rest == "the next line\n", "nothing past the line is taken")
        #expect(read.prompted.isEmpty)
        #expect(try Self.read("last line without a break").secret == "last line without a break")
    }

    @Test func anEmptyOrEndedInputGivesNoPassword() throws {
        #expect(try Self.read("").secret == nil)
        #expect(try Self.read("\nsecond\n").secret == nil, "an empty line is no password")
    }
}
