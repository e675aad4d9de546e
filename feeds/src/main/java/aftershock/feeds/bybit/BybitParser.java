package aftershock.feeds.bybit;

import aftershock.feeds.AdlRisk;
import aftershock.feeds.FeedHealth;
import aftershock.feeds.FeedSource;
import aftershock.feeds.MarketEvent;
import aftershock.feeds.PositionSide;
import aftershock.feeds.Side;
import aftershock.feeds.book.BookPublisher;
import aftershock.feeds.book.BybitDepthSync;
import aftershock.feeds.book.LevelChanges;
import aftershock.feeds.book.SyncOutcome;
import aftershock.feeds.wire.Fields;
import aftershock.feeds.wire.Inbox;
import aftershock.feeds.wire.JsonFeedParser;
import aftershock.feeds.wire.Levels;
import aftershock.feeds.wire.ParserLimits;
import aftershock.feeds.wire.Rejected;
import aftershock.feeds.wire.Request;
import aftershock.feeds.wire.SymbolStates;
import com.fasterxml.jackson.databind.JsonNode;

import java.util.Set;
import java.util.SortedSet;

/**
 * Bybit v5 public linear ({@code bybit}). Topics: {@code tickers.*} (snapshot, then deltas of changed fields only,
 * merged per symbol into mark/index/funding, open interest and book top), {@code allLiquidation.*} (every
 * liquidation; {@code S} is the LIQUIDATED POSITION's side: Buy means a long was liquidated), the deprecated
 * {@code liquidation.*} (one per second: {@code sampled}), {@code publicTrade.*} ({@code S} is the taker's side),
 * {@code orderbook.*} (snapshot + deltas synced by {@code u}) and {@code adlAlert.*}. REST:
 * {@code /v5/market/open-interest}, {@code /v5/market/tickers}.
 */
public final class BybitParser extends JsonFeedParser {
    private static final Set<String> UNUSED_TOPICS = Set.of("kline", "lt", "tickers_lt", "kline_lt", "insurance",
            "priceLimit", "orderbook_rpi");

    /** A symbol's ticker as merged from the snapshot and the deltas since. */
    private static final class Ticker {
        long markE8 = MarketEvent.ABSENT;
        long indexE8 = MarketEvent.ABSENT;
        long fundingRateE8 = MarketEvent.ABSENT;
        long nextFundingTsMs = MarketEvent.ABSENT;
        long openInterestE8 = MarketEvent.ABSENT;
        long openInterestValueE8 = MarketEvent.ABSENT;
        long bidE8 = MarketEvent.ABSENT;
        long bidQtyE8 = MarketEvent.ABSENT;
        long askE8 = MarketEvent.ABSENT;
        long askQtyE8 = MarketEvent.ABSENT;
    }

    private static final class Depth {
        final BybitDepthSync sync;
        final BookPublisher publisher;

        Depth(BybitDepthSync sync, BookPublisher publisher) {
            this.sync = sync;
            this.publisher = publisher;
        }
    }

    private final ParserLimits limits;
    private final SymbolStates<Ticker> tickers;
    private final SymbolStates<Depth> books;

    public BybitParser(FeedHealth health) {
        this(health, ParserLimits.DEFAULT);
    }

    public BybitParser(FeedHealth health, ParserLimits limits) {
        super(FeedSource.BYBIT, health);
        this.limits = limits;
        this.tickers = new SymbolStates<>(limits.symbolsMax());
        this.books = new SymbolStates<>(limits.symbolsMax());
    }

    /** Symbols whose order book is discarded after a gap: resubscribe to get a new snapshot. */
    @Override
    public SortedSet<String> symbolsNeedingSnapshot() {
        return books.symbolsWhere(d -> d.sync.resyncNeeded());
    }

    public BybitDepthSync depthSync(String symbol) {
        Depth d = books.get(symbol);
        return d == null ? null : d.sync;
    }

