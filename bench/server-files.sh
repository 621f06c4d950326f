# Sourced by the bench scripts: a temporary directory, removed on exit, holding a fresh ECDSA P-256 certificate
# (cert.pem, key.pem, ks.p12) for `tls-bench.jar server KIND cert.pem key.pem ks.p12`; the caller's HOLD process, the
# writer that keeps the server's stdin open, is stopped on exit too. Sets JAR and WORK and changes to WORK.
JAR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)/target/tls-bench.jar
WORK=$(mktemp -d /tmp/tls-bench.XXXXXX)
trap 'kill "${HOLD:-0}" 2>/dev/null || true; rm -rf "$WORK"' EXIT
cd "$WORK" || exit 1
openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -keyout key.pem -out cert.pem -days 30 \
    -subj /CN=localhost 2>/dev/null
openssl pkcs12 -export -in cert.pem -inkey key.pem -out ks.p12 -passout pass:bench-only
