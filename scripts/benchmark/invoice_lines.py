#!/usr/bin/env python3
"""Flattens a Run a Call invoices.csv into the invoice-line rows csv2ofx and
hledger read in scripts/benchmark.sh: Date,Invoice,Customer,Item,Description,
Amount,Account (one row per line of a non-draft invoice; rows whose date or
amount does not parse are left out, so that neither tool stops on them).

Usage: invoice_lines.py INVOICES.csv LINES.csv
"""
import csv
import sys
from datetime import datetime
from decimal import Decimal, InvalidOperation


def main(source, destination):
    with open(source, newline="", encoding="utf-8-sig") as handle, open(destination, "w", newline="", encoding="utf-8") as out:
        writer = csv.writer(out)
        writer.writerow(["Date", "Invoice", "Customer", "Item", "Description", "Amount", "Account"])
        for row in csv.DictReader(handle):
            if row["status"] == "draft":
                continue
            try:
                datetime.strptime(row["invoice_date"], "%Y-%m-%d")
                amount = Decimal(row["line_amount"])
            except (ValueError, InvalidOperation):
                continue
            writer.writerow([row["invoice_date"], row["invoice_id"], row["customer_name"], row["line_item"],
                             row["line_description"].replace("\n", " ").replace("\r", " "), amount,
                             row["line_category"] or "Sales"])


if __name__ == "__main__":
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    main(sys.argv[1], sys.argv[2])
