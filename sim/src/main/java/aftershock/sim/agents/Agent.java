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

    @Override
    public void onFill(long accountId, MarketVenue venue, Side side, long priceE8, long qtyE8) {
    }
}
