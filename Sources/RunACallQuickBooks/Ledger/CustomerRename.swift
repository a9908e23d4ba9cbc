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

    /// Confirms the rename pending for the Run a Call customer `customerID`; a usage error (nothing changed)
    /// when the ledger knows no such customer or none is pending for it.
    public static func confirm(customer customerID: String, ledger url: URL) throws -> Confirmation {
        let ledger = try Ledger(url: url, lockingFor: "rac2qb confirm-rename")
        return try ledger.transaction {
            guard let latest = try ledger.lastExport(of: .customer, customerID) else {
                throw FatalError(.usage, "\(url.path): no customer \"\(customerID)\" in the ledger "
                    + "(allowed: the Run a Call id of a customer an earlier batch exported, the source_id of its report row)")
            }
            guard let renamed = try ledger.confirmRename(latest) else {
                throw FatalError(.usage, "\(url.path): customer \"\(customerID)\" (QuickBooks name \"\(latest.customer ?? customerID)\") "
                    + "has no rename waiting for confirmation (allowed: a customer a report told to rename in QuickBooks by hand, not confirmed yet)")
            }
            return Confirmation(old: renamed.old, new: renamed.new)
        }
    }
}
