import Foundation
import RunACallDecide

/// Makes the writer of each output format.
public enum FormatWriters {
    /// The writer of `format` for the configuration's edition and qbXML version, splitting every `splitEvery` transactions,
    /// its bytes made and written in `sink`.
    public static func make(_ format: OutputFormat, configuration: Configuration, splitEvery: Int, staging: URL,
                     sink: RenderSink = .inLine) throws -> any FormatWriter {
        let edition = configuration.company.edition
        let nonTaxable = configuration.nonTaxableCode(for: format)
        return switch format {
        case .iif: try IIFWriter(edition: edition, nonTaxableCode: nonTaxable, taxAgency: configuration.tax.agency, splitEvery: splitEvery,
                             staging: staging, sink: sink)
        case .qboCSV: try QBOCSVWriter(edition: edition, nonTaxableCode: nonTaxable, splitEvery: splitEvery, staging: staging, sink: sink)
        case .qbxml: try QBXMLWriter(edition: edition, nonTaxableCode: nonTaxable, version: configuration.output.qbxmlVersion,
                                 splitEvery: splitEvery, staging: staging, sink: sink)
        }
    }
}
