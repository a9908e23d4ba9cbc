import Foundation

/// Makes the writer of each output format.
enum FormatWriters {
    /// The writer of `format` for the configuration's edition and qbXML version, splitting every `splitEvery` transactions.
    static func make(_ format: OutputFormat, configuration: Configuration, splitEvery: Int, staging: URL) throws -> any FormatWriter {
        let edition = configuration.company.edition
        return switch format {
        case .iif: IIFWriter(edition: edition, taxAgency: configuration.tax.agency, splitEvery: splitEvery, staging: staging)
        case .qboCSV: try QBOCSVWriter(edition: edition, splitEvery: splitEvery, staging: staging)
        case .qbxml: QBXMLWriter(edition: edition, version: configuration.output.qbxmlVersion, splitEvery: splitEvery, staging: staging)
        }
    }
}
