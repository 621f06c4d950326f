
[description]
The TLS connector (io.tlsconnector): HTTPS and HTTP/2 with mod_ssl's features - SNI virtual hosts with their
own certificates, protocols and ciphers, an httpd mod_ssl configuration, the SSL_* request attributes.
Replaces Jetty's ssl, https and http2 modules (it serves h2 and http/1.1 with ALPN itself).

[tags]
connector
ssl
https
http2

[depend]
server

[provides]
ssl
https
http2

[lib]
lib/jetty-alpn-server-${jetty.version}.jar
lib/jetty-alpn-java-server-${jetty.version}.jar
lib/http2/jetty-http2-common-${jetty.version}.jar
lib/http2/jetty-http2-hpack-${jetty.version}.jar
lib/http2/jetty-http2-server-${jetty.version}.jar
lib/tls-connector/*.jar

[xml]
etc/tls-connector.xml

[ini]
tls-connector.port?=8443

[ini-template]
## The port and address of the TLS connector (no host: every address).
# tls-connector.port=8443
# tls-connector.host=127.0.0.1

## The TLS configuration: exactly one of
##  - an Apache httpd mod_ssl configuration (its SSL* directives, virtual hosts and SNI names), or
# tls-connector.httpd-conf=/etc/tls/ssl.conf
##  - a class on the server's class path (e.g. a jar in $JETTY_BASE/lib/ext with the ext module)
##    implementing java.util.function.Supplier<io.tlsconnector.config.TlsConfig>.
# tls-connector.config-supplier=com.example.MyTlsConfig
