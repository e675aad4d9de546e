package aftershock.feeds.okx;

import aftershock.feeds.FeedHealth;
import aftershock.feeds.FeedSource;
import aftershock.feeds.FixedPoint;
import aftershock.feeds.MarketEvent;
import aftershock.feeds.PositionSide;
import aftershock.feeds.Side;
import aftershock.feeds.wire.Fields;
import aftershock.feeds.wire.Inbox;
import aftershock.feeds.wire.JsonFeedParser;
import aftershock.feeds.wire.Rejected;
import com.fasterxml.jackson.databind.JsonNode;

import java.util.Map;
import java.util.TreeMap;

/**
 * OKX v5 public ({@code okx}). Channels: {@code funding-rate}, {@code open-interest}, {@code mark-price},
 * {@code index-tickers}, {@code tickers}, {@code trades}, {@code liquidation-orders} (at most one per instrument per
 * second: {@code sampled}; {@code posSide} names the liquidated position, and in net mode it is derived from the order
 * side: a buy closes a short). Sizes of swaps and futures are in contracts: they are converted to base units with the
 * configured contract sizes ({@code ctVal} from {@code /api/v5/public/instruments}); an instrument without one is
 * rejected ({@code unknown-contract-size}). OKX publishes funding rates with 16 decimals: they are rounded half-even
 * to E8. Keepalive replies are the bare text {@code pong}.
 */
public final class OkxParser extends JsonFeedParser {
    /** Contract sizes (base units per contract, E8) of the linear swaps the monitor follows by default. */
    public static final Map<String, Long> DEFAULT_CONTRACT_SIZES_E8 = Map.of(
            "BTC-USDT-SWAP", 1_000_000L,     // 0.01 BTC
            "ETH-USDT-SWAP", 10_000_000L);   // 0.1 ETH

    private final TreeMap<String, Long> contractSizesE8;

    public OkxParser(FeedHealth health) {
        this(health, DEFAULT_CONTRACT_SIZES_E8);
    }

    public OkxParser(FeedHealth health, Map<String, Long> contractSizesE8) {
        super(FeedSource.OKX, health);
        this.contractSizesE8 = new TreeMap<>(contractSizesE8);
        for (Map.Entry<String, Long> e : this.contractSizesE8.entrySet()) {
            if (e.getValue() <= 0) {
                throw new IllegalArgumentException("contract size of " + e.getKey() + " must be positive");
            }
        }
    }

    @Override
    protected boolean onText(String raw, Inbox inbox) {
        if (raw.equals("pong")) {
            inbox.ignore("pong");
            return true;
        }
        return false;
    }

