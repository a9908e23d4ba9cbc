# Sourced by the benchmark scripts: the release binaries and a generated export.
#   release_binaries         sets $bin: RAC2QB_BIN, else .build/release after a release build of rac2qb and rac2qb-gen
#   generated_export N WORK  sets $export_folder: WORK/export-N, N invoices in JSONL (generated once, then reused)
release_binaries() {
  if [ -z "${RAC2QB_BIN:-}" ]; then
    swift build -c release --product rac2qb >&2
    swift build -c release --product rac2qb-gen >&2
    bin=.build/release
  else
    bin=$RAC2QB_BIN
  fi
  bin=$(cd "$bin" && pwd)
}

generated_export() {
  export_folder=$2/export-$1
  if [ ! -f "$export_folder/done" ]; then
    rm -rf "$export_folder"
    "$bin/rac2qb-gen" "$1" "$export_folder" jsonl >&2
    touch "$export_folder/done"
  fi
}
