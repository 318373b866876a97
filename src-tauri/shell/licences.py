#!/usr/bin/env python3
"""Writes licences.json: every open-source component inside the shipped app (the Rust crates the
partner-lens binary links on this platform, and the npm packages the window's bundle is built
from, without build and test tools) with its version and licence. Run by `./dev licences`;
`./dev test` fails when the committed list is out of date."""

import json
import os
import subprocess
import sys

here = os.path.dirname(os.path.abspath(__file__))
root = os.path.abspath(os.path.join(here, "..", ".."))


def rust():
    meta = json.loads(subprocess.check_output(
        ["cargo", "metadata", "--format-version", "1", "--locked", "--filter-platform", "x86_64-unknown-linux-gnu"],
        cwd=root))
    packages = {p["id"]: p for p in meta["packages"]}
    nodes = {n["id"]: n for n in meta["resolve"]["nodes"]}
    app = next(p["id"] for p in meta["packages"] if p["name"] == "partner-lens")
    seen, todo = set(), [app]
    while todo:
        pid = todo.pop()
        if pid in seen:
            continue
        seen.add(pid)
        for dep in nodes[pid]["deps"]:
            # Only what ends up in the binary: normal dependencies, not build scripts or tests.
            if any(k["kind"] is None for k in dep["dep_kinds"]):
                todo.append(dep["pkg"])
    out = []
    for pid in seen:
        p = packages[pid]
        if p["source"] is None:
            continue  # our own crates
        out.append({"name": p["name"], "version": p["version"], "licence": p.get("license") or "see the crate"})
    return out


def npm():
    lock = json.load(open(os.path.join(root, "ui", "package-lock.json")))
    out = []
    for path, p in lock.get("packages", {}).items():
        if not path or p.get("dev") or p.get("devOptional"):
            continue
        name = path.split("node_modules/")[-1]
        out.append({"name": name, "version": p.get("version", ""), "licence": p.get("license") or "see the package"})
    return out


def main():
    items = sorted(rust() + npm(), key=lambda e: (e["name"].lower(), e["version"]))
    text = json.dumps(items, indent=0, ensure_ascii=False) + "\n"
    target = os.path.join(here, "licences.json")
    if "--check" in sys.argv:
        if open(target, encoding="utf-8").read() != text:
            sys.exit("licences.json is out of date: run ./dev licences")
        print(f"licences.json lists all {len(items)} components.")
        return
    open(target, "w", encoding="utf-8").write(text)
    print(f"Wrote {len(items)} components to {target}")


main()
