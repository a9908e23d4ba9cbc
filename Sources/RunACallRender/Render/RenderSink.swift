import RunACallSupport

/// Where a writer's bytes are made and appended: on a rendering thread of their own while a run
/// goes on (the second core), else at once. A writer decides on the run's thread everything the
/// report and the ledger are told (the part, the requestID); the sink only makes and writes bytes,
/// in the order asked, so the files are the same either way. `finish` settles it before reading them.
public struct RenderSink: Sendable {
    /// The rendering thread; nil renders at once (one thread, a preview, a test).
    let thread: WriteBehind?

    /// Renders at once.
    public static let inLine = RenderSink(thread: nil)

    /// Runs `render` on the rendering thread, after every one asked before, else now; `weight` is what
    /// it holds while it waits, in lines (a deposit holds all of its payout's).
    /// Throws the error of an earlier one that failed, or of this one when it runs now.
    func run(weight: Int = 1, _ render: @escaping () throws -> Void) throws {
        guard let thread else { return try render() }
        try thread.submit(weight: weight, render)
    }

    /// Waits until every rendering asked has run; throws the error of one that failed.
    func settle() throws {
        try thread?.settle()
    }

    public init(thread: WriteBehind?) {
        self.thread = thread
    }
}
