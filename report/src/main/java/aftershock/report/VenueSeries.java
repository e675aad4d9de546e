package aftershock.report;

/**
 * The venue-wide series of a run, on its {@link Variant}'s clock (one value per time, {@code NaN} where unknown, or
 * empty when not recorded). Arrays are copied in and out: immutable.
 *
 * @param coinbasePremiumPct Coinbase premium: (Coinbase BTC-USD − Binance BTCUSDT spot) / Binance price, in percent
 *                           (−0.12 = −0.12 %); negative when US spot sellers dominate
 * @param coinbasePremiumUsd the same premium in USD per BTC (Coinbase price − Binance price)
 * @param insuranceFundUsd   the insurance fund's balance at the end of the minute, USD
 */
public record VenueSeries(double[] coinbasePremiumPct, double[] coinbasePremiumUsd, double[] insuranceFundUsd) {
    /** Nothing recorded. */
    public static final VenueSeries NONE = new VenueSeries(new double[0], new double[0], new double[0]);

    public VenueSeries {
        coinbasePremiumPct = Series.copy(coinbasePremiumPct, "coinbasePremiumPct");
        coinbasePremiumUsd = Series.copy(coinbasePremiumUsd, "coinbasePremiumUsd");
        insuranceFundUsd = Series.copy(insuranceFundUsd, "insuranceFundUsd");
    }

    void requireOnClock(int clockLength, String where) {
        Series.requireOnClock(coinbasePremiumPct, clockLength, where + "coinbasePremiumPct");
        Series.requireOnClock(coinbasePremiumUsd, clockLength, where + "coinbasePremiumUsd");
        Series.requireOnClock(insuranceFundUsd, clockLength, where + "insuranceFundUsd");
    }

    @Override
    public double[] coinbasePremiumPct() {
        return coinbasePremiumPct.clone();
    }

    @Override
    public double[] coinbasePremiumUsd() {
        return coinbasePremiumUsd.clone();
    }

    @Override
    public double[] insuranceFundUsd() {
        return insuranceFundUsd.clone();
    }

    /** Records the venue-wide series minute by minute (see {@link Variant.Builder#venue()}). Not thread-safe. */
    public static final class Builder {
        private final Variant.Builder clock;
        private final RecordedSeries premiumPct = RecordedSeries.level();
        private final RecordedSeries premiumUsd = RecordedSeries.level();
        private final RecordedSeries insuranceFundUsd = RecordedSeries.level();

        Builder(Variant.Builder clock) {
            this.clock = clock;
        }

        /** The Coinbase premium at the end of the minute, in percent and in USD per BTC. */
        public Builder coinbasePremium(double percent, double usd) {
            int m = clock.currentMinute();
            premiumPct.set(m, percent);
            premiumUsd.set(m, usd);
            return this;
        }

        /** The insurance fund's balance at the end of the minute, USD. */
        public Builder insuranceFundUsd(double balanceUsd) {
            insuranceFundUsd.set(clock.currentMinute(), balanceUsd);
            return this;
        }

        VenueSeries build(int n) {
            return new VenueSeries(premiumPct.build(n), premiumUsd.build(n), insuranceFundUsd.build(n));
        }
    }
}
