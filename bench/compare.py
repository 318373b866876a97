#!/usr/bin/env python3
"""Groups the same file by (subscriptionType, month of creationDate) with a count and the sum
of licenseCount in Partner Lens, DuckDB and pandas, checks the three answers are equal, and
prints each one's median wall time and peak memory.

    python3 bench/compare.py FILE.parquet|FILE.csv [PARTNER_LENS_BINARY] [RUNS]

Each tool runs in its own process; the tools take turns (one run of each, RUNS times, 7 by
default) so a busy moment on the machine falls on all of them alike. Peak memory is the
kernel's count for each process (getrusage of the child). The files to compare on are made by
make_data.py with DuckDB and pyarrow, not by Partner Lens. DuckDB, pandas, pyarrow and
requests come from PyPI into a private virtual environment.
"""
import csv
import os
import statistics
import subprocess
import sys
import tempfile
import venv

CHILD = r"""
import resource, subprocess, sys, time
t = time.perf_counter()
r = subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
wall = time.perf_counter() - t
if r.returncode != 0:
    sys.stderr.write(r.stderr.decode()); sys.exit(1)
print(wall, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)
"""

# Each writes type, month (YYYY-MM), count and sum, one line per group.
DUCKDB = """
import duckdb, sys
src = sys.argv[1]
read = f"read_parquet('{src}')" if src.endswith(".parquet") else f"read_csv('{src}')"
duckdb.sql(f"select subscriptionType, strftime(date_trunc('month', creationDate), '%Y-%m') as month, "
           f"count(*) as n, sum(licenseCount) as licences from {read} group by all order by all").write_csv(sys.argv[2])
"""

PANDAS = """
import pandas as pd, sys
src, cols = sys.argv[1], ["subscriptionType", "creationDate", "licenseCount"]
if src.endswith(".parquet"):
    df = pd.read_parquet(src, columns=cols)
else:
    df = pd.read_csv(src, usecols=cols, parse_dates=["creationDate"])
g = df.groupby([df["subscriptionType"], df["creationDate"].dt.strftime("%Y-%m")], dropna=False)
g["licenseCount"].agg(["count", "sum"]).to_csv(sys.argv[2])
"""


def env_python():
    where = os.path.join(tempfile.gettempdir(), "partner-lens-bench-venv")
    py = os.path.join(where, "bin", "python")
    if not os.path.exists(py):
        venv.create(where, with_pip=True)
    subprocess.run([py, "-m", "pip", "install", "-q", "duckdb", "pandas", "pyarrow", "requests"], check=True)
    return py


def once(cmd):
    out = subprocess.run([sys.executable, "-c", CHILD, *cmd], capture_output=True, text=True)
    if out.returncode != 0:
        raise SystemExit(f"{cmd[0]} failed:\n{out.stderr}")
    wall, rss_kb = out.stdout.split()
    return float(wall), int(rss_kb) / 1024


def answer(path):
    """The groups of an answer file as {(type, month): (count, sum)}, whatever its column order."""
    with open(path, newline="", encoding="utf-8-sig") as f:
        rows = list(csv.reader(f))
    head = rows[0]
    month = next(i for i, h in enumerate(head) if h in ("month", "creationDate"))
    kind = head.index("subscriptionType")
    rest = [i for i in range(len(head)) if i not in (month, kind)]
    return {(r[kind], r[month][:7]): tuple(int(float(r[i])) for i in rest) for r in rows[1:]}


def main():
    if len(sys.argv) < 2:
        raise SystemExit(__doc__)
    data = os.path.abspath(sys.argv[1])
    lens = sys.argv[2] if len(sys.argv) > 2 else "target/release/partner-lens"
    runs = int(sys.argv[3]) if len(sys.argv) > 3 else 7
    py = env_python()
    out = tempfile.mkdtemp()
    for name, code in (("duck.py", DUCKDB), ("pandas_job.py", PANDAS)):
        with open(os.path.join(out, name), "w") as f:
            f.write(code)
    size = os.path.getsize(data) / 2**20
    print(f"file: {data} ({size:.0f} MiB on disk), group by subscriptionType and month: count, sum of licenseCount")
    jobs = [
        ("Partner Lens", "lens.csv", [lens, "aggregate", "--input", data, "--group-by", "subscriptionType", "--date", "creationDate",
                                      "--by", "month", "--metric", "count", "--metric", "sum:licenseCount"]),
        ("DuckDB", "duck.csv", [py, os.path.join(out, "duck.py"), data]),
        ("pandas", "pandas.csv", [py, os.path.join(out, "pandas_job.py"), data]),
    ]
    times = {name: [] for name, _, _ in jobs}
    peaks = {name: [] for name, _, _ in jobs}
    for _ in range(runs):
        for name, result, cmd in jobs:
            path = os.path.join(out, result)
            wall, peak = once(cmd + (["--out", path] if name == "Partner Lens" else [path]))
            times[name].append(wall)
            peaks[name].append(peak)
    answers = {name: answer(os.path.join(out, result)) for name, result, _ in jobs}
    same = answers["Partner Lens"] == answers["DuckDB"] == answers["pandas"]
    print(f"{'tool':<14}{f'median of {runs}':>14}{'peak memory':>14}")
    duck_t, duck_m = statistics.median(times["DuckDB"]), statistics.median(peaks["DuckDB"])
    for name, _, _ in jobs:
        t, m = statistics.median(times[name]), statistics.median(peaks[name])
        print(f"{name:<14}{t:>12.2f} s{m:>10.0f} MiB   {t / duck_t:>5.2f}x DuckDB's time, {m / duck_m:>5.2f}x its memory")
    print(f"answers equal: {'yes' if same else 'NO'} ({len(answers['DuckDB'])} groups)")
    if not same:
        for name in ("Partner Lens", "pandas"):
            diff = set(answers[name].items()) ^ set(answers["DuckDB"].items())
            print(f"  {name} differs from DuckDB in {len(diff)} groups, e.g. {sorted(diff)[:3]}")
        raise SystemExit(1)


if __name__ == "__main__":
    main()
