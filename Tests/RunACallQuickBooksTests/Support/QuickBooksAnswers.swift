/// QuickBooks' answers to single requests, written by hand for tests that
/// ingest them without running the whole file through `FakeQuickBooks`.
enum QuickBooksAnswers {
    /// The CustomerAddRs of QuickBooks adding customer `name` as `listID`.
    static func customerAdded(_ requestID: String, name: String = "Ann Lee", listID: String = "80000001-1700000000",
                              editSequence: String = "1700000000") -> String {
        """
        <CustomerAddRs requestID="\(requestID)" statusCode="0" statusSeverity="Info" statusMessage="Status OK">
          <CustomerRet><ListID>\(listID)</ListID><EditSequence>\(editSequence)</EditSequence><Name>\(name)</Name></CustomerRet>
        </CustomerAddRs>
        """
    }
}
