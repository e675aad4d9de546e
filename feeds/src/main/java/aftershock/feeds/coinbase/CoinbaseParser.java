package aftershock.feeds.coinbase;

import aftershock.feeds.FeedHealth;
import aftershock.feeds.FeedSource;
import aftershock.feeds.MarketEvent;
import aftershock.feeds.Side;
import aftershock.feeds.wire.Fields;
import aftershock.feeds.wire.Inbox;
import aftershock.feeds.wire.JsonFeedParser;
import aftershock.feeds.wire.ParserLimits;
import aftershock.feeds.wire.Rejected;
import aftershock.feeds.wire.SymbolStates;
import com.fasterxml.jackson.databind.JsonNode;

import java.time.DateTimeException;
import java.time.Instant;
import java.util.Set;

/**
 * Coinbase Exchange public feed ({@code coinbase}, {@code wss://ws-feed.exchange.coinbase.com}): {@code match} and
 * {@code last_match} become trades, {@code ticker} becomes a book top. Traps handled: in {@code matches} the
 * {@code side} is the MAKER's side (a "sell" match is an up-tick: the taker bought), and messages can arrive out of
 * order (a {@code sequence} not above the last seen for that product and channel is dropped, unless it is so far
 * below that the sequence must have restarted). A {@code heartbeat} whose {@code last_trade_id} is beyond the last
 * match seen reveals missed trades ({@code missed-trades}).
 */
public final class CoinbaseParser extends JsonFeedParser {
    private static final Set<String> UNUSED = Set.of("snapshot", "l2update", "l2_update", "received", "open", "done",
            "change", "activate", "status", "ticker_batch");

    /** How far back a sequence number is still a late message rather than a restarted sequence. */
    static final long SEQUENCE_REORDER_WINDOW = 100_000;

    /** Last sequence numbers and trade id of one product. */
    private static final class Product {
        long tickerSequence = -1;
        long matchSequence = -1;
        long lastTradeId = -1;
    }

    private final SymbolStates<Product> products;

    public CoinbaseParser(FeedHealth health) {
        this(health, ParserLimits.DEFAULT);
    }

    public CoinbaseParser(FeedHealth health, ParserLimits limits) {
        super(FeedSource.COINBASE, health);
        this.products = new SymbolStates<>(limits.symbolsMax());
    }

    @Override
    protected void onMessage(JsonNode root, long receiveTsMs, Inbox inbox) {
        if (!root.isObject()) {
            throw new Rejected("unknown-message");
        }
        String type = Fields.text(root, "type");
        switch (type) {
            case "match", "last_match" -> match(root, receiveTsMs, inbox);
            case "ticker" -> ticker(root, receiveTsMs, inbox);
            case "heartbeat" -> heartbeat(root, inbox);
            case "subscriptions" -> inbox.ignore("subscription-ack");
            case "error" -> throw new Rejected("venue-error");
            default -> {
                if (!UNUSED.contains(type)) {
                    throw new Rejected("unknown-event");
                }
                inbox.ignore("unused-event");
            }
        }
    }

    private void match(JsonNode m, long receiveTsMs, Inbox inbox) {
        String product = Fields.symbol(m, "product_id");
        long sequence = Fields.id(m, "sequence");
        long tradeId = Fields.id(m, "trade_id");
        long priceE8 = Fields.positiveE8(m, "price");
        long sizeE8 = Fields.positiveE8(m, "size");
        long timeMs = isoTimeMs(m, "time");
        // "side" in matches is the MAKER's side: the aggressor is the other one.
        Side maker = side(m);
        Product state = products.getOrCreate(product, Product::new);
        if (outOfOrder(sequence, state.matchSequence, inbox)) {
            return;
        }
        state.matchSequence = sequence;
        state.lastTradeId = Math.max(state.lastTradeId, tradeId);
        inbox.emit(new MarketEvent.Trade(source(), product, timeMs, receiveTsMs, priceE8, sizeE8, maker.opposite(),
                Long.toString(tradeId)));
    }

    private void ticker(JsonNode t, long receiveTsMs, Inbox inbox) {
        String product = Fields.symbol(t, "product_id");
        long sequence = Fields.id(t, "sequence");
        long timeMs = isoTimeMs(t, "time");
        long bidE8 = Fields.positiveE8(t, "best_bid");
        long askE8 = Fields.positiveE8(t, "best_ask");
        long bidQtyE8 = positiveOrAbsent(t, "best_bid_size");
        long askQtyE8 = positiveOrAbsent(t, "best_ask_size");
        if (bidE8 >= askE8) {
            throw new Rejected("crossed-book");
        }
        Product state = products.getOrCreate(product, Product::new);
        if (outOfOrder(sequence, state.tickerSequence, inbox)) {
            return;
        }
        state.tickerSequence = sequence;
        inbox.emit(new MarketEvent.BookTop(source(), product, timeMs, receiveTsMs, bidE8, bidQtyE8, askE8,
                askQtyE8));
    }

    /**
     * Coinbase: "messages can arrive out of order": one whose sequence is not above the last seen is dropped. A
     * sequence far below the last (more than {@link #SEQUENCE_REORDER_WINDOW}) is not a late message but a restarted
     * sequence (or a corrupt last one): it is used, and counted as {@code sequence-reset}, so that one bad number
     * cannot silence a product for good.
     */
    private static boolean outOfOrder(long sequence, long last, Inbox inbox) {
        if (sequence > last) {
            return false;
        }
        if (last - sequence > SEQUENCE_REORDER_WINDOW) {
            inbox.issue("sequence-reset");
            return false;
        }
        inbox.ignore("out-of-order");
        return true;
    }

    private void heartbeat(JsonNode h, Inbox inbox) {
        String product = Fields.symbol(h, "product_id");
        long lastTradeId = Fields.id(h, "last_trade_id");
        Product state = products.get(product);
        if (state != null && state.lastTradeId >= 0 && lastTradeId > state.lastTradeId) {
            inbox.issue("missed-trades");
            state.lastTradeId = lastTradeId;
        }
        inbox.ignore("heartbeat");
    }

    private static Side side(JsonNode m) {
        return switch (Fields.text(m, "side")) {
            case "buy" -> Side.BUY;
            case "sell" -> Side.SELL;
            default -> throw new Rejected("bad-value:side");
        };
    }

    /** Sizes are newer fields of the ticker: absent in older messages; "0" is not a book. */
    private static long positiveOrAbsent(JsonNode t, String key) {
        long v = Fields.decimalE8OrAbsent(t, key);
        if (v != MarketEvent.ABSENT && v <= 0) {
            throw new Rejected("out-of-range:" + key);
        }
        return v;
    }

    /** ISO-8601 UTC with microseconds ({@code 2020-02-01T01:40:16.253563Z}) to epoch ms, rounded down. */
    static long isoTimeMs(JsonNode obj, String key) {
        String text = Fields.text(obj, key);
        if (text.length() > 40) {
            throw new Rejected("bad-time:" + key);
        }
        try {
            long ms = Instant.parse(text).toEpochMilli();
            if (ms <= 0 || ms > Fields.TIME_MS_MAX) {
                throw new Rejected("bad-time:" + key);
            }
            return ms;
        } catch (DateTimeException | ArithmeticException e) {
            throw new Rejected("bad-time:" + key);
        }
    }

    @Override
    protected void onResponse(String request, JsonNode root, long receiveTsMs, Inbox inbox) {
        throw new Rejected("unknown-request");
    }
}
