#!/usr/bin/env python3
"""Writes the files the aggregate bench reads, with other tools than Partner Lens: subscription
rows shaped like the Analytics API's (and an Insights download's), made by DuckDB's SQL.

    python3 bench/make_data.py OUT_DIR [ROWS]      (ROWS: 10,000,000 by default)

OUT_DIR gets
  subscriptions-duckdb.parquet   written by DuckDB (its defaults: snappy, row groups of 122,880)
  subscriptions-pyarrow.parquet  written by pyarrow (its defaults: snappy, row groups of 1 Mi rows)
  subscriptions.csv              written by DuckDB, as an Insights report download looks

Same seed, same rows, every time. DuckDB and pyarrow come from PyPI into the bench's private
virtual environment (see compare.py).
"""
import os
import subprocess
import sys

from compare import env_python

MAKE = r"""
import sys, duckdb, pyarrow.parquet as pq
out, rows = sys.argv[1], int(sys.argv[2])
con = duckdb.connect()
con.execute("set enable_progress_bar = false")
con.execute("select setseed(0.42)")
# Fourteen columns, as the data set has; a question reads three of them.
con.execute(f'''
create table subs as
select
  'sub-' || lpad(i::varchar, 9, '0') as id,
  'tenant-' || (i % 50000)::varchar as customerTenantId,
  'Customer ' || (i % 50000)::varchar as customerName,
  ['US', 'GB', 'DE', 'FR', 'JP', 'IN', 'BR', 'AU'][1 + (i % 8)] as customerMarket,
  ['ACTIVE', 'ACTIVE', 'ACTIVE', 'SUSPENDED', 'DELETED'][1 + (hash(i) % 5)::int] as status,
  ['Microsoft 365 E3', 'Microsoft 365 E5', 'Office 365 E1', 'Dynamics 365 Sales', 'Azure plan'][1 + (hash(i * 7) % 5)::int] as productName,
  ['Paid', 'Paid', 'Trial', 'Free'][1 + (hash(i * 13) % 4)::int] as subscriptionType,
  (hash(i * 17) % 2 = 0) as autoRenewEnabled,
  'partner-' || (i % 40)::varchar as partnerId,
  'Contoso Reseller ' || (i % 40)::varchar as partnerName,
  timestamp '2019-01-01' + to_seconds((hash(i * 31) % (7 * 365 * 86400))::bigint) as creationDate,
  timestamp '2019-01-01' + to_seconds((hash(i * 37) % (7 * 365 * 86400))::bigint) as effectiveStartDate,
  timestamp '2020-01-01' + to_seconds((hash(i * 41) % (7 * 365 * 86400))::bigint) as commitmentEndDate,
  (1 + hash(i * 43) % 300)::bigint as licenseCount
from range({rows}) t(i)
''')
con.execute(f"copy subs to '{out}/subscriptions-duckdb.parquet' (format parquet)")
con.execute(f"copy subs to '{out}/subscriptions.csv' (format csv, header, timestampformat '%Y-%m-%d %H:%M:%S')")
pq.write_table(con.table("subs").to_arrow_table(), f"{out}/subscriptions-pyarrow.parquet")
for name in ("subscriptions-duckdb.parquet", "subscriptions-pyarrow.parquet"):
    meta = pq.ParquetFile(f"{out}/{name}").metadata
    print(f"{name}: {meta.num_rows} rows in {meta.num_row_groups} row groups, written by {meta.created_by}")
print(f"subscriptions.csv: {rows} rows")
"""


def main():
    if len(sys.argv) < 2:
        raise SystemExit(__doc__)
    out = os.path.abspath(sys.argv[1])
    rows = int(sys.argv[2]) if len(sys.argv) > 2 else 10_000_000
    os.makedirs(out, exist_ok=True)
    subprocess.run([env_python(), "-c", MAKE, out, str(rows)], check=True)


if __name__ == "__main__":
    main()
