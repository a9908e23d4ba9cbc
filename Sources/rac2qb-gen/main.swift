import ExportGenerator
import Foundation

// Writes a generated Run a Call export for benchmarks and manual testing:
//   rac2qb-gen COUNT FOLDER [json|jsonl|csv] [--customers N]
// The invoices are drawn from N customers: by default one per four invoices,
// as a shop's history has (`--customers 200` makes the tests' exports).
let usage = "usage: rac2qb-gen COUNT FOLDER [json|jsonl|csv] [--customers N]\n"
func fail() -> Never {
    FileHandle.standardError.write(Data(usage.utf8))
    exit(2)
}

var positional: [String] = []
var customers: Int?
var arguments = CommandLine.arguments.dropFirst()
while let argument = arguments.popFirst() {
    if argument == "--customers" {
        guard let value = arguments.popFirst().flatMap(Int.init), value > 0 else { fail() }
        customers = value
    } else {
        positional.append(argument)
    }
}
guard (2...3).contains(positional.count), let count = Int(positional[0]), count >= 0 else { fail() }
guard let format = ExportGenerator.Format(rawValue: positional.count > 2 ? positional[2] : "json") else { fail() }
let folder = URL(fileURLWithPath: positional[1])
let customerCount = customers ?? ExportGenerator.shopCustomerCount(invoiceCount: count)
try ExportGenerator(invoiceCount: count, customerCount: customerCount).writeWithPayments(format: format, to: folder)
try Data(ExportGenerator.configuration().utf8).write(to: folder.appendingPathComponent("rac2qb.yml"))
print("wrote \(count) invoices of \(customerCount) customers with their payments and payouts to \(folder.path)")
