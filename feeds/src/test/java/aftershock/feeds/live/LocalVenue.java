package aftershock.feeds.live;

import org.java_websocket.WebSocket;
import org.java_websocket.framing.Framedata;
import org.java_websocket.handshake.ClientHandshake;
import org.java_websocket.server.WebSocketServer;

import java.net.InetSocketAddress;
import java.net.URI;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * A venue's WebSocket endpoint on 127.0.0.1 at a port the OS chooses: it records what clients send (with the path they
 * connected to), lets the test push native messages, answer pings, and drop connections.
 */
final class LocalVenue extends WebSocketServer implements AutoCloseable {
    static final long WAIT_SECONDS = 5;

    /** A text message a client sent, with the path of its connection. */
    record Received(WebSocket connection, String path, String text) {
    }

    final BlockingQueue<Received> received = new LinkedBlockingQueue<>();
    final BlockingQueue<WebSocket> opened = new LinkedBlockingQueue<>();
    final BlockingQueue<Integer> closeCodes = new LinkedBlockingQueue<>();
    final BlockingQueue<WebSocket> pongs = new LinkedBlockingQueue<>();
    private final CountDownLatch started = new CountDownLatch(1);
    private volatile BiConsumer<WebSocket, String> replier = (c, m) -> { };

    private LocalVenue() {
        super(new InetSocketAddress("127.0.0.1", 0));
        setReuseAddr(true);
        setDaemon(true);
        setConnectionLostTimeout(0);
    }

    static LocalVenue start(String name) throws InterruptedException {
        LocalVenue v = new LocalVenue();
        v.start();
        assertTrue(v.started.await(WAIT_SECONDS, TimeUnit.SECONDS), name + " did not start");
        return v;
    }

    /** Answers each client message (on the server's thread). */
    void replyWith(BiConsumer<WebSocket, String> r) {
        replier = r;
    }

    URI url(String path) {
        return URI.create("ws://127.0.0.1:" + getPort() + path);
    }

    /** The next message a client sent, waiting a few seconds at most. */
    Received next() throws InterruptedException {
        Received r = received.poll(WAIT_SECONDS, TimeUnit.SECONDS);
        assertNotNull(r, "the venue received nothing within " + WAIT_SECONDS + " s");
        return r;
    }

    /** The next message that contains {@code part}, skipping others. */
    Received nextContaining(String part) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(WAIT_SECONDS);
        while (System.nanoTime() < deadline) {
            Received r = received.poll(10, TimeUnit.MILLISECONDS);
            if (r != null && r.text().contains(part)) {
                return r;
            }
        }
        return fail("no client message containing " + part + " within " + WAIT_SECONDS + " s");
    }

    WebSocket nextOpened() throws InterruptedException {
        WebSocket c = opened.poll(WAIT_SECONDS, TimeUnit.SECONDS);
        assertNotNull(c, "no client connected within " + WAIT_SECONDS + " s");
        return c;
    }

    @Override
    public void onOpen(WebSocket conn, ClientHandshake handshake) {
        opened.add(conn);
    }

    @Override
    public void onClose(WebSocket conn, int code, String reason, boolean remote) {
        closeCodes.add(code);
    }

    @Override
    public void onMessage(WebSocket conn, String message) {
        received.add(new Received(conn, conn.getResourceDescriptor(), message));
        replier.accept(conn, message);
    }

    @Override
    public void onWebsocketPong(WebSocket conn, Framedata f) {
        pongs.add(conn);
    }

    @Override
    public void onError(WebSocket conn, Exception ex) {
        // Connections the tests drop on purpose end here; nothing to do.
    }

    @Override
    public void onStart() {
        started.countDown();
    }

    @Override
    public void close() throws InterruptedException {
        stop(1000);
    }
}
