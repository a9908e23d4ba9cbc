#!/usr/bin/env bash
# The Web Connector on a large backfill (issue 22, Must show 2 and 4): generates an export of N invoices (default
# 100,000), converts it to qbXML into a new ledger, starts `rac2qb connector` and drives it over HTTP as QBWC does
# with a QuickBooks that answers every request done (scripts/benchmark/qbwc_standin.py), in documents of at most
# MAX_REQUESTS requests (default 100). Prints the time the connector took and its peak resident memory (VmHWM).
# Usage: scripts/benchmark-connector.sh [INVOICES] [MAX_REQUESTS] [WORK_FOLDER]   (release build; RAC2QB_BIN=folder for another)
set -euo pipefail
cd "$(dirname "$0")/.."
count=${1:-100000}
max=${2:-100}
work=${3:-$(mktemp -d)}
mkdir -p "$work"
if [ -z "${RAC2QB_BIN:-}" ]; then
  swift build -c release --product rac2qb >&2
  swift build -c release --product rac2qb-gen >&2
  bin=.build/release
else
  bin=$RAC2QB_BIN
fi
bin=$(cd "$bin" && pwd)
export_folder=$work/export-$count
if [ ! -f "$export_folder/done" ]; then
  rm -rf "$export_folder"
  "$bin/rac2qb-gen" "$count" "$export_folder" jsonl >&2
  touch "$export_folder/done"
fi
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
python3 scripts/benchmark/qbwc_standin.py "$url" bench "$RAC2QB_CONNECTOR_PASSWORD" >&2
echo "connector: $count invoices, peak resident memory $(memory VmHWM) MB, $(memory VmRSS) MB after" >&2
