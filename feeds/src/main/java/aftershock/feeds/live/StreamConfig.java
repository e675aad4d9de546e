package aftershock.feeds.live;

import java.net.URI;
import java.util.List;

/**
 * One WebSocket connection of a connector: a name (used in logs and by {@link DepthResync}), the URL, and the text
 * messages sent, in order, each time it opens (first connect and every reconnect: the subscription set is desired
 * state, replayed in full).
 */
public record StreamConfig(String name, URI url, List<String> subscribeMessages) {

    public StreamConfig {
        if (name == null || name.isEmpty()) {
            throw new IllegalArgumentException("stream name must be present");
        }
        if (url == null || url.getScheme() == null
                || !(url.getScheme().equals("ws") || url.getScheme().equals("wss"))) {
            throw new IllegalArgumentException("stream " + name + ": url must be ws:// or wss://: " + url);
        }
        subscribeMessages = List.copyOf(subscribeMessages);
    }

    public StreamConfig withUrl(URI newUrl) {
        return new StreamConfig(name, newUrl, subscribeMessages);
    }
}