    @Override
    protected void onMessage(JsonNode root, long receiveTsMs, Inbox inbox) {
        if (!root.isObject()) {
            throw new Rejected("unknown-message");
        }
        if (!root.has("topic")) {
            control(root, inbox);
            return;
        }
        String topic = Fields.text(root, "topic");
        int dot = topic.indexOf('.');
        String channel = dot < 0 ? topic : topic.substring(0, dot);
        String suffix = dot < 0 ? "" : topic.substring(topic.lastIndexOf('.') + 1);
        switch (channel) {
            case "tickers" -> ticker(root, suffix, receiveTsMs, inbox);
            case "allLiquidation" -> allLiquidation(root, receiveTsMs, inbox);
            case "liquidation" -> sampledLiquidation(root, receiveTsMs, inbox);
            case "publicTrade" -> publicTrade(root, receiveTsMs, inbox);
            case "orderbook" -> orderbook(root, receiveTsMs, inbox);
            case "adlAlert" -> adlAlert(root, receiveTsMs, inbox);
            default -> {
                if (!UNUSED_TOPICS.contains(channel)) {
                    throw new Rejected("unknown-topic");
                }
                inbox.ignore("unused-event");
            }
        }
    }

    /** Replies to subscribe and ping: {@code {"success":true,"op":"subscribe",..}}, {@code {"op":"pong",..}}. */
    private static void control(JsonNode root, Inbox inbox) {
        if (!root.has("op")) {
            throw new Rejected("unknown-message");
        }
        String op = Fields.text(root, "op");
        if (root.has("success") && !Fields.bool(root, "success")) {
            throw new Rejected("venue-error");
        }
        switch (op) {
            case "subscribe", "unsubscribe" -> inbox.ignore("subscription-ack");
            case "ping", "pong" -> inbox.ignore("pong");
            default -> throw new Rejected("unknown-message");
        }
    }

    private void ticker(JsonNode root, String topicSymbol, long receiveTsMs, Inbox inbox) {
        long tsMs = Fields.timeMs(root, "ts");
        boolean snapshot = snapshotType(root);
        JsonNode d = Fields.object(root, "data");
        String symbol = Fields.has(d, "symbol") ? Fields.symbol(d, "symbol") : topicSymbol;
        if (!symbol.equals(topicSymbol)) {
            throw new Rejected("symbol-mismatch");
        }
        // Read every field first: a bad one rejects the message before the merged state changes.
        Ticker update = new Ticker();
        update.markE8 = positiveOrAbsent(d, "markPrice");
        update.indexE8 = positiveOrAbsent(d, "indexPrice");
        update.fundingRateE8 = Fields.decimalE8OrAbsent(d, "fundingRate");
        update.nextFundingTsMs = Fields.timeMsOrAbsent(d, "nextFundingTime");
        update.openInterestE8 = nonNegativeOrAbsent(d, "openInterest");
        update.openInterestValueE8 = nonNegativeOrAbsent(d, "openInterestValue");
        update.bidE8 = nonNegativeOrAbsent(d, "bid1Price");
        update.bidQtyE8 = nonNegativeOrAbsent(d, "bid1Size");
        update.askE8 = nonNegativeOrAbsent(d, "ask1Price");
        update.askQtyE8 = nonNegativeOrAbsent(d, "ask1Size");
        Ticker state;
        if (snapshot) {
            state = tickers.getOrCreate(symbol, Ticker::new);
            copy(update, state, true);
        } else {
            state = tickers.get(symbol);
            if (state == null) {
                throw new Rejected("delta-before-snapshot");
            }
            copy(update, state, false);
        }
        emitTicker(symbol, tsMs, receiveTsMs, update, state, inbox);
    }

