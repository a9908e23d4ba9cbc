#!/usr/bin/env bash
# The desk's review grid on a large export (issue 21, Must show 3): generates an export of N invoices
# (default 100,000), starts `rac2qb serve`, uploads it, checks it, then
#   - opens the export's page in a headless Chromium and times until the grid's first page shows (best of 3);
#   - pages through the grid over HTTP and reads the server's resident memory before and after.
# Usage: scripts/benchmark-desk.sh [INVOICES] [WORK_FOLDER]   (release build; RAC2QB_BIN=folder to use another build)
set -euo pipefail
cd "$(dirname "$0")/.."
count=${1:-100000}
work=${2:-$(mktemp -d)}
mkdir -p "$work"
source scripts/benchmark/release_export.sh
release_binaries
generated_export "$count" "$work"
(cd "$export_folder" && rm -f ../export.zip && zip -q ../export.zip invoices.jsonl payments.jsonl payouts.jsonl)
sed 's/^ledger:.*/ledger: ledger.sqlite/' samples/rac2qb.yml | sed 's/^  closing_date:.*/  closing_date:/' > "$work/rac2qb.yml"
rm -rf "$work/rac2qb-desk" "$work/ledger.sqlite"
"$bin/rac2qb" serve --config "$work/rac2qb.yml" --port 0 > "$work/serve.out" 2>/dev/null &
server=$!
trap 'kill $server 2>/dev/null || true' EXIT
for _ in $(seq 50); do [ -s "$work/serve.out" ] && break; sleep 0.2; done
url=$(head -1 "$work/serve.out" | sed 's/^rac2qb desk: //')
base=${url%%/?token=*}
jar=$work/cookies
curl -s -c "$jar" -o /dev/null "$url"
csrf=$(curl -s -b "$jar" "$base/api/session" | python3 -c 'import json,sys; print(json.load(sys.stdin)["csrf"])')
post() { curl -s -b "$jar" -H "Origin: $base" -H "X-CSRF-Token: $csrf" "$@"; }
rss() { awk '/VmRSS/ {print $2}' /proc/$server/status; }
echo "export: $count invoices, $(du -m "$work/export.zip" | cut -f1) MB zipped" >&2
post -H "Content-Type: application/zip" --data-binary "@$work/export.zip" "$base/api/exports" > "$work/upload.json"
id=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["id"])' "$work/upload.json")
start=$(date +%s.%N)
job=$(post -X POST "$base/api/exports/$id/check" | python3 -c 'import json,sys; print(json.load(sys.stdin)["job"])')
while curl -s -b "$jar" "$base/api/jobs/$job" | grep -q '"state":"running"'; do sleep 1; done
echo "check: $(echo "$(date +%s.%N) - $start" | bc) s; server RSS after the check $(( $(rss) / 1024 )) MB" >&2
python3 - "$url" "$base" "$id" <<'PY'
import shutil, sys, time
from selenium import webdriver
from selenium.webdriver.chrome.options import Options
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import WebDriverWait
url, base, export = sys.argv[1:4]
options = Options()
for flag in ["--headless=new", "--no-sandbox", "--disable-gpu", "--window-size=1280,1000"]:
    options.add_argument(flag)
options.binary_location = shutil.which("chromium")
driver = webdriver.Chrome(service=Service(shutil.which("chromedriver")), options=options)
driver.get(url)
times = []
for _ in range(3):
    began = time.perf_counter()
    driver.get(f"{base}/exports/{export}")
    WebDriverWait(driver, 60).until(lambda d: len(d.find_elements(By.CSS_SELECTOR, "table.grid tbody tr")) >= 50)
    times.append(time.perf_counter() - began)
driver.quit()
print(f"grid's first page in the browser: best {min(times):.3f} s of {', '.join(f'{t:.3f}' for t in times)}", file=sys.stderr)
PY
before=$(rss)
total=$(curl -s -b "$jar" "$base/api/exports/$id/rows?per_page=50" | python3 -c 'import json,sys; print(json.load(sys.stdin)["total"])')
pages=$(( (total + 49) / 50 ))
step=$(( pages / 200 > 0 ? pages / 200 : 1 ))
began=$(date +%s.%N)
visited=0
for page in $(seq 1 "$step" "$pages"); do
  curl -s -b "$jar" -o /dev/null "$base/api/exports/$id/rows?per_page=50&page=$page"
  visited=$((visited + 1))
done
elapsed=$(echo "$(date +%s.%N) - $began" | bc)
echo "paging: $visited pages of 50 rows spread over all $pages ($total rows) in $elapsed s; server RSS $((before / 1024)) MB before, $(( $(rss) / 1024 )) MB after" >&2
