#!/usr/bin/env python3
"""What people write today to get grouped Partner Center figures: page through every
subscription with requests (following @nextLink), then group with pandas by subscription type
and month. The peer for Partner Lens's fetch-and-group in `./dev bench fetch`.

    python3 bench/fetch_script.py BASE_URL TOKEN
"""
import sys

import pandas as pd
import requests

base, token = sys.argv[1], sys.argv[2]
session = requests.Session()
session.headers["Authorization"] = f"Bearer {token}"
url = f"{base}/partner/v1/analytics/subscriptions?top=10000"
rows = []
while url:
    page = session.get(url, timeout=120)
    page.raise_for_status()
    body = page.json()
    rows.extend(body.get("Value") or body.get("value") or [])
    url = body.get("@nextLink")
df = pd.DataFrame(rows)
df["month"] = pd.to_datetime(df["creationDate"], format="mixed", utc=True).dt.strftime("%Y-%m")
g = df.groupby(["subscriptionType", "month"], dropna=False).agg(count=("licenseCount", "size"), licences=("licenseCount", "sum"))
print(len(g), "groups", file=sys.stderr)