    private void emitTicker(String symbol, long tsMs, long receiveTsMs, Ticker changed, Ticker state, Inbox inbox) {
        boolean markChanged = changed.markE8 != MarketEvent.ABSENT || changed.indexE8 != MarketEvent.ABSENT
                || changed.fundingRateE8 != MarketEvent.ABSENT || changed.nextFundingTsMs != MarketEvent.ABSENT;
        if (markChanged && (state.markE8 != MarketEvent.ABSENT || state.indexE8 != MarketEvent.ABSENT
                || state.fundingRateE8 != MarketEvent.ABSENT)) {
            inbox.emit(new MarketEvent.MarkFunding(source(), symbol, tsMs, receiveTsMs, state.markE8, state.indexE8,
                    state.fundingRateE8, state.nextFundingTsMs));
        }
        boolean oiChanged = changed.openInterestE8 != MarketEvent.ABSENT
                || changed.openInterestValueE8 != MarketEvent.ABSENT;
        if (oiChanged && state.openInterestE8 != MarketEvent.ABSENT) {
            inbox.emit(new MarketEvent.OpenInterest(source(), symbol, tsMs, receiveTsMs, state.openInterestE8,
                    state.openInterestValueE8));
        }
        boolean topChanged = changed.bidE8 != MarketEvent.ABSENT || changed.bidQtyE8 != MarketEvent.ABSENT
                || changed.askE8 != MarketEvent.ABSENT || changed.askQtyE8 != MarketEvent.ABSENT;
        if (topChanged && state.bidE8 > 0 && state.bidQtyE8 > 0 && state.askE8 > 0 && state.askQtyE8 > 0) {
            if (state.bidE8 >= state.askE8) {
                inbox.issue("crossed-book");
            } else {
                inbox.emit(new MarketEvent.BookTop(source(), symbol, tsMs, receiveTsMs, state.bidE8, state.bidQtyE8,
                        state.askE8, state.askQtyE8));
            }
        }
    }

    private static void copy(Ticker from, Ticker to, boolean all) {
        if (all || from.markE8 != MarketEvent.ABSENT) {
            to.markE8 = from.markE8;
        }
        if (all || from.indexE8 != MarketEvent.ABSENT) {
            to.indexE8 = from.indexE8;
        }
        if (all || from.fundingRateE8 != MarketEvent.ABSENT) {
            to.fundingRateE8 = from.fundingRateE8;
        }
        if (all || from.nextFundingTsMs != MarketEvent.ABSENT) {
            to.nextFundingTsMs = from.nextFundingTsMs;
        }
        if (all || from.openInterestE8 != MarketEvent.ABSENT) {
            to.openInterestE8 = from.openInterestE8;
        }
        if (all || from.openInterestValueE8 != MarketEvent.ABSENT) {
            to.openInterestValueE8 = from.openInterestValueE8;
        }
        if (all || from.bidE8 != MarketEvent.ABSENT) {
            to.bidE8 = from.bidE8;
        }
        if (all || from.bidQtyE8 != MarketEvent.ABSENT) {
            to.bidQtyE8 = from.bidQtyE8;
        }
        if (all || from.askE8 != MarketEvent.ABSENT) {
            to.askE8 = from.askE8;
        }
        if (all || from.askQtyE8 != MarketEvent.ABSENT) {
            to.askQtyE8 = from.askQtyE8;
        }
    }

    private void allLiquidation(JsonNode root, long receiveTsMs, Inbox inbox) {
        Fields.timeMs(root, "ts");
        inbox.forEachElement(Fields.array(root, "data"), l -> inbox.emit(new MarketEvent.Liquidation(source(),
                Fields.symbol(l, "s"), Fields.timeMs(l, "T"), receiveTsMs, positionSide(l, "S"),
                Fields.positiveE8(l, "p"), Fields.positiveE8(l, "v"), false)));
    }

    /** The deprecated {@code liquidation.*} topic: one liquidation per symbol per second, so a sample. */
    private void sampledLiquidation(JsonNode root, long receiveTsMs, Inbox inbox) {
        Fields.timeMs(root, "ts");
        JsonNode l = Fields.object(root, "data");
        inbox.emit(new MarketEvent.Liquidation(source(), Fields.symbol(l, "symbol"), Fields.timeMs(l, "updatedTime"),
                receiveTsMs, positionSide(l, "side"), Fields.positiveE8(l, "price"), Fields.positiveE8(l, "size"),
                true));
    }

