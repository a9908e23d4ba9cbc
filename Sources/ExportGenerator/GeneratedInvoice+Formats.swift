import Foundation

/// JSON and CSV renderings of a generated invoice, exactly as the export contract lays them out.
extension GeneratedInvoice {
    static func quoted(_ text: String?) -> String {
        guard let text else { return "null" }
        var result = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": result += "\\\""
            case "\\": result += "\\\\"
            case "\n": result += "\\n"
            case "\r": result += "\\r"
            case "\t": result += "\\t"
            default:
                if scalar.value < 0x20 { result += "\\u00" + (scalar.value < 0x10 ? "0" : "") + String(scalar.value, radix: 16) }
                else { result.unicodeScalars.append(scalar) }
            }
        }
        return result + "\""
    }

    func json() -> String {
        let address = "{\"line1\": \"1 Main St\", \"city\": \"Denver\", \"state\": \"CO\", \"postal_code\": \"80202\", \"country\": \"US\"}"
        let lineObjects = lines.map { line in
            "{\"item\": \(Self.quoted(line.item)), \"description\": \(Self.quoted(line.description)), \"category\": \(Self.quoted(line.category)), \"quantity\": \(line.quantity), \"unit_price\": \"\(line.unitPrice)\", \"amount\": \"\(line.amount)\", \"taxable\": \(line.taxable), \"tax_rate\": \(Self.quoted(line.taxRate))}"
        }
        let taxLines = taxLine.map { "[{\"name\": \(Self.quoted($0.name)), \"rate_percent\": \($0.percent), \"taxable_amount\": \"\($0.taxable)\", \"amount\": \"\($0.amount)\"}]" } ?? "[]"
        return """
        {"id": \(Self.quoted(id)), "status": "\(status)", "customer": {"id": \(Self.quoted(customer.id)), "name": \(Self.quoted(customer.name)), "email": \(Self.quoted(customer.email)), "phone": \(Self.quoted(customer.phone)), "company": null, "billing_address": \(address)}, "service_address": \(address), "invoice_date": "\(invoiceDate)", "due_date": null, "terms": \(Self.quoted(terms)), "sent_at": \(Self.quoted(sentAt)), "paid_at": \(Self.quoted(paidAt)), "voided_at": \(Self.quoted(voidedAt)), "currency": "USD", "membership_invoice": \(membership), "lines": [\(lineObjects.joined(separator: ", "))], "tax_lines": \(taxLines), "discount": \(discount.map { "{\"description\": \(Self.quoted($0.description)), \"amount\": \"\($0.amount)\"}" } ?? "null"), "member_discount": \(memberDiscount.map { "{\"plan\": \(Self.quoted($0.plan)), \"amount\": \($0.amount)}" } ?? "null"), "subtotal": "\(subtotal)", "tax_total": "\(taxTotal)", "total": "\(total)", "customer_notes": \(Self.quoted(customerNotes)), "internal_notes": \(Self.quoted(internalNotes)), "timeline": [{"event": "SECRET-TIMELINE"}], "photos": ["SECRET-PHOTO.jpg"], "signatures": ["SECRET-SIGNATURE"], "team_comments": ["SECRET-COMMENT"], "technicians": ["SECRET-TECHNICIAN"], "estimate_history": [{"estimate": "SECRET-ESTIMATE"}], "unknown_field": {"ignored": true}}
        """
    }

    func csvRows() -> String {
        var result = ""
        for line in lines {
            let cells: [String?] = [
                id, status, customer.id, customer.name, customer.email, customer.phone, nil,
                "1 Main St", nil, "Denver", "CO", "80202", "US", "1 Main St", nil, "Denver", "CO", "80202", "US",
                invoiceDate, nil, terms, sentAt, paidAt, voidedAt, nil, "USD", membership ? "yes" : "no",
                line.item, line.description, line.category, line.quantity, line.unitPrice, line.amount, line.taxable ? "1" : "0",
                line.taxRate, taxLine.map { "\($0.name)|\($0.percent)|\($0.taxable)|\($0.amount)" },
                discount?.description, discount?.amount, memberDiscount?.plan, memberDiscount?.amount,
                subtotal, taxTotal, total, nil, nil, customerNotes, internalNotes,
            ]
            result += cells.map { CSVInvoiceRow.cell($0 ?? "") }.joined(separator: ",") + "\r\n"
        }
        return result
    }
}

/// The invoices.csv layout of the export contract.
enum CSVInvoiceRow {
    static let columns = [
        "invoice_id", "status", "customer_id", "customer_name", "customer_email", "customer_phone", "customer_company",
        "billing_line1", "billing_line2", "billing_city", "billing_state", "billing_postal_code", "billing_country",
        "service_line1", "service_line2", "service_city", "service_state", "service_postal_code", "service_country",
        "invoice_date", "due_date", "terms", "sent_at", "paid_at", "voided_at", "updated_at", "currency",
        "membership_invoice", "line_item", "line_description", "line_category", "line_quantity", "line_unit_price",
        "line_amount", "line_taxable", "line_tax_rate", "tax_lines", "discount_description", "discount_amount",
        "member_discount_plan", "member_discount_amount", "subtotal", "tax_total", "total", "amount_paid",
        "balance_due", "customer_notes", "internal_notes",
    ]
    static var header: String { columns.joined(separator: ",") + "\r\n" }

    static func cell(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return text }
        return "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
