package aftershock.feeds.binance;

import aftershock.feeds.FeedHealth;
import aftershock.feeds.FeedSource;
import aftershock.feeds.MarketEvent;
import aftershock.feeds.Side;
import aftershock.feeds.book.BinanceDepthSync;
import aftershock.feeds.book.BookPublisher;
import aftershock.feeds.book.LevelChanges;
import aftershock.feeds.book.LocalBook;
import aftershock.feeds.book.SyncOutcome;
import aftershock.feeds.wire.Fields;
import aftershock.feeds.wire.Inbox;
import aftershock.feeds.wire.JsonFeedParser;
import aftershock.feeds.wire.Levels;
import aftershock.feeds.wire.ParserLimits;
import aftershock.feeds.wire.Rejected;
import aftershock.feeds.wire.SymbolStates;
import com.fasterxml.jackson.databind.JsonNode;

import java.util.Set;
import java.util.SortedSet;
import java.util.regex.Pattern;

/**
 * What Binance's spot and USDⓈ-M streams share: the combined-stream wrapper {@code {"stream":..,"data":..}}, arrays of
 * events, subscription acks and errors, trades ({@code m} is buyer-is-maker, so the aggressor is SELL when it is
 * true), and diff depth kept in a local book per symbol by {@link BinanceDepthSync}.
 */
abstract class BinanceParser extends JsonFeedParser {
    /** {@code <symbol>@depth5}, {@code @depth10}, {@code @depth20}, with an optional speed suffix. */
    private static final Pattern PARTIAL_DEPTH_STREAM = Pattern.compile("[^@]+@depth(5|10|20)(@\\d+ms)?");

    private static final class Depth {
        final BinanceDepthSync sync;
        final BookPublisher publisher;

        Depth(BinanceDepthSync sync, BookPublisher publisher) {
            this.sync = sync;
            this.publisher = publisher;
        }
    }

    protected final ParserLimits limits;
    private final BinanceDepthSync.Rule depthRule;
    private final SymbolStates<Depth> books;
    private final SymbolStates<BookPublisher> partialBooks;

    BinanceParser(FeedSource source, FeedHealth health, ParserLimits limits, BinanceDepthSync.Rule depthRule) {
        super(source, health);
        this.limits = limits;
        this.depthRule = depthRule;
        this.books = new SymbolStates<>(limits.symbolsMax());
        this.partialBooks = new SymbolStates<>(limits.symbolsMax());
    }

    /**
     * Symbols whose local book is discarded (never synced, or a sequence gap) and needs a REST depth snapshot, in
     * symbol order. A connector polls this after each message and fetches the snapshots.
     */
    @Override
    public SortedSet<String> symbolsNeedingSnapshot() {
        return books.symbolsWhere(d -> d.sync.resyncNeeded());
    }

    /** The synchroniser of a symbol's book, or null if no depth message for it has been seen. */
    public BinanceDepthSync depthSync(String symbol) {
        Depth d = books.get(symbol);
        return d == null ? null : d.sync;
    }

    /** Event types this market publishes that the monitor does not use: counted as ignored, not as issues. */
    abstract Set<String> unusedEvents();

    /** Handles the market's own event types; returns false if {@code type} is not one of them. */
    abstract boolean onMarketEvent(String type, JsonNode p, long receiveTsMs, Inbox inbox);

    /** Handles an event without {@code e} that the market defines; returns false if it is not one. */
    boolean onUntypedPayload(JsonNode p, long receiveTsMs, Inbox inbox) {
        return false;
    }

    @Override
    protected final void onMessage(JsonNode root, long receiveTsMs, Inbox inbox) {
        String stream = null;
        JsonNode payload = root;
        if (root.isObject() && root.has("stream") && root.has("data")) {
            stream = Fields.text(root, "stream");
            payload = root.get("data");
        }
        if (payload.isArray()) {
            String s = stream;
            inbox.forEachElement(payload, element -> onPayload(s, element, receiveTsMs, inbox));
            return;
        }
        onPayload(stream, payload, receiveTsMs, inbox);
    }

    private void onPayload(String stream, JsonNode p, long receiveTsMs, Inbox inbox) {
        if (!p.isObject()) {
            throw new Rejected("unknown-message");
        }
        if (p.has("e")) {
            String type = Fields.text(p, "e");
            onEvent(type, stream, p, receiveTsMs, inbox);
            return;
        }
        if (p.has("result") && p.has("id")) {
            inbox.ignore("subscription-ack");
            return;
        }
        if (p.has("code") && p.has("msg")) {
            throw new Rejected("venue-error");
        }
        if (!onUntypedPayload(p, receiveTsMs, inbox)) {
            throw new Rejected("unknown-message");
        }
    }

    private void onEvent(String type, String stream, JsonNode p, long receiveTsMs, Inbox inbox) {
        switch (type) {
            case "aggTrade" -> trade(p, "a", receiveTsMs, inbox);
            case "trade" -> trade(p, "t", receiveTsMs, inbox);
            case "depthUpdate" -> {
                if (stream != null && PARTIAL_DEPTH_STREAM.matcher(stream).matches()) {
                    partialDepth(p, receiveTsMs, inbox);
                } else {
                    depthDiff(p, receiveTsMs, inbox);
                }
            }
            default -> {
                if (!onMarketEvent(type, p, receiveTsMs, inbox)) {
                    if (!unusedEvents().contains(type)) {
                        throw new Rejected("unknown-event");
                    }
                    inbox.ignore("unused-event");
                }
            }
        }
    }

