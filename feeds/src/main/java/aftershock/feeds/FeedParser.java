package aftershock.feeds;

import java.util.Collections;
import java.util.List;
import java.util.SortedSet;

/**
 * Turns one connector's native messages into normalised {@link MarketEvent}s. A parser keeps the state its venue's
 * protocol needs (local order books, ticker deltas, sequence numbers), so there is one per connection, used from one
 * thread. It never throws on bad input: a malformed, unknown or unexpected message yields no events and is counted,
 * with its raw text, in the {@link FeedHealth} the parser was made with. Time is an input: the receive timestamp.
 */
public interface FeedParser {

    FeedSource source();

    /** A message pushed on the venue's WebSocket; zero, one or several events. */
    List<MarketEvent> parse(long receiveTsMs, String raw);

    /**
     * The body of a REST response, with the request that produced it (path and query, e.g.
     * {@code /fapi/v1/depth?symbol=BTCUSDT&limit=1000}): depth snapshots, open-interest polls.
     */
    List<MarketEvent> parseResponse(long receiveTsMs, String request, String raw);

    /**
     * Symbols whose local order book is discarded (never synced, or broken by a sequence gap) and needs a new
     * snapshot, in symbol order. A live connector polls this after each message and fetches a REST snapshot (Binance)
     * or resubscribes (Bybit). Parsers without diff-depth books have none.
     */
    default SortedSet<String> symbolsNeedingSnapshot() {
        return Collections.emptySortedSet();
    }
}
