import Foundation
import RunACallSupport
import RunACallDecide

/// The page's "What to do next" section: for each format written, the steps that take its
/// files into QuickBooks, in order, named by the files this run wrote (a run that wrote
/// no QuickBooks file says so).
public enum HTMLNextSteps {
    /// The steps for the QuickBooks files among `files` (paths under the output folder, in writing order);
    /// `worksheetRows` the payments the IIF payment worksheet lists.
    public static func steps(files: [String], worksheetRows: Int) -> [(format: String, steps: [String])] {
        var sections: [(String, [String])] = []
        let iif = files.filter { $0.hasPrefix("\(OutputFormat.iif.folder)/") }.sorted()
        if !iif.isEmpty {
            var steps = ["Back up the QuickBooks Desktop company file (File → Back Up Company).",
                         "Import \(list(iif)) in QuickBooks Desktop: File → Utilities → Import → IIF Files\(iif.count > 1 ? ", one file at a time, in that order" : "")."]
            if worksheetRows > 0 {
                steps.append("Apply each of the \(worksheetRows) payment(s) to its invoice (Customers → Receive Payments): IIF cannot link them; the list is report/payment-application.csv and the payment application worksheet below.")
            }
            sections.append(("IIF (QuickBooks Desktop)", steps))
        }
        let qbo = files.filter { $0.hasPrefix("\(OutputFormat.qboCSV.folder)/") }
        if !qbo.isEmpty {
            let named = { (base: String) in qbo.filter { ($0.split(separator: "/").last ?? "").hasPrefix(base) }.sorted() }
            var steps: [String] = []
            if !named("customers").isEmpty { steps.append("Import qbo-csv/customers.csv: gear → Import data → Customers.") }
            if !named("products").isEmpty { steps.append("Import qbo-csv/products.csv: gear → Import data → Products and services.") }
            let invoices = named("invoices")
            if !invoices.isEmpty {
                steps.append("Import \(list(invoices)): gear → Import data → Invoices\(invoices.count > 1 ? ", one file at a time (QuickBooks Online takes at most 100 invoices a file)" : "").")
            }
            if !named("discounts-to-enter").isEmpty {
                steps.append("Enter each discount of qbo-csv/discounts-to-enter.csv by hand on its imported invoice (QuickBooks Online imports no negative line).")
            }
            if !named("deposits").isEmpty { steps.append("Upload qbo-csv/deposits.csv in Banking → Upload transactions, and match each payout.") }
            sections.append(("QuickBooks Online CSV: in the order of qbo-csv/import-checklist.csv, ticking its done column as each file is in", steps))
        }
        let qbxml = files.filter { $0.hasPrefix("\(OutputFormat.qbxml.folder)/") }.sorted()
        if !qbxml.isEmpty {
            sections.append(("qbXML (QuickBooks Desktop)", [
                "Send \(list(qbxml)) to QuickBooks Desktop through the QuickBooks Web Connector or a QuickBooks SDK tool\(qbxml.count > 1 ? ", one file at a time, in that order" : ""); QuickBooks runs each request and returns a response.",
                "Save QuickBooks' responses to a file and run `rac2qb ingest RESPONSES.xml`: the ledger learns what QuickBooks added (later edits, voids and payments need it), and every refused request is listed with its fix.",
            ]))
        }
        return sections
    }

    /// Writes the section before the table of every row.
    static func render(files: [String], worksheetRows: Int, output: BufferedOutput) throws {
        try output.write("<h2 id=\"next\">What to do next</h2>\n")
        let sections = steps(files: files, worksheetRows: worksheetRows)
        guard !sections.isEmpty else {
            try output.write("<p>This run wrote no QuickBooks file, so there is nothing to import (rac2qb check writes none; convert writes none when nothing is new or every record failed: the failures above say what to fix).</p>\n")
            return
        }
        try output.write("<p>In this order, once the failures above are fixed or known to be left out (with a ledger, the run after a fix writes only what is new):</p>\n")
        for (format, steps) in sections {
            try output.write("<h3>\(HTMLReport.escape(format))</h3>\n<ol class=\"steps\">"
                + steps.map { "<li>\(HTMLReport.escape($0))</li>" }.joined() + "</ol>\n")
        }
    }

    /// `a, b and c`.
    private static func list(_ files: [String]) -> String {
        guard files.count > 1 else { return files.first ?? "" }
        return files.dropLast().joined(separator: ", ") + " and " + (files.last ?? "")
    }
}