    private void trade(JsonNode p, String idKey, long receiveTsMs, Inbox inbox) {
        String symbol = Fields.symbol(p, "s");
        long priceE8 = Fields.positiveE8(p, "p");
        long qtyE8 = Fields.positiveE8(p, "q");
        long id = Fields.id(p, idKey);
        long tradeTsMs = Fields.timeMs(p, "T");
        // "m": the buyer is the maker, so the taker (aggressor) sold.
        Side aggressor = Fields.bool(p, "m") ? Side.SELL : Side.BUY;
        inbox.emit(new MarketEvent.Trade(source(), symbol, tradeTsMs, receiveTsMs, priceE8, qtyE8, aggressor,
                Long.toString(id)));
    }

    /** Binance's best bid/offer fields {@code b B a A}; a crossed top is rejected. */
    final void bookTicker(JsonNode p, long exchangeTsMs, long receiveTsMs, Inbox inbox) {
        String symbol = Fields.symbol(p, "s");
        long bid = Fields.positiveE8(p, "b");
        long bidQty = Fields.positiveE8(p, "B");
        long ask = Fields.positiveE8(p, "a");
        long askQty = Fields.positiveE8(p, "A");
        if (bid >= ask) {
            throw new Rejected("crossed-book");
        }
        inbox.emit(new MarketEvent.BookTop(source(), symbol, exchangeTsMs, receiveTsMs, bid, bidQty, ask, askQty));
    }

    private void depthDiff(JsonNode p, long receiveTsMs, Inbox inbox) {
        String symbol = Fields.symbol(p, "s");
        long eventTsMs = Fields.timeMs(p, "E");
        long first = Fields.id(p, "U");
        long last = Fields.id(p, "u");
        long previous = depthRule == BinanceDepthSync.Rule.USDM ? Fields.id(p, "pu") : -1;
        if (first > last) {
            throw new Rejected("bad-sequence");
        }
        LevelChanges changes = Levels.read(p, "b", "a", limits.levelsPerMessageMax());
        Depth depth = books.getOrCreate(symbol, () -> new Depth(
                new BinanceDepthSync(depthRule, limits.depthBufferMax(), limits.bookLevelsMax()),
                new BookPublisher(limits.depthLevels())));
        SyncOutcome outcome = depth.sync.onDiff(new BinanceDepthSync.Diff(first, last, previous, eventTsMs, changes));
        settle(symbol, depth, outcome, receiveTsMs, inbox);
    }

    /** A REST depth snapshot for {@code symbol}: the start (or restart) of its local book. */
    final void depthSnapshot(String symbol, JsonNode body, long receiveTsMs, Inbox inbox) {
        long lastUpdateId = Fields.id(body, "lastUpdateId");
        long snapshotTsMs = Fields.has(body, "E") ? Fields.timeMs(body, "E") : 0;
        LevelChanges levels = Levels.read(body, "bids", "asks", limits.bookLevelsMax());
        for (int i = 0; i < levels.bidQtysE8().length; i++) {
            if (levels.bidQtysE8()[i] == 0) {
                throw new Rejected("bad-level:bids");
            }
        }
        for (int i = 0; i < levels.askQtysE8().length; i++) {
            if (levels.askQtysE8()[i] == 0) {
                throw new Rejected("bad-level:asks");
            }
        }
        Depth depth = books.getOrCreate(symbol, () -> new Depth(
                new BinanceDepthSync(depthRule, limits.depthBufferMax(), limits.bookLevelsMax()),
                new BookPublisher(limits.depthLevels())));
        depth.publisher.reset();
        SyncOutcome outcome = depth.sync.onSnapshot(lastUpdateId, levels, snapshotTsMs);
        if (outcome == SyncOutcome.GAP) {
            // The snapshot is older than the diffs buffered since: fetch a newer one.
            inbox.issue("stale-snapshot");
            return;
        }
        settle(symbol, depth, outcome, receiveTsMs, inbox);
    }

    private void settle(String symbol, Depth depth, SyncOutcome outcome, long receiveTsMs, Inbox inbox) {
        switch (outcome) {
            case APPLIED -> {
                if (!depth.publisher.publish(source(), symbol, depth.sync.lastEventTsMs(), receiveTsMs,
                        depth.sync.bookUpdateId(), depth.sync.book(), inbox::emit)) {
                    inbox.issue("crossed-book");
                }
            }
            case BUFFERED, AWAITING_FIRST_EVENT -> {
                // Nothing to publish until the book is proven in sync.
            }
            case BUFFER_FULL -> inbox.issue("depth-buffer-full");
            case STALE_DROPPED -> inbox.ignore("depth-already-applied");
            case GAP -> {
                depth.publisher.reset();
                inbox.issue("sequence-gap");
            }
            case OVERFLOW -> {
                depth.publisher.reset();
                inbox.issue("book-overflow");
            }
            case DISCARDED -> inbox.ignore("depth-awaiting-snapshot");
        }
    }

    /** A partial-depth stream message ({@code @depth5/10/20}): a complete top-N book, published as is. */
    private void partialDepth(JsonNode p, long receiveTsMs, Inbox inbox) {
        String symbol = Fields.symbol(p, "s");
        long eventTsMs = Fields.timeMs(p, "E");
        long last = Fields.id(p, "u");
        LevelChanges levels = Levels.read(p, "b", "a", limits.levelsPerMessageMax());
        LocalBook book = new LocalBook(limits.levelsPerMessageMax());
        book.apply(levels);
        BookPublisher publisher = partialBooks.getOrCreate(symbol,
                () -> new BookPublisher(Math.max(limits.depthLevels(), 20)));
        if (!publisher.publish(source(), symbol, eventTsMs, receiveTsMs, last, book, inbox::emit)) {
            throw new Rejected("crossed-book");
        }
    }
}
