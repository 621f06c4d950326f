#!/usr/bin/env python3
"""Where a Java server's CPU went: summarises JFR execution samples written by `tls-bench.jar run --jfr`.

usage: bench/jfr-hot.py RECORDING.jfr [TOP]
Prints the hottest methods by self time and the share of samples that pass through each area
(inclusive), e.g. JSSE's handshake, EC arithmetic, our io.tlsconnector code, Jetty, Netty/BoringSSL.
"""
import collections
import re
import subprocess
import sys

AREAS = [
    ("EC / RSA arithmetic (sun.security.ec, sun.security.rsa, java.math)", ("sun.security.ec.", "sun.security.rsa.", "java.math.", "sun.security.util.math.")),
    ("JSSE handshake (sun.security.ssl)", ("sun.security.ssl.",)),
    ("JCE ciphers and digests (com.sun.crypto, sun.security.provider)", ("com.sun.crypto.", "sun.security.provider.")),
    ("X.509 and keys (sun.security.x509, sun.security.pkcs)", ("sun.security.x509.", "sun.security.pkcs")),
    ("our library (io.tlsconnector)", ("io.tlsconnector.",)),
    ("Netty / BoringSSL engine (io.netty)", ("io.netty.",)),
    ("Conscrypt (org.conscrypt)", ("org.conscrypt.",)),
    ("Jetty (org.eclipse.jetty)", ("org.eclipse.jetty.",)),
    ("Tomcat (org.apache)", ("org.apache.",)),
]


def main():
    path = sys.argv[1]
    top = int(sys.argv[2]) if len(sys.argv) > 2 else 15
    out = subprocess.run(["jfr", "print", "--events", "jdk.ExecutionSample", "--stack-depth", "64", path],
                         check=True, capture_output=True, text=True).stdout
    self_counts = collections.Counter()
    area_counts = collections.Counter()
    area_self = collections.Counter()
    samples = 0
    for block in out.split("jdk.ExecutionSample")[1:]:
        frames = re.findall(r"^\s+([\w$.<>]+)\(", block.split("stackTrace = [", 1)[-1], re.M)
        if not frames:
            continue
        samples += 1
        self_counts[frames[0]] += 1
        for name, prefixes in AREAS:
            if frames[0].startswith(prefixes) and not frames[0].startswith("io.tlsconnector.bench."):
                area_self[name] += 1
        for name, prefixes in AREAS:
            # the harness's own classes (main, handlers) are not the library
            if any(f.startswith(prefixes) and not f.startswith("io.tlsconnector.bench.") for f in frames):
                area_counts[name] += 1
    print(f"{path}: {samples} samples")
    print("\nShare by area, inclusive (on the stack) / self (the running method):")
    for name, _ in AREAS:
        if area_counts[name]:
            print(f"  {100.0 * area_counts[name] / samples:5.1f} % / {100.0 * area_self[name] / samples:5.1f} %  {name}")
    print(f"\nTop {top} methods by self samples:")
    for method, count in self_counts.most_common(top):
        print(f"  {100.0 * count / samples:5.1f} %  {method}")
    exceptions(path)


# Constructors every exception passes through: skipped to find where it was made.
THROWABLE_FRAMES = re.compile(r"^(java\.lang\.(Throwable|Exception|RuntimeException|Error|LinkageError|"
                              r"IncompatibleClassChangeError|IllegalStateException|ReflectiveOperationException)|"
                              r"java\.io\.(IOException|UncheckedIOException)|java\.net\.SocketException|javax\.net\.ssl\.SSL\w*Exception|"
                              r"sun\.net\.ConnectionResetException|java\.nio\.channels\.\w+Exception)\.")


def exceptions(path):
    """Exceptions thrown during the recording (jdk.JavaExceptionThrow, which `run --jfr` turns on), by class and origin."""
    out = subprocess.run(["jfr", "print", "--events", "jdk.JavaExceptionThrow", "--stack-depth", "16", path],
                         check=True, capture_output=True, text=True).stdout
    counts = collections.Counter()
    for block in out.split("jdk.JavaExceptionThrow")[1:]:
        thrown = re.search(r"thrownClass = ([\w$.]+)", block)
        frames = [f for f in re.findall(r"^\s+([\w$.<>]+)\(", block, re.M) if not THROWABLE_FRAMES.match(f)]
        if thrown:
            counts[(thrown.group(1), " < ".join(frames[:2]))] += 1
    if counts:
        print(f"\nExceptions thrown ({sum(counts.values())} in all), by class and where they were made:")
        for (cls, origin), count in counts.most_common(12):
            print(f"  {count:7d}  {cls}  at {origin}")


if __name__ == "__main__":
    main()
