import Foundation

/// `rac2qb confirm-rename`: the user renamed a customer in QuickBooks by hand,
/// as an IIF or QuickBooks Online CSV run's report told them (those formats
/// cannot rename); the ledger takes the new name, and later runs use it.
public enum CustomerRename {
    /// The QuickBooks names before and after a confirmed rename.
    public struct Confirmation: Sendable, Equatable {
        public let old: String
        public let new: String
    }

    /// Confirms the rename pending for the Run a Call customer `customerID`; a usage error when none is.
    public static func confirm(customer customerID: String, ledger url: URL) throws -> Confirmation {
        let ledger = try Ledger(url: url, lockingFor: "rac2qb confirm-rename")
        var confirmed: (old: String, new: String)?
        try ledger.transaction { confirmed = try ledger.confirmRename(customer: customerID) }
        guard let confirmed else {
            throw FatalError(.usage, "\(url.path): customer \(customerID) has no rename waiting for confirmation "
                + "(allowed: the Run a Call id of a customer a report said to rename in QuickBooks)")
        }
        return Confirmation(old: confirmed.old, new: confirmed.new)
    }
}
