#!/usr/bin/env bash
# Microsoft's documented Insights system queries through the command line, against the
# simulator: each query's SQL as written through `insights create-query` (the app's own check
# against the account's catalogue, then the service), and a report made from each system query's
# id. Prints the counts (issue 30 measured 1 of 17 and 0 of 17 before).
#   bench/system_queries.sh [path to partner-lens]   (default: target/debug/partner-lens)
set -u
cd "$(dirname "$0")/.."
BIN=${1:-target/debug/partner-lens}
work=$(mktemp -d)
export PARTNER_LENS_HOME=$work
port=$((20000 + RANDOM % 20000))
"$BIN" sim --port "$port" --token-lifetime 31536000 > "$work/sim.log" 2>&1 &
sim=$!
trap 'kill $sim; rm -rf "$work"' EXIT
for _ in $(seq 100); do grep -q "TOKEN=" "$work/sim.log" && break; sleep 0.2; done
token=$(grep -o "TOKEN=.*" "$work/sim.log" | cut -d= -f2)
account=(--base-url "http://127.0.0.1:$port" --authority-url "http://127.0.0.1:$port" --token "$token")
"$BIN" insights "${account[@]}" queries --system > "$work/queries.txt"
total=$(wc -l < "$work/queries.txt")
accepted=0 notes=0 made=0
while IFS= read -r line; do
  id=${line%% *}
  sql=$(grep -o "SELECT.*" <<< "$line")
  if out=$("$BIN" insights "${account[@]}" create-query --name "Copy of $id" --query "$sql" 2>&1); then
    accepted=$((accepted + 1))
  else
    echo "refused: $id: $out"
  fi
  grep -q "^Note:" <<< "$out" && notes=$((notes + 1))
  if "$BIN" insights "${account[@]}" create-report --name "From $id" --query-id "$id" --now > /dev/null 2>&1; then
    made=$((made + 1))
  else
    echo "no report from $id"
  fi
done < "$work/queries.txt"
echo "system queries listed:                      $total"
echo "accepted by create-query as written:        $accepted of $total (with a note to confirm: $notes)"
echo "reports created from the system query's id: $made of $total"
