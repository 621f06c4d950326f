#!/bin/bash
# Where a server's CPU goes by shared object (kernel, BoringSSL, JIT-compiled Java, the JVM, libc) and by thread,
# during full TLS 1.3 handshakes (or keep-alive requests) after a warm-up, with perf. Usage (after
# `mvn -B -pl bench -am package -DskipTests`):
#   bench/perf-split.sh SERVER [WARMUP_SECONDS] [SECONDS] [handshakes|requests|h2]   e.g. bench/perf-split.sh ours-jetty 40 8
# SERVER is a tls-bench server kind (ours-jetty, ours-tomcat, jetty, ...). The server runs pinned to core 0, the load
# on core 1: four `openssl s_time -new` clients, or h2load over 8 keep-alive HTTP/1.1 connections (requests) or
# HTTP/2 ones with 10 streams each (h2); everything stops by itself and the temporary files are removed.
set -euo pipefail
KIND=${1:?server kind, e.g. ours-jetty}; WARM=${2:-40}; SECS=${3:-8}; WORKLOAD=${4:-handshakes}
# shellcheck source=server-files.sh
. "$(dirname "$0")/server-files.sh"
start_server "$KIND" $((WARM + SECS)) -XX:+UnlockDiagnosticVMOptions -XX:+DumpPerfMapAtExit
load() {
    if [ "$WORKLOAD" != handshakes ]; then
        local mode=--h1; [ "$WORKLOAD" = h2 ] && mode="-m 10"
        # shellcheck disable=SC2086
        taskset -c 1 timeout $(($1 + 30)) h2load $mode -t 1 -c 8 -D "$1" --connect-to=127.0.0.1:"$PORT" \
            https://localhost:"$PORT"/ | grep -E '^requests:'
        return
    fi
    echo "$(full_handshakes "$1") full handshakes"
}
load "$WARM" > /dev/null
perf record -F 999 -g -p "$SERVER" -o perf.data -- sleep "$SECS" 2> /dev/null &
PERF=$!
load "$SECS"
wait $PERF
stop_server   # the server writes its perf map as it stops
echo "By shared object:"
perf report -i perf.data --no-children --sort dso -g none --stdio 2>/dev/null | grep -E '^ +[0-9]' | head -8
echo "By thread:"
perf report -i perf.data --no-children --sort comm -g none --stdio 2>/dev/null | grep -E '^ +[0-9]' \
    | awk '{n = $2; sub(/-[0-9]+$/, "", n); a[n] += $1} END {for (k in a) printf "  %6.2f%%  %s\n", a[k], k}' | sort -rn | head -6
echo "Hottest symbols:"
perf report -i perf.data --no-children --sort dso,sym -g none --stdio 2>/dev/null | grep -E '^ +[0-9]' | head -"${TOP:-25}" | cut -c1-150
