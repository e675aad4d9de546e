package aftershock.feeds.live;

/**
 * A REST request polled at a fixed interval (open interest, ADL risk): path and query relative to the connector's REST
 * base URL, e.g. {@code /fapi/v1/openInterest?symbol=BTCUSDT}. The first poll is made at start.
 */
public record RestPoll(String request, long intervalMs) {

    public RestPoll {
        if (request == null || !request.startsWith("/")) {
            throw new IllegalArgumentException("poll request must be a path starting with /: " + request);
        }
        if (intervalMs <= 0) {
            throw new IllegalArgumentException("poll intervalMs must be positive: " + intervalMs);
        }
    }
}
