import ExportGenerator
import Foundation

// Writes a generated Run a Call export for benchmarks and manual testing:
//   rac2qb-gen COUNT FOLDER [json|jsonl|csv]
let arguments = CommandLine.arguments
guard arguments.count >= 3, let count = Int(arguments[1]) else {
    FileHandle.standardError.write(Data("usage: rac2qb-gen COUNT FOLDER [json|jsonl|csv]\n".utf8))
    exit(2)
}
let format = ExportGenerator.Format(rawValue: arguments.count > 3 ? arguments[3] : "json") ?? .json
let folder = URL(fileURLWithPath: arguments[2])
try ExportGenerator(invoiceCount: count).writeWithPayments(format: format, to: folder)
try Data(ExportGenerator.configuration().utf8).write(to: folder.appendingPathComponent("rac2qb.yml"))
print("wrote \(count) invoices with their payments and payouts to \(folder.path)")
