# Sourced by the bench scripts: a temporary directory, removed on exit, holding a fresh ECDSA P-256 certificate
# (cert.pem, key.pem, ks.p12) for `tls-bench.jar server KIND cert.pem key.pem ks.p12`, and the steps the scripts
# share (start_server, stop_server, full_handshakes); the HOLD process, the writer that keeps the server's stdin open, is stopped
# on exit too. Sets JAR (unless the caller set it) and WORK and changes to WORK.
JAR=${JAR:-$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)/target/tls-bench.jar}
WORK=$(mktemp -d /tmp/tls-bench.XXXXXX)
trap 'kill "${HOLD:-0}" 2>/dev/null || true; rm -rf "$WORK"' EXIT
cd "$WORK" || exit 1
openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -keyout key.pem -out cert.pem -days 30 \
    -subj /CN=localhost 2>/dev/null
openssl pkcs12 -export -in cert.pem -inkey key.pem -out ks.p12 -passout pass:bench-only

# start_server KIND SECONDS [JAVA_OPTION...]: the server pinned to core 0, serving for SECONDS (and 60 s more at most)
# until HOLD stops writing its stdin; sets SERVER (its pid) and PORT.
start_server() {
    local kind=$1 seconds=$2
    shift 2
    rm -f stdin
    mkfifo stdin
    ( sleep $((seconds + 60)) > stdin ) & HOLD=$!
    taskset -c 0 java -Xms256m -Xmx256m "$@" -Dorg.slf4j.simpleLogger.defaultLogLevel=warn -cp "$JAR" \
        io.tlsconnector.bench.Main server "$kind" cert.pem key.pem ks.p12 < stdin > out 2> err &
    SERVER=$!
    for _ in $(seq 300); do grep -q LISTENING out 2>/dev/null && break; sleep 0.2; done
    PORT=$(awk '/LISTENING/{print $2}' out)
}

# stop_server: closes the server's stdin (it stops, writing what it writes at exit) and waits for it.
stop_server() {
    kill "$HOLD" 2>/dev/null || true
    wait "$SERVER" 2>/dev/null || true
}

# full_handshakes SECONDS: four `openssl s_time -new` clients on core 1 against PORT; prints the full handshakes made.
full_handshakes() {
    local pids=""
    rm -f st.*
    for j in 1 2 3 4; do
        taskset -c 1 timeout $(($1 + 30)) openssl s_time -connect 127.0.0.1:"$PORT" -new -time "$1" -www / > "st.$j" 2>&1 & pids="$pids $!"
    done
    # shellcheck disable=SC2086
    wait $pids
    grep -h "real seconds" st.* | awk '{n += $1} END {print n}'
}
