#!/bin/bash
# Server time (the Server-Timing header) of each analytics answer of one study, called N times in
# a row: the first answer is computed, the next ones come from the answer cache (or are computed
# again when the server runs with -Dcytotrial.analytics.cache=0). See docs/benchmarks.md.
# Usage: src/bench/analytics-timings.sh STUDY [N]   (BASE and USER_PASSWORD may be overridden)
STUDY=$1; N=${2:-4}
BASE=${BASE:-http://localhost:8080/cytotrial/api/studies}
USER_PASSWORD=${USER_PASSWORD:-admin:cytotrial-demo}
OUT=$(mktemp)
for path in summary markers "analyses/pfs?groupBy=arm" "analyses/pfs?marker=IL6&cutoff=4&visitnum=1" \
            "analyses/spearman?x=IL6&y=HGB&visitnum=1" "analyses/mann-whitney?test=HGB&visitnum=1&arm1=IL6R&arm2=CTRL" \
            "review-queue" "plots/km.svg"; do
  times=""
  for i in $(seq 1 "$N"); do
    t=$(curl -s -o "$OUT" -D - -u "$USER_PASSWORD" "$BASE/$STUDY/$path" | tr -d '\r' | sed -n 's/^Server-Timing: app;dur=//Ip')
    times="$times ${t:-failed}"
  done
  printf "%-62s %s   (%s bytes)\n" "$path" "$times" "$(stat -c %s "$OUT")"
done
rm -f "$OUT"
