#!/bin/bash
# System calls per accepted connection of one server, by name, during full TLS 1.3 handshakes: perf stat on every
# syscalls:sys_enter_* tracepoint of the server's process over a measured window, divided by its accept calls.
# Usage (after `mvn -B -pl bench -am package -DskipTests`; needs perf):
#   bench/syscall-split.sh SERVER [WARMUP_SECONDS] [SECONDS]   e.g. bench/syscall-split.sh ours-jetty 20 8
# The server runs pinned to core 0, four `openssl s_time -new` clients on core 1; everything stops by itself and the
# temporary files are removed.
set -euo pipefail
KIND=${1:?server kind, e.g. ours-jetty}; WARM=${2:-20}; SECS=${3:-8}
# shellcheck source=server-files.sh
. "$(dirname "$0")/server-files.sh"
start_server "$KIND" $((WARM + SECS))
full_handshakes "$WARM" > /dev/null
perf stat -e 'syscalls:sys_enter_*' -p "$SERVER" -x, -o perf.txt -- sleep "$SECS" 2> /dev/null &
PERF=$!
full_handshakes "$SECS" > /dev/null
wait $PERF
awk -F, -v kind="$KIND" '$1 ~ /^[0-9]+$/ { n[$3] = $1; total += $1 }
    END {
        a = n["syscalls:sys_enter_accept"] + n["syscalls:sys_enter_accept4"]
        if (a == 0) { print "no connection was accepted in the window"; exit 1 }
        printf "%s: %d connections accepted, %.1f system calls each\n", kind, a, total / a
        for (k in n) if (n[k] / a >= 0.05) { name = k; sub(/^syscalls:sys_enter_/, "", name); printf "%8.2f  %s\n", n[k] / a, name | "sort -rn" }
        close("sort -rn")
    }' perf.txt
stop_server
