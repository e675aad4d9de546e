package aftershock.feeds.live;

import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

/**
 * A venue's REST endpoint on 127.0.0.1 at a port the OS chooses: answers each GET from a function of its path and
 * query, and keeps the requests it saw.
 */
final class LocalRest implements AutoCloseable {
    final List<String> requests = new CopyOnWriteArrayList<>();
    private final HttpServer server;

    LocalRest(Function<String, String> answer) throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            String request = exchange.getRequestURI().getRawPath()
                    + (exchange.getRequestURI().getRawQuery() == null ? "" : "?" + exchange.getRequestURI().getRawQuery());
            requests.add(request);
            String body = answer.apply(request);
            byte[] bytes = (body == null ? "{\"code\":-1121,\"msg\":\"Invalid symbol.\"}" : body)
                    .getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(body == null ? 400 : 200, bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        });
        server.start();
    }

    URI url() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    long count(String pathPrefix) {
        return requests.stream().filter(r -> r.startsWith(pathPrefix)).count();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
