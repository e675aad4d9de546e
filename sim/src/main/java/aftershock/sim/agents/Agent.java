package aftershock.sim.agents;

import aftershock.engine.api.Side;
import aftershock.sim.market.Fills;
import aftershock.sim.market.MarketVenue;

/**
 * Something that acts on the market when the scheduler wakes it. {@link #wake} acts at the market's current time
 * and returns when to wake next ({@link #NEVER} for not again). Agents hear about their own fills through
 * {@link Fills}; everything else they learn by looking at the market when they wake.
 */
public abstract class Agent implements Fills {
    public static final long NEVER = Long.MAX_VALUE;
    protected static final long SECOND = 1_000_000_000L;

    private final String name;

    protected Agent(String name) {
        this.name = name;
    }

    public String name() {
        return name;
    }

    /** Acts now; returns the next wake-up time in nanoseconds, or {@link #NEVER}. */
    public abstract long wake(long now);

    /**
     * Keeps a limit price on a perpetual inside the venue's price band (orders beyond mark × (1 ± band) are rejected):
     * a dip buyer or an arbitrageur facing a discount larger than the band bids at the edge of the band instead of
     * being refused (0 = no band).
     */
    protected static double withinBand(MarketVenue venue, Side side, double price, double band) {
        if (band <= 0 || !(venue instanceof aftershock.sim.market.PerpVenue perp)) {
            return price;
        }
        double mark = perp.mark();
        if (mark <= 0) {
            return price;
        }
        double edge = band * 0.95;
        return side == Side.BUY ? Math.min(price, mark * (1 + edge)) : Math.max(price, mark * (1 - edge));
    }

    @Override
    public void onFill(long accountId, MarketVenue venue, Side side, long priceE8, long qtyE8) {
    }
}
