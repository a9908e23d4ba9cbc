#!/usr/bin/env bash
# Measures how the HTML report of a large run fares in a real browser:
# its size, and the time headless Chromium takes to open it and draw the
# first screen, unfiltered and filtered to the failed rows.
# Usage: scripts/measure-report.sh [COUNT]   (default: 100000 invoices)
set -euo pipefail
cd "$(dirname "$0")/.."
count=${1:-100000}
swift build -c release --product rac2qb >/dev/null
swift build -c release --product rac2qb-gen >/dev/null
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
.build/release/rac2qb-gen "$count" "$work/export" json >/dev/null
.build/release/rac2qb convert "$work/export" --out "$work/out" --quiet >/dev/null || true
page="$work/out/report/index.html"
rows=$(grep -c '<tr class="r ' "$page")
printf 'rows %s, index.html %s MB\n' "$rows" "$(du -m "$page" | cut -f1)"
for fragment in "" "#show-all-Failed"; do
  /usr/bin/time -f '%e' -o "$work/time" chromium --headless --no-sandbox --disable-gpu --hide-scrollbars \
    --user-data-dir="$work/profile" --window-size=1280,1600 --screenshot="$work/page.png" "file://$page$fragment" >/dev/null 2>&1
  printf 'chromium, first screen%s: %s s\n' "${fragment:+ ($fragment)}" "$(cat "$work/time")"
done
