#!/usr/bin/env bash
# Benchmarks a release `rac2qb convert` on generated exports (invoices with
# their payments and payouts, JSONL and CSV) side by side with the floor (a
# plain read of the same files), a plain Python script writing the same three
# formats (scripts/benchmark/plain_convert.py), csv2ofx (CSV -> QIF) and
# hledger (CSV import with a rules file, printed as a journal) on the same
# invoice-line rows, and counts the instructions of a 10,000-invoice convert
# under callgrind. Prints the tables and writes them to a file.
#
# Usage: scripts/benchmark.sh [--full] [--sizes N,N,...] [--formats jsonl,csv]
#                             [--repeat R] [--callgrind N] [--table FILE] [--work DIR]
#   --full      adds 1,000,000 invoices to the sizes (default sizes: 10000,100000)
#   --callgrind invoices of the export whose convert is counted by callgrind, one per format
#               (default 10000; 0 skips it)
#   --repeat    runs of each measurement; the table keeps the fastest (default 3)
#               and the highest peak RSS
#   --table     where the table is written (default: .build/benchmark/results.md)
#   --work      where exports and outputs go (default: .build/benchmark; exports are reused;
#               every run's figures are appended to runs.log there)
# Every build and measured command runs under `nice -n ${BENCH_NICE:-15}`. The whole export is
# converted with two cores (the default) and with one (RAC2QB_THREADS=1), and the two outputs are
# compared byte for byte but for the run's start time (scripts/benchmark/same_output.py).
# Every export has one customer per four invoices (`rac2qb-gen --customers`), as a shop's
# history has; the input column says how many distinct customers its invoices name, and a
# second table gives, per tool, the peak RSS of the smallest and the largest size and the
# bytes of peak RSS each further distinct customer cost between them.
# Wall and CPU times move with whatever else runs on the machine; instruction counts do not:
# callgrind runs a 10,000-invoice convert (one thread, ledger off) on a copy of rac2qb without
# its debug info (valgrind 3.19 cannot read the DWARF 5 that Swift writes) and a third table
# gives its instructions (Ir), the same from run to run within a fraction of a percent.
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
callgrind=10000
work=$root/.build/benchmark
table=
while [ $# -gt 0 ]; do
  case $1 in
    --full) sizes="$sizes,1000000" ;;
    --sizes) sizes=$2; shift ;;
    --formats) formats=$2; shift ;;
    --repeat) repeat=$2; shift ;;
    --callgrind) callgrind=$2; shift ;;
    --table) table=$2; shift ;;
    --work) work=$2; shift ;;
    *) echo "usage: $0 [--full] [--sizes N,N,...] [--formats jsonl,csv] [--repeat R] [--callgrind N] [--table FILE] [--work DIR]" >&2; exit 2 ;;
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
have_valgrind=yes
if [ "$callgrind" -gt 0 ] && ! command -v valgrind >/dev/null; then
  note "installing valgrind (apt-get install -y valgrind)"
  { apt-get install -y valgrind || { apt-get update && apt-get install -y valgrind; }; } >/dev/null 2>&1 || true
  command -v valgrind >/dev/null || { have_valgrind=; note "valgrind could not be installed (offline, or not root?): skipping the instruction counts"; }
fi

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
# user + system) and the highest peak RSS, which it also leaves in $peak_kb.
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
      peak_kb=
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
  peak_kb=$rss
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
grouped() { sed ':a;s/\B[0-9]\{3\}\>/,&/;ta' <<<"$1"; }
megabytes() { awk -v b="$1" 'BEGIN { printf "%.0f MB", b / 1e6 }'; }

# generated FORMAT COUNT: the export folder (one customer per four invoices), generated once per work folder.
generated() {
  local customers=$(($2 / 4 > 0 ? $2 / 4 : 1))
  local folder=$work/export-$1-$2-$customers
  if [ ! -f "$folder/done" ]; then
    rm -rf "$folder"
    note "generating $2 invoices of $customers customers as $1"
    nice -n "$niceness" "$bin/rac2qb-gen" "$2" "$folder" "$1" --customers "$customers" >&2
    touch "$folder/done"
  fi
  echo "$folder"
}
# distinct_customers FILE: how many distinct customer ids (cust-N) the invoices name.
distinct_customers() { grep -o 'cust-[0-9]*' "$1" | sort -u | wc -l; }

