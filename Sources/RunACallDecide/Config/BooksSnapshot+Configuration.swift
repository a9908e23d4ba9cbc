import Foundation
import RunACallRead
import RunACallSupport

/// The books a config names (`books:`), loaded: the config is read above the readers, so the readers never name it.
extension BooksSnapshot {
    /// Loads the files the config names, relative to `base` (the config's folder).
    public static func load(_ books: Configuration.Books, relativeTo base: URL) throws -> BooksSnapshot {
        var snapshot = BooksSnapshot()
        func read(_ path: String?, key: String) throws -> BookLists? {
            guard let path else { return nil }
            let url = Configuration.resolve(path, relativeTo: base)
            guard FileManager.default.fileExists(atPath: url.path) else {
                throw FatalError(.unreadableInput, "\(books.place(of: key)): the books file \(path) is not there (looked for \(url.path)); allowed: the path of a QuickBooks list export that exists, relative to the config's folder, or no books.\(key) key")
            }
            return try BookLists.read(url)
        }
        if let lists = try read(books.customers, key: "customers") {
            snapshot.customers = lists.customers
            snapshot.otherNames = lists.otherNames
        }
        snapshot.items = try read(books.items, key: "items")?.items
        snapshot.accounts = try read(books.accounts, key: "accounts")?.accounts
        snapshot.taxCodes = try read(books.taxCodes, key: "tax_codes")?.taxCodes
        snapshot.terms = try read(books.terms, key: "terms")?.terms
        return snapshot
    }
}
