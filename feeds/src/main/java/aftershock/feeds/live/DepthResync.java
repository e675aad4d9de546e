package aftershock.feeds.live;

import java.util.List;

/**
 * What a connector does when its parser reports a symbol whose local book needs a snapshot (never synced, or broken by
 * a sequence gap): {@code {symbol}} in the templates is replaced by the venue's symbol.
 *
 * <ul>
 * <li>{@link Mode#REST_SNAPSHOT} (Binance): GET {@code snapshotRequest} from the REST base URL (e.g.
 * {@code /fapi/v1/depth?symbol={symbol}&limit=1000}) and hand the body to the parser, which joins it to the buffered
 * diffs.</li>
 * <li>{@link Mode#RESUBSCRIBE} (Bybit): send {@code resubscribeMessages} on stream {@code stream} (unsubscribe then
 * subscribe the book topic): the venue answers with a fresh snapshot.</li>
 * <li>{@link Mode#NONE}: the connector subscribes to no diff-depth book.</li>
 * </ul>
 * A symbol is asked for again no sooner than {@code retryMinMs} after its last request.
 */
public record DepthResync(Mode mode, String snapshotRequest, String stream, List<String> resubscribeMessages,
                          long retryMinMs) {

    public enum Mode { NONE, REST_SNAPSHOT, RESUBSCRIBE }

    public static final DepthResync NONE = new DepthResync(Mode.NONE, null, null, List.of(), 1_000);

    public DepthResync {
        resubscribeMessages = List.copyOf(resubscribeMessages);
        if (retryMinMs <= 0) {
            throw new IllegalArgumentException("resync retryMinMs must be positive: " + retryMinMs);
        }
        switch (mode) {
            case NONE -> {
            }
            case REST_SNAPSHOT -> {
                if (snapshotRequest == null || !snapshotRequest.startsWith("/") || !snapshotRequest.contains("{symbol}")) {
                    throw new IllegalArgumentException("REST_SNAPSHOT needs a request path with {symbol}: "
                            + snapshotRequest);
                }
            }
            case RESUBSCRIBE -> {
                if (stream == null || resubscribeMessages.isEmpty()) {
                    throw new IllegalArgumentException("RESUBSCRIBE needs a stream and messages");
                }
            }
        }
    }

    public static DepthResync restSnapshot(String snapshotRequest, long retryMinMs) {
        return new DepthResync(Mode.REST_SNAPSHOT, snapshotRequest, null, List.of(), retryMinMs);
    }

    public static DepthResync resubscribe(String stream, List<String> messages, long retryMinMs) {
        return new DepthResync(Mode.RESUBSCRIBE, null, stream, messages, retryMinMs);
    }

    /** The snapshot request for a symbol. */
    String snapshotRequestFor(String symbol) {
        return snapshotRequest.replace("{symbol}", symbol);
    }
}
