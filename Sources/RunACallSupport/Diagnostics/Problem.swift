/// Why one record could not be written, and what the user does about it.
///
/// Every problem is made by a factory of the catalogue (`SyncError.swift`):
/// `message` starts with its code's title, the short error the Run a Call sync
/// log uses (`Tax code not mapped`, `Closed period`, ...), followed by the specifics.
public struct Problem: Error, Hashable, Sendable {
    /// Which error of the catalogue it is; the report groups failures by it.
    public let code: SyncError
    /// The error, as the report's `message` column shows it.
    public let message: String
    /// What the user does about it, as the report's `fix` column shows it.
    public let fix: String
    /// When the record fails because another one did: that root cause, named first where it is passed on
    /// (`invoice #1044 failed: Tax code not mapped`).
    public let cause: String?

    /// Makes a problem whose message is the code's title, a colon and `details`.
    init(_ code: SyncError, _ details: String, fix: String, cause: String? = nil) {
        self.init(code, message: "\(code.title): \(details)", fix: fix, cause: cause)
    }

    /// Makes a problem from its whole message.
    init(_ code: SyncError, message: String, fix: String, cause: String? = nil) {
        self.code = code
        self.message = message
        self.fix = fix
        self.cause = cause
    }
}

/// An error that stops the whole run before anything is written.
public struct FatalError: Error, Sendable, CustomStringConvertible {
    /// What kind of failure it is; decides the exit status.
    public enum Kind: Sendable {
        /// A usage or configuration error (exit 2).
        case usage
        /// An input that could not be read at all (exit 3).
        case unreadableInput
        /// An output file that could not be written (exit 3; nothing is left half-written).
        case unwritableOutput
        /// The ledger is held by another run, which is still going (exit 3, as an output that cannot be written):
        /// nothing was read or written; the same run succeeds once the other ends.
        case ledgerBusy
    }

    public let kind: Kind
    public let description: String

    public init(_ kind: Kind, _ description: String) {
        self.kind = kind
        self.description = description
    }
}
