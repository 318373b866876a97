#!/usr/bin/env python3
"""Where the bytes of a binary go: its sections, and its code and data by crate.

    python3 bench/sizes.py BINARY [TOP]

The binary must still have its symbol table (build with CARGO_PROFILE_RELEASE_STRIP=false);
the app ships stripped, so the section sizes of a stripped copy are printed too. A symbol is
counted to the crate that names it first (`polars_core::…`, `<tauri::… as …>` → tauri);
generic code instantiated for a crate's types is counted where its name puts it, as
cargo-bloat does. What no symbol covers (tables, padding) is listed as such.
"""
import collections
import re
import shutil
import subprocess
import sys
import tempfile


def sections(path):
    out = subprocess.run(["readelf", "-SW", path], capture_output=True, text=True, check=True).stdout
    sizes = {}
    for line in out.splitlines():
        m = re.match(r"\s*\[\s*\d+\]\s+(\S+)\s+\S+\s+[0-9a-f]+\s+[0-9a-f]+\s+([0-9a-f]+)", line)
        if m and m.group(1) != "NULL":
            sizes[m.group(1)] = int(m.group(2), 16)
    return sizes


def crate_of(name):
    name = name.lstrip("<&*_ ")
    name = re.sub(r"^(mut |dyn |const )+", "", name)
    if name.startswith("impl "):
        name = name[5:]
    m = re.match(r"([A-Za-z_][A-Za-z0-9_]*)::", name)
    if m:
        return m.group(1)
    if name.startswith("["):
        return "core (slices)"
    return "(C and unnamed)"


def by_crate(path):
    out = subprocess.run(["nm", "-S", "-C", "--size-sort", path], capture_output=True, text=True).stdout
    sizes = collections.Counter()
    for line in out.splitlines():
        parts = line.split(" ", 3)
        if len(parts) < 4 or parts[2] not in "tTrRdDbBvVwW":
            continue
        size = int(parts[1], 16)
        sizes[crate_of(parts[3])] += size
    return sizes


def mib(n):
    return n / (1024 * 1024)


def main():
    path = sys.argv[1]
    top = int(sys.argv[2]) if len(sys.argv) > 2 else 25
    import os
    total = os.path.getsize(path)
    with tempfile.TemporaryDirectory() as d:
        stripped = os.path.join(d, "stripped")
        shutil.copy(path, stripped)
        subprocess.run(["strip", stripped], check=True)
        stripped_size = os.path.getsize(stripped)
        secs = sections(stripped)
    print(f"{path}: {mib(total):.1f} MiB as built, {mib(stripped_size):.1f} MiB stripped")
    print("sections (stripped):")
    for name, size in sorted(secs.items(), key=lambda kv: -kv[1])[:10]:
        print(f"  {name:<22} {mib(size):8.1f} MiB")
    crates = by_crate(path)
    counted = sum(crates.values())
    if counted == 0:
        print("no symbol table: build with CARGO_PROFILE_RELEASE_STRIP=false to see crates")
        return
    print(f"code and data by crate ({mib(counted):.1f} MiB in symbols):")
    groups = collections.Counter()
    for crate, size in crates.items():
        family = crate.split("_")[0] if crate.startswith(("polars", "tauri", "lens", "zbus", "gtk", "webkit")) else crate
        groups[family] += size
    for crate, size in crates.most_common(top):
        print(f"  {crate:<28} {mib(size):8.2f} MiB  {100 * size / counted:5.1f}%")
    print("by family (polars_*, tauri_*, lens_* together):")
    for fam, size in groups.most_common(12):
        print(f"  {fam:<28} {mib(size):8.2f} MiB  {100 * size / counted:5.1f}%")


if __name__ == "__main__":
    main()
