import Foundation
import RunACallSupport

/// Reads a books CSV: a header with at least `Name`, and where they apply
/// `Email`, `Type`, `Active` (`true`/`false`), `Account` and
/// `Rate` (a sales tax item's percentage). One file, one list:
/// the config key that names it says which.
enum CSVBooksReader {
    static func read(_ url: URL) throws -> BookLists {
        let table = try CSVTable(url: url)
        let columns = Dictionary(table.columns.map { ($0.lowercased(), $0) }, uniquingKeysWith: { first, _ in first })
        guard let nameColumn = columns["name"] else {
            throw FatalError(.unreadableInput, "\(url.lastPathComponent): a books CSV needs a Name column")
        }
        var list = BookList()
        while let (row, problem) = try table.nextRow() {
            if let problem { throw FatalError(.unreadableInput, "\(url.lastPathComponent):\(row.line): \(problem.message)") }
            let active = columns["active"].flatMap { table.cell($0, in: row) }?.lowercased()
            if let active, !["true", "false", "yes", "no", "1", "0"].contains(active) {
                throw FatalError(.unreadableInput, "\(url.lastPathComponent):\(row.line): Active is \"\(active)\"; allowed: true or false")
            }
            list.add(BookEntry(name: table.cell(nameColumn, in: row) ?? "", isActive: !["false", "no", "0"].contains(active ?? "true"),
                               email: columns["email"].flatMap { table.cell($0, in: row) },
                               type: columns["type"].flatMap { table.cell($0, in: row) },
                               account: columns["account"].flatMap { table.cell($0, in: row) },
                               ratePercent: try BookEntry.rate(columns["rate"].flatMap { table.cell($0, in: row) },
                                                               place: "\(url.lastPathComponent):\(row.line) Rate")))
        }
        var lists = BookLists()
        let otherTypes: Set<String> = ["vendor", "employee", "other name", "othername"]
        for entry in list.entries.values.flatMap({ $0 }) {
            if otherTypes.contains(entry.type?.lowercased() ?? "") { lists.otherNames.add(entry) } else { lists.customers.add(entry) }
        }
        lists.items = list
        lists.accounts = list
        lists.taxCodes = list
        lists.terms = list
        return lists
    }
}
