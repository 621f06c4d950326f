package io.tlsconnector.config.httpd;

import java.util.Locale;
import java.util.Set;

/**
 * The httpd directives that are not the TLS terminator's business, each with why the connector leaves it
 * to someone else: they run httpd itself, serve its files, or forward to the application the connector
 * now serves directly. None of them changes who gets in or what goes over the TLS connection. Any other
 * directive the importer cannot apply stops the start-up, unless read leniently.
 */
final class DirectiveKinds {
    static final String PROCESS = "runs httpd itself (process, modules, logs, limits); the servlet container has its own settings for it.";
    static final String CONTENT = "maps requests to httpd's files and handlers; the application serves the content.";
    static final String PROXY = "forwards to the application, which the connector now serves directly; there is nothing to forward to.";

    private static final Set<String> PROCESS_DIRECTIVES = Set.of("serverroot", "defaultruntimedir", "pidfile", "mutex", "user",
            "group", "errorlog", "errorlogformat", "loglevel", "logformat", "customlog", "transferlog", "globallog", "bufferedlogs",
            "loadmodule", "loadfile", "startservers", "minspareservers", "maxspareservers", "maxrequestworkers", "maxclients",
            "serverlimit", "threadsperchild", "threadlimit", "minsparethreads", "maxsparethreads", "maxconnectionsperchild",
            "maxrequestsperchild", "maxmemfree", "listenbacklog", "timeout", "keepalive", "maxkeepaliverequests", "keepalivetimeout",
            "hostnamelookups", "serveradmin", "servertokens", "serversignature", "traceenable", "enablesendfile", "enablemmap",
            "accessfilename", "limitrequestbody", "limitrequestfields", "limitrequestfieldsize", "limitrequestline",
            "requestreadtimeout", "gracefulshutdowntimeout", "scoreboardfile", "coredumpdirectory", "extendedstatus",
            "usecanonicalname", "usecanonicalphysicalport", "setenv", "passenv", "unsetenv", "protocolshonororder",
            "h2direct", "h2push", "h2upgrade", "h2maxsessionstreams", "h2windowsize", "h2streammaxmemsize", "h2moderntlsonly",
            "namevirtualhost", "sslmutex");
    private static final Set<String> CONTENT_DIRECTIVES = Set.of("documentroot", "alias", "scriptalias", "aliasmatch",
            "scriptaliasmatch", "options", "allowoverride", "allowoverridelist", "addtype", "addhandler", "addoutputfilter",
            "addoutputfilterbytype", "addcharset", "adddefaultcharset", "addlanguage", "addencoding", "defaulttype", "typesconfig",
            "forcetype", "sethandler", "removehandler", "directoryindex", "indexoptions", "indexignore", "indexorderdefault",
            "indexstylesheet", "addicon", "addiconbytype", "addiconbyencoding", "defaulticon", "readmename", "headername", "addalt",
            "addaltbytype", "addaltbyencoding", "adddescription", "errordocument", "cgipassauth", "scriptsock", "expiresactive",
            "expiresbytype", "expiresdefault", "fileetag", "languagepriority", "forcelanguagepriority", "multiviewsmatch",
            "directoryslash", "rewriteengine", "rewriteoptions", "rewritebase", "addinputfilter", "setoutputfilter",
            "setinputfilter", "deflatecompressionlevel", "browsermatchnocase");
    private static final Set<String> PROXY_DIRECTIVES = Set.of("proxypass", "proxypassreverse", "proxypassmatch",
            "proxypassreversecookiedomain", "proxypassreversecookiepath", "proxypreservehost", "proxyrequests", "proxyvia",
            "proxytimeout", "proxyaddheaders", "proxyerroroverride", "requestheader", "sslproxyengine", "sslproxyverify",
            "sslproxyverifydepth", "sslproxycheckpeercn", "sslproxycheckpeername", "sslproxycheckpeerexpire", "sslproxyprotocol",
            "sslproxyciphersuite", "sslproxycacertificatefile", "sslproxycacertificatepath", "sslproxycarevocationfile",
            "sslproxycarevocationpath", "sslproxycarevocationcheck", "sslproxymachinecertificatefile",
            "sslproxymachinecertificatepath", "sslproxymachinecertificatechainfile");

    private DirectiveKinds() {
    }

    /** Why the connector leaves {@code name} alone, or null when it is none of these. */
    static String notOurs(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        if (PROCESS_DIRECTIVES.contains(lower)) {
            return PROCESS;
        }
        if (CONTENT_DIRECTIVES.contains(lower)) {
            return CONTENT;
        }
        if (PROXY_DIRECTIVES.contains(lower)) {
            return PROXY;
        }
        return null;
    }

    /** httpd's authentication and authorisation directives, which a path section may carry. */
    static boolean authentication(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        return lower.startsWith("auth") || Set.of("require", "satisfy", "order", "allow", "deny", "anonymous").contains(lower);
    }

    /** Whether a section (or one inside it) holds an SSL, access or header line. */
    static boolean holdsTlsOrAccessLines(ConfNode.Section section) {
        for (ConfNode node : section.children()) {
            if (node instanceof ConfNode.Section nested ? holdsTlsOrAccessLines(nested) : node instanceof ConfNode.Directive d
                    && (d.name().regionMatches(true, 0, "SSL", 0, 3) || authentication(d.name())
                    || d.name().equalsIgnoreCase("Header") || RedirectLines.handles(d))) {
                return true;
            }
        }
        return false;
    }
}
