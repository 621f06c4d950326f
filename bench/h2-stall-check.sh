#!/bin/bash
# Whether new HTTP/2 connections to our Jetty adapter answer every stream with a handler that never blocks, under the
# harness's conditions (change 13 in BENCHMARKS.md): per round a fresh `ours-jetty-100` server pinned to core 0, four
# seconds of `openssl s_time -new`, then two `h2load -m 10 -c 8 -D 1` runs on core 1; a run that has not ended after
# 20 s counts as a stall. Usage (after `mvn -B -pl bench -am package -DskipTests`): bench/h2-stall-check.sh [ROUNDS]
set -uo pipefail
ROUNDS=${1:-4}
# shellcheck source=server-files.sh
. "$(dirname "$0")/server-files.sh"
stalls=0
for round in $(seq "$ROUNDS"); do
    start_server ours-jetty-100 30 -Dbench.jettyHandler=non-blocking
    taskset -c 1 openssl s_time -connect 127.0.0.1:"$PORT" -new -time 4 -www / > /dev/null 2>&1
    for run in 1 2; do
        if ! timeout 20 taskset -c 1 h2load -m 10 -t 1 -c 8 -D 1 --connect-to=127.0.0.1:"$PORT" \
                https://host50.bench:"$PORT"/ > /dev/null 2>&1; then
            stalls=$((stalls + 1))
            echo "round $round, run $run: stalled"
        fi
    done
    stop_server
done
echo "$stalls stalled of $((ROUNDS * 2)) h2load runs"
[ "$stalls" -eq 0 ]
