package aftershock.feeds.live;

/**
 * How a connection is kept alive, as each venue requires (feeds.md, "Rules a robust feed client must honour", 2).
 *
 * <ul>
 * <li>{@code pingText}, every {@code pingIntervalMs}: an application-level ping sent as a text message (Bybit
 * {@code {"op":"ping"}} every 20 s, OKX the literal {@code ping} before 30 s of silence); null for none. The venue's
 * answer ({@code pong}) goes to the parser, which counts it as ignored.</li>
 * <li>{@code protocolPingSeconds}: the WebSocket library's own detector: it sends a protocol ping at this interval and
 * drops a connection that has not answered for as long; 0 disables it. Protocol pings from the server (Binance every
 * 3 min on futures, 20 s on spot) are answered with a pong by the library itself
 * ({@code WebSocketAdapter.onWebsocketPing}), whatever this setting.</li>
 * <li>{@code reconnectAfterSilenceMs}: a connection that delivered nothing for this long is dropped and reconnected
 * (half-open TCP connections deliver nothing and report nothing); 0 never.</li>
 * <li>{@code maxConnectionAgeMs}: a connection older than this is replaced (Binance closes them after 24 h: 23 h
 * leaves an hour's margin); 0 never.</li>
 * </ul>
 */
public record KeepAlive(String pingText, long pingIntervalMs, int protocolPingSeconds, long reconnectAfterSilenceMs,
                        long maxConnectionAgeMs) {

    public KeepAlive {
        if (pingText != null && (pingText.isEmpty() || pingIntervalMs <= 0)) {
            throw new IllegalArgumentException("an application ping needs a text and a positive interval: pingText="
                    + pingText + " pingIntervalMs=" + pingIntervalMs);
        }
        if (pingText == null && pingIntervalMs != 0) {
            throw new IllegalArgumentException("pingIntervalMs without pingText: " + pingIntervalMs);
        }
        if (protocolPingSeconds < 0) {
            throw new IllegalArgumentException("protocolPingSeconds must not be negative: " + protocolPingSeconds);
        }
        if (reconnectAfterSilenceMs < 0) {
            throw new IllegalArgumentException("reconnectAfterSilenceMs must not be negative: "
                    + reconnectAfterSilenceMs);
        }
        if (maxConnectionAgeMs < 0) {
            throw new IllegalArgumentException("maxConnectionAgeMs must not be negative: " + maxConnectionAgeMs);
        }
    }

    /** No application ping. */
    public static KeepAlive protocolOnly(int protocolPingSeconds, long reconnectAfterSilenceMs,
                                         long maxConnectionAgeMs) {
        return new KeepAlive(null, 0, protocolPingSeconds, reconnectAfterSilenceMs, maxConnectionAgeMs);
    }
}
