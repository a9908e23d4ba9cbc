import Foundation
import Testing

/// The test helpers that keep one test's failure from ending the run or another test's timeline.
@Suite struct TestSupportTests {
    @Test func textThatIsNotXMLIsAnErrorNamingItsSourceNotACrash() throws {
        for text in ["", "<QBXML><QBXMLMsgsRq>", "not XML"] {
            #expect {
                _ = try TestXML.document(Data(text.utf8), from: "the answer")
            } throws: { error in
                "\(error)".hasPrefix("the answer is not well-formed XML")
            }
        }
        let document = try TestXML.document(Data("<QBXML><QBXMLMsgsRq/></QBXML>".utf8), from: "the answer")
        #expect(document.rootElement()?.name == "QBXML")
    }

    @Test func aBodyOnItsOwnExecutorResumesThereAfterEveryAwaitAndSoDoItsChildTasks() async throws {
        #expect(SerialQueueExecutor.current == nil)
        let places = try await onOwnExecutor { () async throws -> [Bool] in
            let executor = try #require(SerialQueueExecutor.current)
            var places = [executor.isRunningHere]
            try await Task.sleep(for: .milliseconds(1))
            places.append(executor.isRunningHere)
            async let child = executor.isRunningHere
            places.append(await child)
            let server = Task(executorPreference: SerialQueueExecutor.current) { executor.isRunningHere }
            places.append(await server.value)
            let nested = try await onOwnExecutor { SerialQueueExecutor.current === executor }
            places.append(nested)
            return places
        }
        #expect(places == [true, true, true, true, true])
        #expect(SerialQueueExecutor.current == nil)
    }
}
