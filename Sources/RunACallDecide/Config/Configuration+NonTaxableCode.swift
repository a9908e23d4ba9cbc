import RunACallSupport

extension Configuration {
    /// The tax code `format` writes on a line Run a Call does not tax: nil for the US edition (a taxable flag
    /// says it); otherwise `tax.non_taxable_code`, or when it is not set the edition's QuickBooks Online code
    /// in QBO CSV (whose importer wants a code on every line) and none in IIF and qbXML (QuickBooks Desktop
    /// then takes the item's own code, as before the key existed).
    public func nonTaxableCode(for format: OutputFormat) -> String? {
        guard company.edition != .us else { return nil }
        if let code = tax.nonTaxableCode { return code }
        return format.profile.takesOnlineTaxCodes ? company.edition.onlineNonTaxableCode : nil
    }

    /// The non-taxable codes the formats written carry, once each, with the key that gives them.
    var nonTaxableCodesWritten: [(key: String, code: String)] {
        var codes: [(String, String)] = []
        for format in output.formats {
            guard let code = nonTaxableCode(for: format), !codes.contains(where: { NameKey($0.1) == NameKey(code) }) else { continue }
            codes.append((tax.nonTaxableCode == nil ? "tax.non_taxable_code (default for company.edition \(company.edition.rawValue))"
                : "tax.non_taxable_code", code))
        }
        return codes
    }

    /// qbXML holds a sales tax code in at most 3 characters (`FormatProfile.lineTaxCodeLimit`): a longer
    /// `tax.non_taxable_code` would fail every invoice with an untaxed line, so the run stops before reading anything.
    public func checkNonTaxableCodeFitsQBXML() throws {
        guard let format = output.formats.first(where: { $0.profile.lineTaxCodeLimit != nil }),
              let limit = format.profile.lineTaxCodeLimit, let code = nonTaxableCode(for: format), code.count > limit else { return }
        throw FatalError(.usage, "tax.non_taxable_code: \"\(code)\" is longer than the 3 characters qbXML allows for a sales tax code; "
            + "allowed: the QuickBooks Desktop code's short name (such as E or FRE), or formats without qbxml "
            + "(QuickBooks Online's longer names go in a config that writes qbo-csv only)")
    }
}
