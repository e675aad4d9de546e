package aftershock.signals.liquidation;

/**
 * A venue's communication about its auto-deleveraging, entered from configuration (the seed's fifth signal: "reviews
 * of ADL bands announced = makers can add size; silence = fragility persists").
 *
 * @param tsMs  when it was published (epoch ms, on the signals' clock)
 * @param venue the venue (e.g. {@code binance})
 * @param kind  what it announces
 * @param text  the announcement's title or a short summary
 */
public record AdlAnnouncement(long tsMs, String venue, Kind kind, String text) {
    /** What an announcement says. */
    public enum Kind {
        /** A review or change of the ADL bands or pricing: bullish for liquidity. */
        REVIEW,
        /** Any other ADL communication (an incident report, a notice). */
        NOTICE
    }

    public AdlAnnouncement {
        if (venue == null || venue.isEmpty() || kind == null || text == null) {
            throw new IllegalArgumentException("an ADL announcement needs a venue, a kind and a text");
        }
    }
}
