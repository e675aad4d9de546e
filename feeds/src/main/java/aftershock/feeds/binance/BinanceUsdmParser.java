package aftershock.feeds.binance;

import aftershock.feeds.AdlRisk;
import aftershock.feeds.FeedHealth;
import aftershock.feeds.FeedSource;
import aftershock.feeds.MarketEvent;
import aftershock.feeds.PositionSide;
import aftershock.feeds.book.BinanceDepthSync;
import aftershock.feeds.wire.Fields;
import aftershock.feeds.wire.Inbox;
import aftershock.feeds.wire.ParserLimits;
import aftershock.feeds.wire.Rejected;
import aftershock.feeds.wire.Request;
import com.fasterxml.jackson.databind.JsonNode;

import java.util.Set;

/**
 * Binance USDⓈ-M futures ({@code binance-usdm}). Streams: {@code markPriceUpdate} (single and {@code !markPrice@arr}),
 * {@code aggTrade}, {@code trade}, {@code bookTicker}, {@code depthUpdate} (diff depth, synced with {@code pu}; partial
 * depth via the combined stream name), {@code forceOrder} (the liquidation ORDER's side: SELL means a long was
 * liquidated; one per symbol per second, so {@code sampled}). REST: {@code /fapi/v1/depth} (snapshot),
 * {@code /fapi/v1/openInterest}, {@code /fapi/v1/premiumIndex}, {@code /fapi/v1/symbolAdlRisk}.
 */
public final class BinanceUsdmParser extends BinanceParser {
    private static final Set<String> UNUSED = Set.of("kline", "continuous_kline", "24hrTicker", "24hrMiniTicker",
            "contractInfo", "assetIndexUpdate", "compositeIndex");

    public BinanceUsdmParser(FeedHealth health) {
        this(health, ParserLimits.DEFAULT);
    }

    public BinanceUsdmParser(FeedHealth health, ParserLimits limits) {
        super(FeedSource.BINANCE_USDM, health, limits, BinanceDepthSync.Rule.USDM);
    }

    @Override
    Set<String> unusedEvents() {
        return UNUSED;
    }

    @Override
    boolean onMarketEvent(String type, JsonNode p, long receiveTsMs, Inbox inbox) {
        switch (type) {
            case "markPriceUpdate" -> markPrice(p, receiveTsMs, inbox);
            case "forceOrder" -> forceOrder(p, receiveTsMs, inbox);
            case "bookTicker" -> bookTicker(p, Fields.timeMs(p, "E"), receiveTsMs, inbox);
            default -> {
                return false;
            }
        }
        return true;
    }

    private void markPrice(JsonNode p, long receiveTsMs, Inbox inbox) {
        String symbol = Fields.symbol(p, "s");
        long eventTsMs = Fields.timeMs(p, "E");
        long markE8 = Fields.positiveE8(p, "p");
        long indexE8 = Fields.positiveE8(p, "i");
        // "r" is "" and "T" is 0 for delivery contracts: no funding.
        long fundingRateE8 = Fields.decimalE8OrAbsent(p, "r");
        long nextFundingTsMs = Fields.timeMsOrAbsent(p, "T");
        inbox.emit(new MarketEvent.MarkFunding(source(), symbol, eventTsMs, receiveTsMs, markE8, indexE8,
                fundingRateE8, nextFundingTsMs));
    }

    private void forceOrder(JsonNode p, long receiveTsMs, Inbox inbox) {
        long eventTsMs = Fields.timeMs(p, "E");
        JsonNode o = Fields.object(p, "o");
        String symbol = Fields.symbol(o, "s");
        // "S" is the side of the liquidation ORDER: the engine sells to close a liquidated long.
        PositionSide liquidated = switch (Fields.text(o, "S")) {
            case "SELL" -> PositionSide.LONG;
            case "BUY" -> PositionSide.SHORT;
            default -> throw new Rejected("bad-value:S");
        };
        long averagePriceE8 = Fields.decimalE8OrAbsent(o, "ap");
        long priceE8 = averagePriceE8 != MarketEvent.ABSENT && averagePriceE8 > 0 ? averagePriceE8
                : Fields.positiveE8(o, "p");
        long filledE8 = Fields.decimalE8OrAbsent(o, "z");
        long qtyE8 = filledE8 != MarketEvent.ABSENT && filledE8 > 0 ? filledE8 : Fields.positiveE8(o, "q");
        long tradeTsMs = Fields.has(o, "T") ? Fields.timeMs(o, "T") : eventTsMs;
        inbox.emit(new MarketEvent.Liquidation(source(), symbol, tradeTsMs, receiveTsMs, liquidated, priceE8, qtyE8,
                true));
    }

    @Override
    protected void onResponse(String request, JsonNode root, long receiveTsMs, Inbox inbox) {
        Request r = Request.of(request);
        if (root.isObject() && root.has("code") && root.has("msg")) {
            throw new Rejected("venue-error");
        }
        switch (r.path()) {
            case "/fapi/v1/depth" -> {
                requireObject(root);
                depthSnapshot(r.symbolParam("symbol"), root, receiveTsMs, inbox);
            }
            case "/fapi/v1/openInterest" -> {
                requireObject(root);
                inbox.emit(new MarketEvent.OpenInterest(source(), Fields.symbol(root, "symbol"),
                        Fields.timeMs(root, "time"), receiveTsMs, Fields.nonNegativeE8(root, "openInterest"),
                        MarketEvent.ABSENT));
            }
            case "/fapi/v1/premiumIndex" -> each(root, inbox, p -> inbox.emit(new MarketEvent.MarkFunding(source(),
                    Fields.symbol(p, "symbol"), Fields.timeMs(p, "time"), receiveTsMs,
                    Fields.positiveE8(p, "markPrice"), Fields.positiveE8(p, "indexPrice"),
                    Fields.decimalE8OrAbsent(p, "lastFundingRate"), Fields.timeMsOrAbsent(p, "nextFundingTime"))));
            case "/fapi/v1/symbolAdlRisk" -> each(root, inbox, p -> {
                AdlRisk risk = switch (Fields.text(p, "adlRisk")) {
                    case "low" -> AdlRisk.LOW;
                    case "medium" -> AdlRisk.MEDIUM;
                    case "high" -> AdlRisk.HIGH;
                    default -> throw new Rejected("bad-value:adlRisk");
                };
                inbox.emit(new MarketEvent.AdlNotice(source(), Fields.symbol(p, "symbol"),
                        Fields.timeMs(p, "updateTime"), receiveTsMs, risk, "", MarketEvent.ABSENT,
                        MarketEvent.ABSENT, MarketEvent.ABSENT, MarketEvent.ABSENT, MarketEvent.ABSENT));
            });
            default -> throw new Rejected("unknown-request");
        }
    }

    private static void requireObject(JsonNode root) {
        if (!root.isObject()) {
            throw new Rejected("unknown-message");
        }
    }

    /** An endpoint that answers one object with a symbol, or an array of them without. */
    private static void each(JsonNode root, Inbox inbox, java.util.function.Consumer<JsonNode> handler) {
        if (root.isArray()) {
            inbox.forEachElement(root, element -> {
                requireObject(element);
                handler.accept(element);
            });
        } else {
            requireObject(root);
            handler.accept(root);
        }
    }
}
