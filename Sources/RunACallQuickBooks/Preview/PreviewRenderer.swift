import Foundation

/// Writes one invoice alone, with the list entries it creates (`customer`: the customer it creates), in each
/// requested format, and reads the files back as text.
enum PreviewRenderer {
    static func render(_ invoice: QBInvoice, customer: QBCustomer?, lists: RunLists, configuration: Configuration,
                       into folder: URL) throws -> [InvoicePreview.File] {
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        var files: [InvoicePreview.File] = []
        for format in configuration.output.formats {
            let writer = try FormatWriters.make(format, configuration: configuration, splitEvery: 0, staging: folder)
            if let customer { _ = try writer.add(customer) }
            _ = try writer.add(invoice)
            // The import checklist lists files, it holds no text of the invoice.
            for path in try writer.finish(lists: lists, into: folder).files where path != ImportChecklist.target.path(parts: 1) {
                let data = try Data(contentsOf: folder.appendingPathComponent(path))
                let text = String(data: data, encoding: format.profile.encoding) ?? ""
                let headerOnly = path.hasSuffix(".csv") && text.split(whereSeparator: \.isNewline).count <= 1
                guard !text.isEmpty, !headerOnly else { continue }
                files.append(InvoicePreview.File(path: path, text: text))
            }
        }
        return files
    }
}
