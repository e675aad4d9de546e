package aftershock.feeds.binance;

import aftershock.feeds.FeedHealth;
import aftershock.feeds.FeedSource;
import aftershock.feeds.book.BinanceDepthSync;
import aftershock.feeds.wire.Fields;
import aftershock.feeds.wire.Inbox;
import aftershock.feeds.wire.ParserLimits;
import aftershock.feeds.wire.Rejected;
import aftershock.feeds.wire.Request;
import com.fasterxml.jackson.databind.JsonNode;

import java.util.Set;

/**
 * Binance spot ({@code binance-spot}), the BTCUSDT leg of the Coinbase premium. Streams: {@code trade},
 * {@code aggTrade}, {@code bookTicker} (which on spot has no {@code e} and no time: its events carry the receive time as
 * the exchange time), {@code depthUpdate} (diff depth, spot sequence rule). REST: {@code /api/v3/depth} (snapshot).
 */
public final class BinanceSpotParser extends BinanceParser {
    private static final Set<String> UNUSED = Set.of("kline", "24hrTicker", "24hrMiniTicker", "1hTicker", "4hTicker",
            "1dTicker", "avgPrice");

    public BinanceSpotParser(FeedHealth health) {
        this(health, ParserLimits.DEFAULT);
    }

    public BinanceSpotParser(FeedHealth health, ParserLimits limits) {
        super(FeedSource.BINANCE_SPOT, health, limits, BinanceDepthSync.Rule.SPOT);
    }

    @Override
    Set<String> unusedEvents() {
        return UNUSED;
    }

    @Override
    boolean onMarketEvent(String type, JsonNode p, long receiveTsMs, Inbox inbox) {
        return false;
    }

    @Override
    boolean onUntypedPayload(JsonNode p, long receiveTsMs, Inbox inbox) {
        // bookTicker: {"u":..,"s":..,"b":..,"B":..,"a":..,"A":..}, no event type, no time.
        if (p.has("u") && p.has("s") && p.has("b") && p.has("B") && p.has("a") && p.has("A")) {
            Fields.id(p, "u");
            bookTicker(p, receiveTsMs, receiveTsMs, inbox);
            return true;
        }
        return false;
    }

    @Override
    protected void onResponse(String request, JsonNode root, long receiveTsMs, Inbox inbox) {
        Request r = Request.of(request);
        if (!root.isObject()) {
            throw new Rejected("unknown-message");
        }
        if (root.has("code") && root.has("msg")) {
            throw new Rejected("venue-error");
        }
        if (!r.path().equals("/api/v3/depth")) {
            throw new Rejected("unknown-request");
        }
        depthSnapshot(r.symbolParam("symbol"), root, receiveTsMs, inbox);
    }
}
