import Testing
@testable import RunACallSupport

/// The "written under" line shortens numbered series and keeps every other name.
@Suite struct FileListTextTests {
    @Test func aLongSeriesIsShownByItsEnds() {
        let files = ["iif/quickbooks.iif"] + (1...837).map { "qbo-csv/invoices-\(threeDigits($0)).csv" }
            + ["qbo-csv/import-checklist.csv", "report/rows-001.html", "report/rows-002.html"]
        #expect(FileListText.joined(files) == "iif/quickbooks.iif, qbo-csv/invoices-001.csv … qbo-csv/invoices-837.csv (837 files), "
            + "qbo-csv/import-checklist.csv, report/rows-001.html, report/rows-002.html")
    }

    @Test func onlyConsecutiveNumbersOfOneSeriesAreJoined() {
        let files = ["a-1.csv", "a-2.csv", "a-4.csv", "a-5.csv", "a-6.csv", "b-7.csv", "a-7.html", "x-01.csv", "x-2.csv", "x-3.csv", "plain.csv"]
        #expect(FileListText.joined(files) == "a-1.csv, a-2.csv, a-4.csv … a-6.csv (3 files), b-7.csv, a-7.html, x-01.csv, x-2.csv, x-3.csv, plain.csv")
        #expect(FileListText.joined([]) == "")
        #expect(FileListText.joined(["r-9", "r-10", "r-11"]) == "r-9 … r-11 (3 files)")
        #expect(FileListText.joined(["r-10", "r-11", "r-12"]) == "r-10 … r-12 (3 files)")
        #expect(FileListText.joined(["i-998.csv", "i-999.csv", "i-1000.csv", "i-1001.csv"]) == "i-998.csv … i-1001.csv (4 files)")
        #expect(FileListText.joined(["i-98", "i-99", "i-0100"]) == "i-98, i-99, i-0100")
    }
}

private func threeDigits(_ number: Int) -> String {
    let digits = String(number)
    return String(repeating: "0", count: max(0, 3 - digits.count)) + digits
}
