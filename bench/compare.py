#!/usr/bin/env python3
"""Groups the same Parquet file by (subscriptionType, month) with count and sum of licences, in
Partner Lens, DuckDB and pandas, and prints each one's wall time and peak memory.

    python3 bench/compare.py FILE.parquet [PARTNER_LENS_BINARY]

Each tool runs in its own process, three times; the best time and the highest peak are shown.
DuckDB, pandas and pyarrow come from PyPI into a private virtual environment.
"""
import os
import subprocess
import sys
import tempfile
import venv

RUNS = 3

CHILD = r"""
import resource, subprocess, sys, time
t = time.perf_counter()
r = subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
wall = time.perf_counter() - t
if r.returncode != 0:
    sys.stderr.write(r.stderr.decode()); sys.exit(1)
print(wall, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)
"""

DUCKDB = """
import duckdb, sys
duckdb.sql(f"select subscriptionType, date_trunc('month', creationDate) as month, count(*) as n, sum(licenseCount) as licences "
           f"from read_parquet('{sys.argv[1]}') group by all order by all").write_csv(sys.argv[2])
"""

PANDAS = """
import pandas as pd, sys
df = pd.read_parquet(sys.argv[1], columns=["subscriptionType", "creationDate", "licenseCount"])
g = df.groupby([df["subscriptionType"], df["creationDate"].dt.to_period("M")], dropna=False)
g["licenseCount"].agg(["count", "sum"]).to_csv(sys.argv[2])
"""


def env_python():
    where = os.path.join(tempfile.gettempdir(), "partner-lens-bench-venv")
    py = os.path.join(where, "bin", "python")
    if not os.path.exists(py):
        venv.create(where, with_pip=True)
    subprocess.run([py, "-m", "pip", "install", "-q", "duckdb", "pandas", "pyarrow", "requests"], check=True)
    return py


def measure(cmd):
    best, peak = None, 0
    for _ in range(RUNS):
        out = subprocess.run([sys.executable, "-c", CHILD, *cmd], capture_output=True, text=True)
        if out.returncode != 0:
            raise SystemExit(f"{cmd[0]} failed:\n{out.stderr}")
        wall, rss_kb = out.stdout.split()
        best = float(wall) if best is None else min(best, float(wall))
        peak = max(peak, int(rss_kb))
    return best, peak / 1024


def main():
    if len(sys.argv) < 2:
        raise SystemExit(__doc__)
    data = os.path.abspath(sys.argv[1])
    lens = sys.argv[2] if len(sys.argv) > 2 else "target/release/partner-lens"
    py = env_python()
    out = tempfile.mkdtemp()
    with open(os.path.join(out, "duck.py"), "w") as f:
        f.write(DUCKDB)
    with open(os.path.join(out, "pandas_job.py"), "w") as f:
        f.write(PANDAS)
    size = os.path.getsize(data) / 2**20
    print(f"file: {data} ({size:.0f} MiB on disk)")
    jobs = [
        ("Partner Lens", [lens, "aggregate", "--input", data, "--group-by", "subscriptionType", "--date", "creationDate",
                          "--by", "month", "--metric", "count", "--metric", "sum:licenseCount", "--out", os.path.join(out, "lens.csv")]),
        ("DuckDB", [py, os.path.join(out, "duck.py"), data, os.path.join(out, "duck.csv")]),
        ("pandas", [py, os.path.join(out, "pandas_job.py"), data, os.path.join(out, "pandas.csv")]),
    ]
    print(f"{'tool':<14}{'best of 3':>12}{'peak memory':>16}")
    for name, cmd in jobs:
        wall, peak = measure(cmd)
        print(f"{name:<14}{wall:>10.2f} s{peak:>12.0f} MiB")


if __name__ == "__main__":
    main()
