package aftershock.sim.market;

import aftershock.engine.api.Side;

/** What an agent hears about its own accounts. Prices and quantities E8. */
public interface Fills {
    /** One fill of one of the agent's accounts on a venue (perpetual or spot). */
    void onFill(long accountId, MarketVenue venue, Side side, long priceE8, long qtyE8);

    /** The account's perpetual position was closed (in part) by the venue: liquidation, takeover or ADL. */
    default void onVenueClose(long accountId, MarketVenue venue, String stage, long qtyE8, long priceE8) {
    }
}
