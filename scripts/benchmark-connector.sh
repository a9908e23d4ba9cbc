#!/usr/bin/env bash
# The Web Connector on a large backfill (issue 22, Must show 2 and 4): generates an export of N invoices (default
# 100,000), converts it to qbXML into a new ledger, starts `rac2qb connector` and drives it over HTTP as QBWC does
# with a QuickBooks that answers every request done (scripts/benchmark/qbwc_standin.py), in documents of at most
# MAX_REQUESTS requests (default 100). Prints the time the connector took and its peak resident memory (VmHWM),
# checks that every request was handed out once and answered (exit 1 otherwise), and writes the figures to
# WORK_FOLDER/result.json.
# Usage: scripts/benchmark-connector.sh [INVOICES] [MAX_REQUESTS] [WORK_FOLDER]   (release build; RAC2QB_BIN=folder for another)
set -euo pipefail
cd "$(dirname "$0")/.."
count=${1:-100000}
max=${2:-100}
work=${3:-$(mktemp -d)}
mkdir -p "$work"
source scripts/benchmark/release_export.sh
release_binaries
generated_export "$count" "$work"
sed 's/^ledger:.*/ledger: ledger.sqlite/' samples/rac2qb.yml | sed 's/^  closing_date:.*/  closing_date:/' > "$work/rac2qb.yml"
rm -rf "$work/out" "$work/ledger.sqlite" "$work/rac2qb.qwc"
convert_start=$(date +%s.%N)
"$bin/rac2qb" convert "$export_folder" --config "$work/rac2qb.yml" --formats qbxml --out "$work/out" --quiet > /dev/null || true
echo "convert: $count invoices to qbXML in $(echo "$(date +%s.%N) - $convert_start" | bc) s," \
  "$(du -m "$work/out/qbxml" | tail -1 | cut -f1) MB of requests" >&2
export RAC2QB_CONNECTOR_PASSWORD=benchmark-password
"$bin/rac2qb" connector qwc --out "$work/rac2qb.qwc" --user bench --config "$work/rac2qb.yml" > /dev/null
"$bin/rac2qb" connector --config "$work/rac2qb.yml" --port 0 --max-requests "$max" > "$work/connector.out" 2>"$work/connector.err" &
connector=$!
trap 'kill $connector 2>/dev/null || true' EXIT
for _ in $(seq 100); do [ -s "$work/connector.out" ] && break; sleep 0.2; done
url=$(head -1 "$work/connector.out" | sed 's/^rac2qb connector: //')
memory() { awk "/$1/ {print int(\$2 / 1024)}" /proc/$connector/status; }
echo "connector: $url, resident $(memory VmRSS) MB before the update" >&2
update_start=$(date +%s.%N)
python3 scripts/benchmark/qbwc_standin.py "$url" bench "$RAC2QB_CONNECTOR_PASSWORD" > "$work/standin.out"
seconds=$(echo "$(date +%s.%N) - $update_start" | bc)
cat "$work/standin.out" >&2
peak=$(memory VmHWM)
echo "connector: $count invoices, peak resident memory $peak MB, $(memory VmRSS) MB after" >&2

# Nothing lost, nothing doubled: every request of the files handed out once (the stand-in stops at a request
# handed out twice), and the ledger holds an answer for each, none in doubt, none waiting.
"$bin/rac2qb" history --json --config "$work/rac2qb.yml" > "$work/history.json"
in_files=$(cat "$work"/out/qbxml/*.xml | grep -o 'Rq requestID="' | wc -l)
python3 - "$work" "$count" "$in_files" "$peak" "$seconds" <<'CHECK'
import json, re, sys
work, count, in_files, peak, seconds = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4]), float(sys.argv[5])
handed = int(re.search(r"requests (\d+)", open(f"{work}/standin.out").read()).group(1))
batches = json.load(open(f"{work}/history.json"))["batches"]
total = {key: sum(batch[key] for batch in batches) for key in ["requests", "answered", "refused", "in_doubt", "waiting"]}
result = {"invoices": count, "requests_in_files": in_files, "handed_out": handed, "ledger": total, "peak_mb": peak, "seconds": seconds}
json.dump(result, open(f"{work}/result.json", "w"), indent=1, sort_keys=True)
problems = []
if handed != in_files: problems.append(f"{handed} requests handed out, {in_files} in the files")
if total["answered"] != total["requests"] or total["in_doubt"] or total["waiting"]: problems.append(f"the ledger: {total}")
print(f"checked: {handed} requests handed out once each, the ledger's {total['requests']} all answered, none in doubt", file=sys.stderr)
sys.exit("; ".join(problems) if problems else 0)
CHECK
