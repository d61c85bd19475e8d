#!/usr/bin/env bash
# Times the subject list page (first page of the lazy table, rendered by the server) as a
# logged-in coordinator: docs/benchmarks.md. Usage: src/bench/subjects-page.sh BASE STUDY [N]
#   e.g. src/bench/subjects-page.sh http://localhost:8180/cytotrial SYN-10K 20
set -euo pipefail
base=$1; study=$2; n=${3:-20}
jar=$(mktemp); trap 'rm -f "$jar"' EXIT
state=$(curl -s -c "$jar" "$base/login.xhtml" | grep -o 'name="jakarta.faces.ViewState"[^>]*value="[^"]*"' | sed 's/.*value="\([^"]*\)"/\1/' | head -1)
curl -s -b "$jar" -c "$jar" -o /dev/null "$base/login.xhtml" \
     --data-urlencode "loginForm=loginForm" --data-urlencode "loginForm:username=${USERNAME:-coordinator}" \
     --data-urlencode "loginForm:password=${PASSWORD:-cytotrial-demo}" --data-urlencode "loginForm:submit=" \
     --data-urlencode "jakarta.faces.ViewState=$state"
page="$base/coordinator/subjects.xhtml?study=$study"
# the whole page first: grep -q stops reading at the first match, and curl's broken pipe would fail the pipeline
first=$(curl -s -b "$jar" "$page")
grep -q 'subjectsForm:subjects' <<<"$first" || { echo "not logged in, or no subject table" >&2; exit 1; }
for i in $(seq 1 3); do curl -s -b "$jar" -o /dev/null "$page"; done   # warm-up
for i in $(seq 1 "$n"); do curl -s -b "$jar" -o /dev/null -w '%{time_total}\n' "$page"; done | sort -n | awk '
  { t[NR] = $1 * 1000 } END { p50 = t[int((NR + 1) / 2)]; p95 = t[int(NR * 0.95 + 0.999)];
  printf "subjects page, %d loads: p50 %.1f ms, p95 %.1f ms, max %.1f ms\n", NR, p50, p95, t[NR] }'
