"""csv2ofx mapping (`csv2ofx -x`) for the invoice-line rows that
scripts/benchmark/invoice_lines.py writes: one QIF transaction per line."""
from operator import itemgetter

mapping = {
    "has_header": True,
    "is_split": False,
    "bank": "Accounts Receivable",
    "currency": "USD",
    "delimiter": ",",
    "account": itemgetter("Account"),
    "date": itemgetter("Date"),
    "amount": itemgetter("Amount"),
    "payee": itemgetter("Customer"),
    "desc": itemgetter("Description"),
    "notes": itemgetter("Item"),
    "check_num": itemgetter("Invoice"),
}
