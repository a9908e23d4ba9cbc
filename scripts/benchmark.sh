#!/usr/bin/env bash
# Benchmarks a release `rac2qb convert` on generated exports (invoices with
# their payments and payouts, JSONL and CSV) side by side with the floor (a
# plain read of the same files), a plain Python script writing the same three
# formats (scripts/benchmark/plain_convert.py), csv2ofx (CSV -> QIF) and
# hledger (CSV import with a rules file, printed as a journal) on the same
# invoice-line rows. Prints one table and writes it to a file.
#
# Usage: scripts/benchmark.sh [--full] [--sizes N,N,...] [--formats jsonl,csv]
#                             [--repeat R] [--table FILE] [--work DIR]
#   --full      adds 1,000,000 invoices to the sizes (default sizes: 10000,100000)
#   --repeat    runs of each measurement; the table keeps the fastest (default 3)
#               and the highest peak RSS
#   --table     where the table is written (default: .build/benchmark/results.md)
#   --work      where exports and outputs go (default: .build/benchmark; exports are reused;
#               every run's figures are appended to runs.log there)
# Every build and measured command runs under `nice -n ${BENCH_NICE:-15}`. The whole export is
# converted with two cores (the default) and with one (RAC2QB_THREADS=1), and the two outputs are
# compared byte for byte but for the run's start time (scripts/benchmark/same_output.py).
# CPU s is user + system time of the fastest run (less sensitive to a shared machine).
# Rows are invoice-line rows (the same for the JSONL and CSV export of one size);
# the full-export runs read the payments and payouts too (counted in MB/s).
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
helpers=$root/scripts/benchmark

sizes="10000,100000"
formats="jsonl,csv"
repeat=3
work=$root/.build/benchmark
table=
while [ $# -gt 0 ]; do
  case $1 in
    --full) sizes="$sizes,1000000" ;;
    --sizes) sizes=$2; shift ;;
    --formats) formats=$2; shift ;;
    --repeat) repeat=$2; shift ;;
    --table) table=$2; shift ;;
    --work) work=$2; shift ;;
    *) echo "usage: $0 [--full] [--sizes N,N,...] [--formats jsonl,csv] [--repeat R] [--table FILE] [--work DIR]" >&2; exit 2 ;;
  esac
  shift
done
table=${table:-$work/results.md}
niceness=${BENCH_NICE:-15}
mkdir -p "$work"

note() { printf 'benchmark: %s\n' "$*" >&2; }

# Installs csv2ofx and hledger when missing; a tool that cannot be had is skipped with a message.
have_python=yes have_csv2ofx=yes have_hledger=yes
command -v python3 >/dev/null || { have_python=; note "python3 not found: skipping the plain Python script, csv2ofx and hledger (their rows come from a Python helper)"; }
if [ -n "$have_python" ] && ! command -v csv2ofx >/dev/null; then
  note "installing csv2ofx (pip install csv2ofx)"
  python3 -m pip install --quiet csv2ofx >&2 || true
  hash -r
  command -v csv2ofx >/dev/null || { have_csv2ofx=; note "csv2ofx could not be installed (offline?): skipping it"; }
fi
[ -n "$have_python" ] || have_csv2ofx=
if [ -n "$have_python" ] && ! command -v hledger >/dev/null; then
  note "installing hledger (apt-get install -y hledger)"
  { apt-get install -y hledger || { apt-get update && apt-get install -y hledger; }; } >/dev/null 2>&1 || true
  command -v hledger >/dev/null || { have_hledger=; note "hledger could not be installed (offline, or not root?): skipping it"; }
fi
[ -n "$have_python" ] || have_hledger=

note "building rac2qb and rac2qb-gen (release)"
nice -n "$niceness" swift build -c release --product rac2qb >&2
nice -n "$niceness" swift build -c release --product rac2qb-gen >&2
bin=$(swift build -c release --show-bin-path)

