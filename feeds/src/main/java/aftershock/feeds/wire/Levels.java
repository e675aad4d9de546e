package aftershock.feeds.wire;

import aftershock.feeds.book.LevelChanges;
import com.fasterxml.jackson.databind.JsonNode;

/** Reads the {@code [["price","qty"], ...]} level arrays that Binance and Bybit send. */
public final class Levels {
    private Levels() {
    }

    /** Both sides of a message; every price positive, every quantity non-negative (0 = remove), or it is rejected. */
    public static LevelChanges read(JsonNode obj, String bidKey, String askKey, int perSideMax) {
        JsonNode bids = Fields.array(obj, bidKey);
        JsonNode asks = Fields.array(obj, askKey);
        if (bids.size() > perSideMax || asks.size() > perSideMax) {
            throw new Rejected("too-many-levels");
        }
        long[] bidPrices = new long[bids.size()];
        long[] bidQtys = new long[bids.size()];
        long[] askPrices = new long[asks.size()];
        long[] askQtys = new long[asks.size()];
        side(bids, bidKey, bidPrices, bidQtys);
        side(asks, askKey, askPrices, askQtys);
        return new LevelChanges(bidPrices, bidQtys, askPrices, askQtys);
    }

    private static void side(JsonNode levels, String key, long[] prices, long[] qtys) {
        for (int i = 0; i < levels.size(); i++) {
            JsonNode level = levels.get(i);
            if (!level.isArray() || level.size() < 2) {
                throw new Rejected("bad-level:" + key);
            }
            prices[i] = Fields.valueE8(level.get(0), key);
            qtys[i] = Fields.valueE8(level.get(1), key);
            if (prices[i] <= 0 || qtys[i] < 0) {
                throw new Rejected("bad-level:" + key);
            }
        }
    }
}
