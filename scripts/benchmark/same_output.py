"""Compares two rac2qb output folders file by file, byte for byte, but for the run's own start
time in the report header (the only thing two runs of one export may differ in).

Usage: python3 same_output.py FOLDER_A FOLDER_B
Prints "identical (N files)" and exits 0, or names the first difference and exits 1.
"""
import os
import re
import sys

START_TIME = [re.compile(rb'"started_at":"[^"]*"'), re.compile(rb"<th>Run</th><td>[^<]*</td>")]


def files(folder):
    found = {}
    for root, _, names in os.walk(folder):
        for name in names:
            path = os.path.join(root, name)
            found[os.path.relpath(path, folder)] = path
    return found


def normalized(path):
    with open(path, "rb") as handle:
        data = handle.read()
    for pattern in START_TIME:
        data = pattern.sub(b"", data)
    return data


def main():
    a, b = files(sys.argv[1]), files(sys.argv[2])
    if sorted(a) != sorted(b):
        print("different files: " + ", ".join(sorted(set(a) ^ set(b))))
        return 1
    for name in sorted(a):
        if normalized(a[name]) != normalized(b[name]):
            print("differs: " + name)
            return 1
    print("identical (%d files)" % len(a))
    return 0


if __name__ == "__main__":
    sys.exit(main())