header='| tool | input | rows | seconds | MB/s | rows/s | CPU s | peak RSS MB |'
rows_out=()
emit() { rows_out+=("$1"); printf '%s\n' "$1"; }
printf '%s\n|---|---|---:|---:|---:|---:|---:|---:|\n' "$header"

# measure TOOL INPUT ROWS BYTES OK_STATUSES PREPARE -- COMMAND...
# Runs COMMAND $repeat times (PREPARE, a shell function, before each), niced,
# under /usr/bin/time; keeps the fastest wall time (and that run's CPU time,
# user + system) and the highest peak RSS.
measure() {
  local tool=$1 input=$2 rows=$3 bytes=$4 ok=$5 prepare=$6
  shift 7
  local best= cpu= rss=0 run status seconds user system kilobytes
  for ((run = 1; run <= repeat; run++)); do
    $prepare
    status=0
    /usr/bin/time -f '%e %U %S %M' -o "$work/time" nice -n "$niceness" "$@" >"$work/stdout" 2>"$work/stderr" || status=$?
    if [[ " $ok " != *" $status "* ]]; then
      note "$tool on $input exited $status; its error output:"
      tail -n 5 "$work/stderr" >&2
      emit "| $tool | $input | $rows | failed (exit $status) | | | | |"
      return
    fi
    read -r seconds user system kilobytes < <(tail -n 1 "$work/time")
    printf '%s\t%s\trun %s\t%s s\t%s user\t%s sys\t%s KB\n' "$tool" "$input" "$run" "$seconds" "$user" "$system" "$kilobytes" >>"$work/runs.log"
    if [ -z "$best" ] || awk -v a="$seconds" -v b="$best" 'BEGIN { exit !(a < b) }'; then
      best=$seconds
      cpu=$(awk -v u="$user" -v s="$system" 'BEGIN { printf "%.2f", u + s }')
    fi
    ((kilobytes > rss)) && rss=$kilobytes
  done
  emit "$(awk -v tool="$tool" -v input="$input" -v rows="$rows" -v bytes="$bytes" -v s="$best" -v cpu="$cpu" -v kb="$rss" 'BEGIN {
    if (s > 0) { mbs = sprintf("%.1f", bytes / 1e6 / s); rps = sprintf("%.0f", rows / s); secs = sprintf("%.2f", s) }
    else { mbs = "> " sprintf("%.0f", bytes / 1e6 / 0.01); rps = "> " sprintf("%.0f", rows / 0.01); secs = "< 0.01" }
    printf "| %s | %s | %d | %s | %s | %s | %s | %.0f |", tool, input, rows, secs, mbs, rps, cpu, kb / 1024 }')"
}

nothing() { :; }
fresh_output() { rm -rf "$work/out" "$work/ledger.sqlite" "$work/ledger.sqlite"-* "$work/ledger.sqlite.lock"; }
size_of() { local total=0 file; for file in "$@"; do total=$((total + $(stat -c %s "$file"))); done; echo "$total"; }
csv_rows() {
  if [ -n "$have_python" ]; then python3 -c 'import csv, sys; print(sum(1 for _ in csv.reader(open(sys.argv[1], newline="", encoding="utf-8-sig"))) - 1)' "$1"
  else echo $(($(wc -l <"$1") - 1)); fi
}
megabytes() { awk -v b="$1" 'BEGIN { printf "%.0f MB", b / 1e6 }'; }

# generated FORMAT COUNT: the export folder, generated once per work folder.
generated() {
  local folder=$work/export-$1-$2
  if [ ! -f "$folder/done" ]; then
    rm -rf "$folder"
    note "generating $2 invoices as $1"
    nice -n "$niceness" "$bin/rac2qb-gen" "$2" "$folder" "$1" >&2
    touch "$folder/done"
  fi
  echo "$folder"
}