    /** Bybit's liquidation side is the liquidated POSITION's: "Buy" means a long position was liquidated. */
    private static PositionSide positionSide(JsonNode l, String key) {
        return switch (Fields.text(l, key)) {
            case "Buy" -> PositionSide.LONG;
            case "Sell" -> PositionSide.SHORT;
            default -> throw new Rejected("bad-value:" + key);
        };
    }

    private void publicTrade(JsonNode root, long receiveTsMs, Inbox inbox) {
        Fields.timeMs(root, "ts");
        inbox.forEachElement(Fields.array(root, "data"), t -> {
            // "S" is the taker's side here.
            Side aggressor = switch (Fields.text(t, "S")) {
                case "Buy" -> Side.BUY;
                case "Sell" -> Side.SELL;
                default -> throw new Rejected("bad-value:S");
            };
            String id = Fields.text(t, "i");
            if (id.isEmpty() || id.length() > 64) {
                throw new Rejected("bad-value:i");
            }
            inbox.emit(new MarketEvent.Trade(source(), Fields.symbol(t, "s"), Fields.timeMs(t, "T"), receiveTsMs,
                    Fields.positiveE8(t, "p"), Fields.positiveE8(t, "v"), aggressor, id));
        });
    }

    private void orderbook(JsonNode root, long receiveTsMs, Inbox inbox) {
        long tsMs = Fields.timeMs(root, "ts");
        boolean snapshot = snapshotType(root);
        JsonNode d = Fields.object(root, "data");
        String symbol = Fields.symbol(d, "s");
        long updateId = Fields.id(d, "u");
        LevelChanges levels = Levels.read(d, "b", "a", limits.levelsPerMessageMax());
        Depth depth = books.getOrCreate(symbol, () -> new Depth(new BybitDepthSync(limits.bookLevelsMax()),
                new BookPublisher(limits.depthLevels())));
        SyncOutcome outcome;
        // u == 1: the venue restarted its service and this is a full book, whatever "type" says.
        if (snapshot || updateId == 1) {
            depth.publisher.reset();
            outcome = depth.sync.onSnapshot(updateId, levels, tsMs);
        } else {
            outcome = depth.sync.onDelta(updateId, levels, tsMs);
        }
        switch (outcome) {
            case APPLIED -> {
                if (!depth.publisher.publish(source(), symbol, tsMs, receiveTsMs, updateId, depth.sync.book(),
                        inbox::emit)) {
                    inbox.issue("crossed-book");
                }
            }
            case GAP -> {
                depth.publisher.reset();
                inbox.issue("sequence-gap");
            }
            case OVERFLOW -> {
                depth.publisher.reset();
                inbox.issue("book-overflow");
            }
            case STALE_DROPPED -> inbox.ignore("depth-already-applied");
            case DISCARDED -> inbox.ignore("depth-awaiting-snapshot");
            default -> throw new IllegalStateException("unexpected Bybit depth outcome " + outcome);
        }
    }

