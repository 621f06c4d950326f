#!/bin/bash
# Thread hand-offs and CPU per full TLS 1.3 handshake of one server, from /proc: the voluntary context switches of
# every server thread and the server's utime+stime over a measured window, divided by the handshakes made in it.
# A quick A/B of two builds of the harness (BENCHMARKS.md, changes 13 and 14). Usage (after
# `mvn -B -pl bench -am package -DskipTests`):
#   bench/handoff-probe.sh SERVER [WARMUP_SECONDS] [SECONDS] [JAVA_OPTION...]   e.g. bench/handoff-probe.sh ours-jetty 20 10
# JAR=other/tls-bench.jar measures another build; -Dbench.jettyHandler=non-blocking gives the Jetty rows a handler
# that never blocks. The server runs pinned to core 0, four `openssl s_time -new` clients on core 1; everything stops
# by itself and the temporary files are removed.
set -euo pipefail
KIND=${1:?server kind, e.g. ours-jetty}; WARM=${2:-20}; SECS=${3:-10}; shift $(($# < 3 ? $# : 3))
# shellcheck source=server-files.sh
. "$(dirname "$0")/server-files.sh"
start_server "$KIND" $((WARM + SECS)) "$@"
cpu_ticks() { awk '{print $14 + $15}' /proc/$SERVER/stat; }
switches() { cat /proc/$SERVER/task/*/status | awk '/^voluntary_ctxt_switches/{n += $2} END {print n}'; }
full_handshakes "$WARM" > /dev/null
c0=$(cpu_ticks); s0=$(switches)
n=$(full_handshakes "$SECS")
c1=$(cpu_ticks); s1=$(switches)
awk -v n="$n" -v c=$((c1 - c0)) -v s=$((s1 - s0)) -v hz="$(getconf CLK_TCK)" -v kind="$KIND" 'BEGIN {
    printf "%s: %d full handshakes, %.0f us of server CPU and %.2f voluntary context switches each\n", kind, n, c / hz * 1e6 / n, s / n }'
stop_server
