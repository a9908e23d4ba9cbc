#!/usr/bin/env bash
# Measures peak memory (max RSS) and time of a release `rac2qb convert` on
# generated exports of growing size, to show that memory stays flat.
# Usage: scripts/measure-memory.sh [COUNT ...]   (default: 10000 100000)
set -euo pipefail
cd "$(dirname "$0")/.."
swift build -c release --product rac2qb >/dev/null
swift build -c release --product rac2qb-gen >/dev/null
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
printf '%10s %12s %14s %10s\n' invoices "export MB" "max RSS MB" seconds
for count in "${@:-10000 100000}"; do
  for n in $count; do
    .build/release/rac2qb-gen "$n" "$work/$n" json >/dev/null
    size=$(du -m "$work/$n/invoices.json" | cut -f1)
    /usr/bin/time -f '%M %e' -o "$work/time" .build/release/rac2qb convert "$work/$n" --out "$work/$n/out" --quiet >/dev/null || true
    read -r rss seconds < <(tail -n 1 "$work/time")
    printf '%10s %12s %14s %10s\n' "$n" "$size" "$((rss / 1024))" "$seconds"
    rm -rf "$work/$n"
  done
done