    @Override
    protected void onMessage(JsonNode root, long receiveTsMs, Inbox inbox) {
        if (!root.isObject()) {
            throw new Rejected("unknown-message");
        }
        if (root.has("event")) {
            switch (Fields.text(root, "event")) {
                case "subscribe", "unsubscribe" -> inbox.ignore("subscription-ack");
                case "error" -> throw new Rejected("venue-error");
                case "notice" -> inbox.ignore("notice");
                default -> throw new Rejected("unknown-event");
            }
            return;
        }
        String channel = Fields.text(Fields.object(root, "arg"), "channel");
        JsonNode data = Fields.array(root, "data");
        switch (channel) {
            case "funding-rate" -> inbox.forEachElement(data, d -> inbox.emit(new MarketEvent.MarkFunding(source(),
                    Fields.symbol(d, "instId"), Fields.timeMs(d, "ts"), receiveTsMs, MarketEvent.ABSENT,
                    MarketEvent.ABSENT, Fields.decimalE8RoundedHalfEven(d, "fundingRate"),
                    Fields.timeMsOrAbsent(d, "fundingTime"))));
            case "mark-price" -> inbox.forEachElement(data, d -> inbox.emit(new MarketEvent.MarkFunding(source(),
                    Fields.symbol(d, "instId"), Fields.timeMs(d, "ts"), receiveTsMs, Fields.positiveE8(d, "markPx"),
                    MarketEvent.ABSENT, MarketEvent.ABSENT, MarketEvent.ABSENT)));
            case "index-tickers" -> inbox.forEachElement(data, d -> inbox.emit(new MarketEvent.MarkFunding(source(),
                    Fields.symbol(d, "instId"), Fields.timeMs(d, "ts"), receiveTsMs, MarketEvent.ABSENT,
                    Fields.positiveE8(d, "idxPx"), MarketEvent.ABSENT, MarketEvent.ABSENT)));
            case "open-interest" -> inbox.forEachElement(data, d -> {
                long valueUsdE8 = Fields.decimalE8OrAbsent(d, "oiUsd");
                if (valueUsdE8 != MarketEvent.ABSENT && valueUsdE8 < 0) {
                    throw new Rejected("out-of-range:oiUsd");
                }
                inbox.emit(new MarketEvent.OpenInterest(source(), Fields.symbol(d, "instId"), Fields.timeMs(d, "ts"),
                        receiveTsMs, Fields.nonNegativeE8(d, "oiCcy"), valueUsdE8));
            });
            case "tickers" -> inbox.forEachElement(data, d -> {
                String instId = Fields.symbol(d, "instId");
                long bidE8 = Fields.positiveE8(d, "bidPx");
                long askE8 = Fields.positiveE8(d, "askPx");
                if (bidE8 >= askE8) {
                    throw new Rejected("crossed-book");
                }
                inbox.emit(new MarketEvent.BookTop(source(), instId, Fields.timeMs(d, "ts"), receiveTsMs, bidE8,
                        baseQty(instId, Fields.positiveE8(d, "bidSz")), askE8,
                        baseQty(instId, Fields.positiveE8(d, "askSz"))));
            });
            case "trades" -> inbox.forEachElement(data, d -> {
                String instId = Fields.symbol(d, "instId");
                String tradeId = Fields.text(d, "tradeId");
                if (tradeId.isEmpty() || tradeId.length() > 64) {
                    throw new Rejected("bad-value:tradeId");
                }
                // "side" of a public trade is the taker's.
                Side aggressor = switch (Fields.text(d, "side")) {
                    case "buy" -> Side.BUY;
                    case "sell" -> Side.SELL;
                    default -> throw new Rejected("bad-value:side");
                };
                inbox.emit(new MarketEvent.Trade(source(), instId, Fields.timeMs(d, "ts"), receiveTsMs,
                        Fields.positiveE8(d, "px"), baseQty(instId, Fields.positiveE8(d, "sz")), aggressor, tradeId));
            });
            case "liquidation-orders" -> inbox.forEachElement(data, d -> {
                String instId = Fields.symbol(d, "instId");
                JsonNode details = Fields.array(d, "details");
                for (JsonNode x : details) {
                    inbox.emit(new MarketEvent.Liquidation(source(), instId, Fields.timeMs(x, "ts"), receiveTsMs,
                            liquidatedSide(x), Fields.positiveE8(x, "bkPx"),
                            baseQty(instId, Fields.positiveE8(x, "sz")), true));
                }
            });
            default -> throw new Rejected("unknown-topic");
        }
    }

    /** {@code posSide} when the account was in long/short mode; in net mode the order side decides. */
    private static PositionSide liquidatedSide(JsonNode x) {
        String posSide = Fields.has(x, "posSide") ? Fields.text(x, "posSide") : "";
        switch (posSide) {
            case "long":
                return PositionSide.LONG;
            case "short":
                return PositionSide.SHORT;
            case "", "net":
                return switch (Fields.text(x, "side")) {
                    // The liquidation ORDER's side: a sell closes a long.
                    case "sell" -> PositionSide.LONG;
                    case "buy" -> PositionSide.SHORT;
                    default -> throw new Rejected("bad-value:side");
                };
            default:
                throw new Rejected("bad-value:posSide");
        }
    }

    /** Spot sizes are in base units; swap and futures sizes in contracts. */
    private long baseQty(String instId, long sizeE8) {
        if (!instId.endsWith("-SWAP") && !isFuture(instId)) {
            return sizeE8;
        }
        Long contractE8 = contractSizesE8.get(instId);
        if (contractE8 == null) {
            throw new Rejected("unknown-contract-size");
        }
        long qtyE8;
        try {
            qtyE8 = FixedPoint.multiplyE8(sizeE8, contractE8);
        } catch (ArithmeticException e) {
            throw new Rejected("out-of-range:sz");
        }
        if (qtyE8 <= 0) {
            throw new Rejected("out-of-range:sz");
        }
        return qtyE8;
    }

    /** OKX futures ids end in a 6-digit expiry: {@code BTC-USDT-250328}. */
    private static boolean isFuture(String instId) {
        int dash = instId.lastIndexOf('-');
        if (dash < 0 || instId.length() - dash != 7) {
            return false;
        }
        for (int i = dash + 1; i < instId.length(); i++) {
            if (!Character.isDigit(instId.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    @Override
    protected void onResponse(String request, JsonNode root, long receiveTsMs, Inbox inbox) {
        throw new Rejected("unknown-request");
    }
}