# Peak RSS by tool and input kind, at the smallest and the largest size measured:
# memory "KEY" keeps its order, memory_first/memory_last hold "customers kilobytes".
memory_keys=()
declare -A memory_first memory_last memory_sizes
remember_memory() {
  local key="$1 | $2" customers=$3 count=$4
  [ -n "$peak_kb" ] || return 0
  if [ -z "${memory_first[$key]:-}" ]; then
    memory_keys+=("$key")
    memory_first[$key]="$customers $peak_kb"
    memory_sizes[$key]=$count
  else
    memory_last[$key]="$customers $peak_kb"
    memory_sizes[$key]="${memory_sizes[$key]%% *} $count"
  fi
}

for count in ${sizes//,/ }; do
  for format in ${formats//,/ }; do
    export=$(generated "$format" "$count")
    files=("$export/invoices.$format" "$export/payments.$format" "$export/payouts.$format")
    bytes=$(size_of "${files[@]}")
    if [ "$format" = csv ]; then lines=$(csv_rows "$export/invoices.csv"); else lines=$(grep -o '{"item": ' "$export/invoices.jsonl" | wc -l); fi
    customers=$(distinct_customers "$export/invoices.$format")
    label="$count $format ($(megabytes "$bytes"), $customers customers)"
    cat "${files[@]}" >/dev/null
    measure "cat (floor)" "$label" "$lines" "$bytes" 0 nothing -- sh -c 'cat "$@" >/dev/null' sh "${files[@]}"
    measure "wc -l (floor)" "$label" "$lines" "$bytes" 0 nothing -- wc -l "${files[@]}"
    convert=("$bin/rac2qb" convert --config "$export/rac2qb.yml" --formats iif,qbo-csv,qbxml --quiet --out "$work/out")
    measure "rac2qb, ledger off" "$label" "$lines" "$bytes" "0 1" fresh_output -- "${convert[@]}" --no-ledger "$export"
    remember_memory "rac2qb, ledger off" "$format" "$customers" "$count"
    rm -rf "$work/out-two-cores" && mv "$work/out" "$work/out-two-cores"
    measure "rac2qb, ledger off, one thread" "$label" "$lines" "$bytes" "0 1" fresh_output -- env RAC2QB_THREADS=1 "${convert[@]}" --no-ledger "$export"
    remember_memory "rac2qb, ledger off, one thread" "$format" "$customers" "$count"
    if [ -n "$have_python" ]; then
      same=$(python3 "$helpers/same_output.py" "$work/out-two-cores" "$work/out") || note "two cores and one thread differ on $label: $same"
      emit "| two cores vs one thread: output | $label | | $same | | | | |"
    fi
    measure "rac2qb, ledger on" "$label" "$lines" "$bytes" "0 1" fresh_output -- "${convert[@]}" --ledger "$work/ledger.sqlite" "$export"
    remember_memory "rac2qb, ledger on" "$format" "$customers" "$count"
    [ "$format" = csv ] || continue

    invoices=$export/invoices.csv
    invoice_bytes=$(size_of "$invoices")
    only="$count invoices.csv only ($(megabytes "$invoice_bytes"), $customers customers)"
    measure "rac2qb, ledger off" "$only" "$lines" "$invoice_bytes" "0 1" fresh_output -- "${convert[@]}" --no-ledger "$invoices"
    remember_memory "rac2qb, ledger off" "invoices.csv only" "$customers" "$count"
    [ -n "$have_python" ] || continue
    measure "plain Python script" "$only" "$lines" "$invoice_bytes" 0 fresh_output -- python3 "$helpers/plain_convert.py" "$invoices" "$work/out"
    remember_memory "plain Python script" "invoices.csv only" "$customers" "$count"

    flat=$export/invoice-lines.csv
    [ -f "$flat" ] || nice -n "$niceness" python3 "$helpers/invoice_lines.py" "$invoices" "$flat"
    flat_rows=$(csv_rows "$flat")
    flat_label="$count invoice-lines.csv ($(megabytes "$(size_of "$flat")"))"
    flat_bytes=$(size_of "$flat")
    if [ -n "$have_csv2ofx" ]; then
      measure "csv2ofx -> QIF" "$flat_label" "$flat_rows" "$flat_bytes" 0 nothing -- \
        csv2ofx --qif --overwrite --start 2000-01-01 --end 2099-12-31 -x "$helpers/csv2ofx_invoice_lines.py" "$flat" "$work/lines.qif"
      remember_memory "csv2ofx -> QIF" "invoice-lines.csv" "$customers" "$count"
    fi
    if [ -n "$have_hledger" ]; then
      measure "hledger print (rules)" "$flat_label" "$flat_rows" "$flat_bytes" 0 nothing -- \
        hledger -f "$flat" --rules-file "$helpers/invoice_lines.rules" print -o "$work/lines.journal"
      remember_memory "hledger print (rules)" "invoice-lines.csv" "$customers" "$count"
    fi
  done
done

# Peak RSS against distinct customers: smallest size, largest size, their ratio, and the
# bytes of peak RSS per further distinct customer ((RSS large - RSS small) / (customers large - customers small)).
memory_header='| tool | input | invoices | distinct customers | peak RSS MB | RSS ratio | bytes of peak RSS per further customer |'
memory_rows=()
for key in "${memory_keys[@]}"; do
  [ -n "${memory_last[$key]:-}" ] || continue
  memory_rows+=("$(awk -v key="$key" -v sizes="${memory_sizes[$key]}" -v first="${memory_first[$key]}" -v last="${memory_last[$key]}" 'BEGIN {
    split(key, k, " [|] "); split(sizes, n, " "); split(first, a, " "); split(last, b, " ")
    per = b[1] > a[1] ? sprintf("%.0f", (b[2] - a[2]) * 1024 / (b[1] - a[1])) : "n/a"
    printf "| %s | %s | %d → %d | %d → %d | %.0f → %.0f | %.2f× | %s |", k[1], k[2], n[1], n[2], a[1], b[1], a[2] / 1024, b[2] / 1024, b[2] / a[2], per }')")
done
if ((${#memory_rows[@]})); then
  printf '\n%s\n|---|---|---:|---:|---:|---:|---:|\n' "$memory_header"
  printf '%s\n' "${memory_rows[@]}"
fi

# Instructions of one convert under callgrind: one thread, ledger off, all three formats and the report.
callgrind_header='| tool | input | instructions (callgrind Ir) | valgrind seconds |'
callgrind_rows=()
if [ "$callgrind" -gt 0 ] && [ -n "$have_valgrind" ]; then
  objcopy --strip-debug "$bin/rac2qb" "$work/rac2qb-for-valgrind"
  for format in ${formats//,/ }; do
    export=$(generated "$format" "$callgrind")
    customers=$(distinct_customers "$export/invoices.$format")
    label="$callgrind $format ($(megabytes "$(size_of "$export/invoices.$format" "$export/payments.$format" "$export/payouts.$format")"), $customers customers)"
    note "counting the instructions of rac2qb on $label (callgrind: a few minutes)"
    fresh_output
    status=0
    start=$(date +%s)
    RAC2QB_THREADS=1 nice -n "$niceness" valgrind --tool=callgrind --callgrind-out-file="$work/callgrind.out" \
      "$work/rac2qb-for-valgrind" convert --config "$export/rac2qb.yml" --formats iif,qbo-csv,qbxml --quiet --out "$work/out" \
      --no-ledger "$export" >"$work/stdout" 2>"$work/stderr" || status=$?
    if [ "$status" -gt 1 ]; then
      note "callgrind of rac2qb on $label exited $status"; tail -n 5 "$work/stderr" >&2
      callgrind_rows+=("| rac2qb, ledger off, one thread | $label | failed (exit $status) | |")
      continue
    fi
    instructions=$(awk '/^summary:/ { print $2 }' "$work/callgrind.out")
    callgrind_rows+=("| rac2qb, ledger off, one thread | $label | $(grouped "$instructions") | $(($(date +%s) - start)) |")
    printf '%s\n' "${callgrind_rows[-1]}"
  done
  if ((${#callgrind_rows[@]})); then
    printf '\n%s\n|---|---|---:|---:|\n' "$callgrind_header"
    printf '%s\n' "${callgrind_rows[@]}"
  fi
fi

{
  printf 'rac2qb benchmark, %s, %s cores, %s, best of %s runs under nice -n %s\n\n' \
    "$(date -u +%F)" "$(nproc)" "$(uname -srm)" "$repeat" "$niceness"
  printf '%s\n|---|---|---:|---:|---:|---:|---:|---:|\n' "$header"
  printf '%s\n' "${rows_out[@]}"
  if ((${#memory_rows[@]})); then
    printf '\n%s\n|---|---|---:|---:|---:|---:|---:|\n' "$memory_header"
    printf '%s\n' "${memory_rows[@]}"
  fi
  if ((${#callgrind_rows[@]})); then
    printf '\n%s\n|---|---|---:|---:|\n' "$callgrind_header"
    printf '%s\n' "${callgrind_rows[@]}"
  fi
} >"$table"
note "table written to $table"
