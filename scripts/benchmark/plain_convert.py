#!/usr/bin/env python3
"""The baseline of scripts/benchmark.sh: what a user could write in an
afternoon instead of rac2qb. Reads a Run a Call invoices.csv (one row per
invoice line) and writes the invoices as IIF, a QuickBooks Online invoice CSV
and qbXML InvoiceAdd requests. No validation beyond parsing: a record whose
date or amounts do not parse is skipped; drafts are skipped.

Usage: plain_convert.py INVOICES.csv OUTPUT_FOLDER
"""
import csv
import sys
from datetime import datetime
from decimal import Decimal
from itertools import groupby
from pathlib import Path
from xml.sax.saxutils import escape

IIF_HEADER = (
    "!TRNS\tTRNSID\tTRNSTYPE\tDATE\tACCNT\tNAME\tAMOUNT\tDOCNUM\tMEMO\n"
    "!SPL\tSPLID\tTRNSTYPE\tDATE\tACCNT\tNAME\tAMOUNT\tDOCNUM\tMEMO\tQNTY\tPRICE\tINVITEM\n"
    "!ENDTRNS\n"
)
QBO_HEADER = ["*InvoiceNo", "*Customer", "*InvoiceDate", "*DueDate", "Terms", "Memo",
              "Item(Product/Service)", "ItemDescription", "ItemQuantity", "ItemRate", "*ItemAmount", "*ItemTaxCode"]


def iif_cell(text):
    return text.replace("\t", " ").replace("\r", " ").replace("\n", " ")


def parse(rows):
    """The invoice of one group of rows, or None when a date or amount does not parse."""
    first = rows[0]
    try:
        date = datetime.strptime(first["invoice_date"], "%Y-%m-%d").date()
        lines = [(row, Decimal(row["line_quantity"] or "0"), Decimal(row["line_unit_price"] or "0"),
                  Decimal(row["line_amount"])) for row in rows]
        tax = Decimal(first["tax_total"] or "0")
        total = Decimal(first["total"])
    except (ValueError, ArithmeticError):
        return None
    return first, date, lines, tax, total


def main(source, folder):
    out = Path(folder)
    out.mkdir(parents=True, exist_ok=True)
    written = skipped = 0
    with open(source, newline="", encoding="utf-8-sig") as handle, \
            open(out / "quickbooks.iif", "w", encoding="cp1252", errors="replace", newline="") as iif, \
            open(out / "invoices.csv", "w", encoding="utf-8", newline="") as qbo_file, \
            open(out / "requests.xml", "w", encoding="utf-8") as qbxml:
        qbo = csv.writer(qbo_file)
        qbo.writerow(QBO_HEADER)
        iif.write(IIF_HEADER)
        qbxml.write('<?xml version="1.0" encoding="utf-8"?>\n<?qbxml version="13.0"?>\n'
                    '<QBXML>\n  <QBXMLMsgsRq onError="continueOnError">\n')
        for invoice_id, group in groupby(csv.DictReader(handle), key=lambda row: row["invoice_id"]):
            rows = list(group)
            if rows[0]["status"] == "draft":
                continue
            parsed = parse(rows)
            if parsed is None:
                skipped += 1
                continue
            first, date, lines, tax, total = parsed
            customer, memo = first["customer_name"], first["customer_notes"]
            us_date = f"{date.month}/{date.day}/{date.year}"
            iif.write(f"TRNS\t\tINVOICE\t{us_date}\tAccounts Receivable\t{iif_cell(customer)}\t{total}\t{invoice_id}\t{iif_cell(memo)}\n")
            qbxml.write(f'    <InvoiceAddRq requestID="{escape(invoice_id)}">\n      <InvoiceAdd>\n'
                        f"        <CustomerRef><FullName>{escape(customer)}</FullName></CustomerRef>\n"
                        f"        <TxnDate>{date.isoformat()}</TxnDate>\n        <RefNumber>{escape(invoice_id)}</RefNumber>\n"
                        f"        <Memo>{escape(memo)}</Memo>\n")
            for row, quantity, price, amount in lines:
                item, description = row["line_item"], row["line_description"]
                taxable = row["line_taxable"] in ("1", "true", "yes")
                iif.write(f"SPL\t\tINVOICE\t{us_date}\t{iif_cell(row['line_category'] or 'Sales')}\t\t{-amount}\t\t"
                          f"{iif_cell(description)}\t{-quantity}\t{price}\t{iif_cell(item)}\n")
                qbo.writerow([invoice_id, customer, date.strftime("%m/%d/%Y"), date.strftime("%m/%d/%Y"), first["terms"], memo,
                              item, description, quantity, price, amount, "TAX" if taxable else "NON"])
                qbxml.write(f"        <InvoiceLineAdd>\n          <ItemRef><FullName>{escape(item)}</FullName></ItemRef>\n"
                            f"          <Desc>{escape(description)}</Desc>\n          <Quantity>{quantity}</Quantity>\n"
                            f"          <Rate>{price}</Rate>\n          <Amount>{amount}</Amount>\n        </InvoiceLineAdd>\n")
            if tax:
                iif.write(f"SPL\t\tINVOICE\t{us_date}\tSales Tax Payable\t\t{-tax}\t{invoice_id}\t\t\t\t\n")
            iif.write("ENDTRNS\n")
            qbxml.write("      </InvoiceAdd>\n    </InvoiceAddRq>\n")
            written += 1
        qbxml.write("  </QBXMLMsgsRq>\n</QBXML>\n")
    print(f"{written} invoices written, {skipped} skipped", file=sys.stderr)


if __name__ == "__main__":
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    main(sys.argv[1], sys.argv[2])
