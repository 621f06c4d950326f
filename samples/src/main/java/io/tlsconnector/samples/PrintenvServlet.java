package io.tlsconnector.samples;

import java.io.IOException;
import java.io.PrintWriter;
import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * Serves {@code /printenv}, the equivalent of mod_ssl's printenv CGI (F10): every {@code HTTPS} and
 * {@code SSL_*} request attribute, sorted by name, as an HTML table, or as {@code NAME=value} lines
 * with {@code ?format=text}. Which variables appear follows the virtual host's SslOptions
 * (the sample enables {@code STD_ENV_VARS}).
 */
public final class PrintenvServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Map<String, String> variables = new TreeMap<>();
        for (String name : Collections.list(request.getAttributeNames())) {
            if ((name.equals("HTTPS") || name.startsWith("SSL_")) && request.getAttribute(name) instanceof String value) {
                variables.put(name, value);
            }
        }
        if ("text".equals(request.getParameter("format"))) {
            response.setContentType("text/plain; charset=utf-8");
            PrintWriter out = response.getWriter();
            variables.forEach((name, value) -> out.print(name + "=" + value + "\n"));
            return;
        }
        response.setContentType("text/html; charset=utf-8");
        PrintWriter out = response.getWriter();
        out.print("<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>printenv</title>\n"
                + "<style>td { white-space: pre-wrap; font-family: monospace; } th { text-align: left; }</style>"
                + "</head><body>\n<h1>SSL variables</h1>\n<table id=\"ssl-variables\">\n");
        variables.forEach((name, value) -> out.print("<tr><th>" + html(name) + "</th><td>" + html(value) + "</td></tr>\n"));
        out.print("</table>\n</body></html>\n");
    }

    static String html(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (char c : text.toCharArray()) {
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }
}
