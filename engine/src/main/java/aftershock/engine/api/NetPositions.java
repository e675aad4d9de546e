package aftershock.engine.api;

import java.util.HashMap;
import java.util.Map;

/**
 * Net position per account in lots, kept from trades: the book-level {@link PositionSource} used until the margin
 * engine owns positions. Looked up only, never iterated, so hash order cannot reach any output.
 */
public final class NetPositions implements PositionSource {
    private final Map<Long, Long> lots = new HashMap<>();
    private long sumLots;

    @Override
    public long positionLots(long accountId) {
        return lots.getOrDefault(accountId, 0L);
    }

    /** Applies a fill: the taker moves by its side's sign, the maker by the opposite. */
    public void applyTrade(Side aggressorSide, long takerAccountId, long makerAccountId, long qtyLots) {
        long signed = aggressorSide == Side.BUY ? qtyLots : -qtyLots;
        add(takerAccountId, signed);
        add(makerAccountId, -signed);
    }

    private void add(long account, long deltaLots) {
        long next = Math.addExact(lots.getOrDefault(account, 0L), deltaLots);
        if (next == 0) {
            lots.remove(account);
        } else {
            lots.put(account, next);
        }
        sumLots = Math.addExact(sumLots, deltaLots);
    }

    /** Sum of all positions: zero by construction (every fill has a buyer and a seller). */
    public long sumLots() {
        return sumLots;
    }
}