for count in ${sizes//,/ }; do
  for format in ${formats//,/ }; do
    export=$(generated "$format" "$count")
    files=("$export/invoices.$format" "$export/payments.$format" "$export/payouts.$format")
    bytes=$(size_of "${files[@]}")
    if [ "$format" = csv ]; then lines=$(csv_rows "$export/invoices.csv"); else lines=$(grep -o '{"item": ' "$export/invoices.jsonl" | wc -l); fi
    label="$count $format ($(megabytes "$bytes"))"
    cat "${files[@]}" >/dev/null
    measure "cat (floor)" "$label" "$lines" "$bytes" 0 nothing -- sh -c 'cat "$@" >/dev/null' sh "${files[@]}"
    measure "wc -l (floor)" "$label" "$lines" "$bytes" 0 nothing -- wc -l "${files[@]}"
    convert=("$bin/rac2qb" convert --config "$export/rac2qb.yml" --formats iif,qbo-csv,qbxml --quiet --out "$work/out")
    measure "rac2qb, ledger off" "$label" "$lines" "$bytes" "0 1" fresh_output -- "${convert[@]}" --no-ledger "$export"
    rm -rf "$work/out-two-cores" && mv "$work/out" "$work/out-two-cores"
    measure "rac2qb, ledger off, one thread" "$label" "$lines" "$bytes" "0 1" fresh_output -- env RAC2QB_THREADS=1 "${convert[@]}" --no-ledger "$export"
    if [ -n "$have_python" ]; then
      same=$(python3 "$helpers/same_output.py" "$work/out-two-cores" "$work/out") || note "two cores and one thread differ on $label: $same"
      emit "| two cores vs one thread: output | $label | | $same | | | | |"
    fi
    measure "rac2qb, ledger on" "$label" "$lines" "$bytes" "0 1" fresh_output -- "${convert[@]}" --ledger "$work/ledger.sqlite" "$export"
    [ "$format" = csv ] || continue

    invoices=$export/invoices.csv
    invoice_bytes=$(size_of "$invoices")
    only="$count invoices.csv only ($(megabytes "$invoice_bytes"))"
    measure "rac2qb, ledger off" "$only" "$lines" "$invoice_bytes" "0 1" fresh_output -- "${convert[@]}" --no-ledger "$invoices"
    [ -n "$have_python" ] || continue
    measure "plain Python script" "$only" "$lines" "$invoice_bytes" 0 fresh_output -- python3 "$helpers/plain_convert.py" "$invoices" "$work/out"

    flat=$export/invoice-lines.csv
    [ -f "$flat" ] || nice -n "$niceness" python3 "$helpers/invoice_lines.py" "$invoices" "$flat"
    flat_rows=$(csv_rows "$flat")
    flat_label="$count invoice-lines.csv ($(megabytes "$(size_of "$flat")"))"
    flat_bytes=$(size_of "$flat")
    if [ -n "$have_csv2ofx" ]; then
      measure "csv2ofx -> QIF" "$flat_label" "$flat_rows" "$flat_bytes" 0 nothing -- \
        csv2ofx --qif --overwrite --start 2000-01-01 --end 2099-12-31 -x "$helpers/csv2ofx_invoice_lines.py" "$flat" "$work/lines.qif"
    fi
    if [ -n "$have_hledger" ]; then
      measure "hledger print (rules)" "$flat_label" "$flat_rows" "$flat_bytes" 0 nothing -- \
        hledger -f "$flat" --rules-file "$helpers/invoice_lines.rules" print -o "$work/lines.journal"
    fi
  done
done

{
  printf 'rac2qb benchmark, %s, %s cores, %s, best of %s runs under nice -n %s\n\n' \
    "$(date -u +%F)" "$(nproc)" "$(uname -srm)" "$repeat" "$niceness"
  printf '%s\n|---|---|---:|---:|---:|---:|---:|---:|\n' "$header"
  printf '%s\n' "${rows_out[@]}"
} >"$table"
note "table written to $table"