    /**
     * ADL alert: Bybit's rule (v5 "Get ADL Alert"): contract-PnL-drawdown ADL triggers when the pool balance is above
     * {@code adl_tt} and the drawdown ratio {@code pr} is below {@code i_pr}; pool-equity ADL when the balance is at or
     * below 0. The documentation says strings; its own example sends numbers: both are read exactly.
     */
    private void adlAlert(JsonNode root, long receiveTsMs, Inbox inbox) {
        long tsMs = Fields.timeMs(root, "ts");
        JsonNode data = Fields.field(root, "data");
        JsonNode list = data.isArray() ? data : Fields.array(data, "list");
        inbox.forEachElement(list, a -> {
            String pool = Fields.text(a, "c");
            if (pool.length() > 16) {
                throw new Rejected("bad-value:c");
            }
            long balanceE8 = Fields.decimalE8(a, "b");
            long triggerRatioE8 = Fields.decimalE8(a, "i_pr");
            long ratioE8 = Fields.decimalE8(a, "pr");
            long triggerBalanceE8 = Fields.decimalE8(a, "adl_tt");
            long stopRatioE8 = Fields.decimalE8OrAbsent(a, "adl_sr");
            boolean triggered = balanceE8 <= 0 || (balanceE8 > triggerBalanceE8 && ratioE8 < triggerRatioE8);
            inbox.emit(new MarketEvent.AdlNotice(source(), Fields.symbol(a, "s"), tsMs, receiveTsMs,
                    triggered ? AdlRisk.TRIGGERED : AdlRisk.NOT_TRIGGERED, pool, balanceE8, ratioE8, triggerRatioE8,
                    triggerBalanceE8, stopRatioE8));
        });
    }

    private static boolean snapshotType(JsonNode root) {
        return switch (Fields.text(root, "type")) {
            case "snapshot" -> true;
            case "delta" -> false;
            default -> throw new Rejected("bad-value:type");
        };
    }

    private static long positiveOrAbsent(JsonNode d, String key) {
        long v = Fields.decimalE8OrAbsent(d, key);
        if (v != MarketEvent.ABSENT && v <= 0) {
            throw new Rejected("out-of-range:" + key);
        }
        return v;
    }

    private static long nonNegativeOrAbsent(JsonNode d, String key) {
        long v = Fields.decimalE8OrAbsent(d, key);
        if (v != MarketEvent.ABSENT && v < 0) {
            throw new Rejected("out-of-range:" + key);
        }
        return v;
    }

    @Override
    protected void onResponse(String request, JsonNode root, long receiveTsMs, Inbox inbox) {
        Request r = Request.of(request);
        if (!root.isObject()) {
            throw new Rejected("unknown-message");
        }
        if (Fields.id(root, "retCode") != 0) {
            throw new Rejected("venue-error");
        }
        JsonNode list = Fields.array(Fields.object(root, "result"), "list");
        switch (r.path()) {
            case "/v5/market/open-interest" -> {
                String symbol = r.symbolParam("symbol");
                // The list is newest first; each entry is a point of the history.
                inbox.forEachElement(list, p -> inbox.emit(new MarketEvent.OpenInterest(source(), symbol,
                        Fields.timeMs(p, "timestamp"), receiveTsMs, Fields.nonNegativeE8(p, "openInterest"),
                        MarketEvent.ABSENT)));
            }
            case "/v5/market/tickers" -> {
                long timeMs = Fields.timeMs(root, "time");
                inbox.forEachElement(list, t -> {
                    Ticker full = new Ticker();
                    full.markE8 = positiveOrAbsent(t, "markPrice");
                    full.indexE8 = positiveOrAbsent(t, "indexPrice");
                    full.fundingRateE8 = Fields.decimalE8OrAbsent(t, "fundingRate");
                    full.nextFundingTsMs = Fields.timeMsOrAbsent(t, "nextFundingTime");
                    full.openInterestE8 = nonNegativeOrAbsent(t, "openInterest");
                    full.openInterestValueE8 = nonNegativeOrAbsent(t, "openInterestValue");
                    full.bidE8 = nonNegativeOrAbsent(t, "bid1Price");
                    full.bidQtyE8 = nonNegativeOrAbsent(t, "bid1Size");
                    full.askE8 = nonNegativeOrAbsent(t, "ask1Price");
                    full.askQtyE8 = nonNegativeOrAbsent(t, "ask1Size");
                    emitTicker(Fields.symbol(t, "symbol"), timeMs, receiveTsMs, full, full, inbox);
                });
            }
            default -> throw new Rejected("unknown-request");
        }
    }
}
