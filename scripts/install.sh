#!/usr/bin/env bash
# Builds rac2qb for release and copies it onto PATH, in one step:
#
#   scripts/install.sh            # into /usr/local/bin when it can write there, else ~/.local/bin
#   scripts/install.sh PREFIX     # into PREFIX/bin (e.g. scripts/install.sh ~/.local)
#
# Needs the Swift 6 toolchain and libxml2 and SQLite with their headers (README, Install).
# On Linux the Swift runtime is linked into the binary (--static-swift-stdlib): the
# installed rac2qb runs on a machine without the toolchain (libxml2 and SQLite, which
# the system provides, stay shared). The build goes to .build-install/ in the clone,
# apart from .build/, so that it never waits for (or disturbs) a `swift build` or
# `swift test` running there.
set -euo pipefail
cd "$(dirname "$0")/.."

if [ $# -gt 1 ]; then
  echo "usage: scripts/install.sh [PREFIX]   (rac2qb goes into PREFIX/bin)" >&2
  exit 2
fi
if [ $# -eq 1 ]; then
  prefix=$1
elif [ -w /usr/local/bin ]; then
  prefix=/usr/local
else
  prefix="$HOME/.local"
fi

flags=(-c release --product rac2qb --scratch-path .build-install)
[ "$(uname -s)" = Linux ] && flags+=(--static-swift-stdlib)

echo "building rac2qb (release; a few minutes the first time)..."
swift build "${flags[@]}"
binary="$(swift build "${flags[@]}" --show-bin-path)/rac2qb"

mkdir -p "$prefix/bin"
install -m 755 "$binary" "$prefix/bin/rac2qb"
echo "installed $prefix/bin/rac2qb ($("$prefix/bin/rac2qb" --version))"
case ":$PATH:" in
  *":$prefix/bin:"*) ;;
  *) echo "note: $prefix/bin is not on your PATH; add it (e.g. export PATH=\"$prefix/bin:\$PATH\" in ~/.profile) or run $prefix/bin/rac2qb" ;;
esac
