package io.tlsconnector.jetty;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/** A handler that never blocks: answers {@code ok} and records the client port and the thread of each request. */
final class ThreadRecordingHandler extends Handler.Abstract.NonBlocking {
    private final List<String> served = new CopyOnWriteArrayList<>();

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        served.add(Request.getRemotePort(request) + " " + Thread.currentThread().getName());
        response.setStatus(200);
        response.write(true, ByteBuffer.wrap("ok".getBytes(StandardCharsets.US_ASCII)), callback);
        return true;
    }

    /** "client-port thread-name" per request served, in order. */
    List<String> served() {
        return List.copyOf(served);
    }

    void clear() {
        served.clear();
    }
}
