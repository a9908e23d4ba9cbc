#!/usr/bin/env python3
"""Writes a QuickBooks Desktop customer list (IIF) of COUNT customers to FILE, for
timing `rac2qb from-quickbooks`: each with a billing address, phone, email and
company name; one in ten inactive (HIDDEN Y).

usage: scripts/generate-customers-iif.py COUNT FILE
"""
import sys

def main():
    if len(sys.argv) != 3 or not sys.argv[1].isdigit():
        sys.exit(__doc__)
    count, path = int(sys.argv[1]), sys.argv[2]
    rows = ["!CUST\tNAME\tCOMPANYNAME\tBADDR1\tBADDR2\tEMAIL\tPHONE1\tHIDDEN"]
    for n in range(1, count + 1):
        rows.append("\t".join([
            "CUST", f"Customer {n:06d}", f"Company {n % 997}", f"{n} Elm St", "Denver, CO 80202",
            f"customer{n}@example.com", f"303-555-{n % 10000:04d}", "Y" if n % 10 == 0 else "N"]))
    with open(path, "w", newline="") as file:
        file.write("\r\n".join(rows) + "\r\n")

main()
