package aftershock.report;

import java.util.Objects;

/**
 * One instrument's market through a run, on its {@link Variant}'s clock (one value per time of
 * {@link Variant#timesMs()}, by convention one per minute). In every series {@code NaN} is a minute without a value
 * (drawn as a gap), and an empty array is a series not recorded in this run (its chart says so). Prices are USD (USDT)
 * per unit of base asset; amounts are USD notional.
 *
 * <p>Arrays are copied in and out: a series is immutable. Fill one minute by minute with
 * {@link Variant.Builder#instrument(String)}.
 *
 * @param symbol               the instrument, as the venue spells it ("BTCUSDT")
 * @param open                 first traded price of the minute, USD; NaN when nothing traded
 * @param high                 highest traded price of the minute, USD
 * @param low                  lowest traded price of the minute, USD
 * @param close                last traded price at the end of the minute, USD
 * @param mark                 mark price at the end of the minute, USD
 * @param index                index (spot reference) price at the end of the minute, USD
 * @param volumeUsd            traded notional during the minute, USD (one side counted)
 * @param openInterestUsd      open interest at the end of the minute, USD notional (one side: Σ long positions)
 * @param fundingRate          the current (predicted) funding rate for the next settlement, a fraction per funding
 *                             interval (0.0001 = 0.01 %)
 * @param bidDepth1PctUsd      resting bid notional within 1 % below mid at the end of the minute, USD
 * @param askDepth1PctUsd      resting ask notional within 1 % above mid, USD
 * @param bidDepth2PctUsd      resting bid notional within 2 % below mid (includes the 1 % band), USD
 * @param askDepth2PctUsd      resting ask notional within 2 % above mid (includes the 1 % band), USD
 * @param longLiquidationsUsd  notional of LONG positions liquidated during the minute, USD (sell orders)
 * @param shortLiquidationsUsd notional of SHORT positions liquidated during the minute, USD (buy orders)
 * @param trueHeatmap          the liquidation map from the simulated positions; {@link Heatmap#NONE} if not recorded
 * @param estimatedHeatmap     the liquidation map a data vendor would estimate from open-interest changes, on the same
 *                             axes as {@code trueHeatmap} when both are recorded; {@link Heatmap#NONE} if not recorded
 */
public record InstrumentSeries(String symbol,
                               double[] open, double[] high, double[] low, double[] close,
                               double[] mark, double[] index,
                               double[] volumeUsd, double[] openInterestUsd, double[] fundingRate,
                               double[] bidDepth1PctUsd, double[] askDepth1PctUsd,
                               double[] bidDepth2PctUsd, double[] askDepth2PctUsd,
                               double[] longLiquidationsUsd, double[] shortLiquidationsUsd,
                               Heatmap trueHeatmap, Heatmap estimatedHeatmap) {
    public InstrumentSeries {
        Series.requireText(symbol, "instrument symbol");
        open = Series.copy(open, symbol + " open");
        high = Series.copy(high, symbol + " high");
        low = Series.copy(low, symbol + " low");
        close = Series.copy(close, symbol + " close");
        mark = Series.copy(mark, symbol + " mark");
        index = Series.copy(index, symbol + " index");
        volumeUsd = Series.copy(volumeUsd, symbol + " volumeUsd");
        openInterestUsd = Series.copy(openInterestUsd, symbol + " openInterestUsd");
        fundingRate = Series.copy(fundingRate, symbol + " fundingRate");
        bidDepth1PctUsd = Series.copy(bidDepth1PctUsd, symbol + " bidDepth1PctUsd");
        askDepth1PctUsd = Series.copy(askDepth1PctUsd, symbol + " askDepth1PctUsd");
        bidDepth2PctUsd = Series.copy(bidDepth2PctUsd, symbol + " bidDepth2PctUsd");
        askDepth2PctUsd = Series.copy(askDepth2PctUsd, symbol + " askDepth2PctUsd");
        longLiquidationsUsd = Series.copy(longLiquidationsUsd, symbol + " longLiquidationsUsd");
        shortLiquidationsUsd = Series.copy(shortLiquidationsUsd, symbol + " shortLiquidationsUsd");
        Objects.requireNonNull(trueHeatmap, symbol + " trueHeatmap (use Heatmap.NONE)");
        Objects.requireNonNull(estimatedHeatmap, symbol + " estimatedHeatmap (use Heatmap.NONE)");
        if (!trueHeatmap.isEmpty() && !estimatedHeatmap.isEmpty() && !trueHeatmap.sameAxes(estimatedHeatmap)) {
            throw new IllegalArgumentException(symbol + ": the true and estimated liquidation heatmaps must have the "
                    + "same price buckets and snapshot times (they are drawn side by side on the same axes)");
        }
    }

    /** Checks every series against a clock of {@code clockLength} times; {@code where} prefixes the messages. */
    void requireOnClock(int clockLength, String where) {
        String p = where + symbol + " ";
        Series.requireOnClock(open, clockLength, p + "open");
        Series.requireOnClock(high, clockLength, p + "high");
        Series.requireOnClock(low, clockLength, p + "low");
        Series.requireOnClock(close, clockLength, p + "close");
        Series.requireOnClock(mark, clockLength, p + "mark");
        Series.requireOnClock(index, clockLength, p + "index");
        Series.requireOnClock(volumeUsd, clockLength, p + "volumeUsd");
        Series.requireOnClock(openInterestUsd, clockLength, p + "openInterestUsd");
        Series.requireOnClock(fundingRate, clockLength, p + "fundingRate");
        Series.requireOnClock(bidDepth1PctUsd, clockLength, p + "bidDepth1PctUsd");
        Series.requireOnClock(askDepth1PctUsd, clockLength, p + "askDepth1PctUsd");
        Series.requireOnClock(bidDepth2PctUsd, clockLength, p + "bidDepth2PctUsd");
        Series.requireOnClock(askDepth2PctUsd, clockLength, p + "askDepth2PctUsd");
        Series.requireOnClock(longLiquidationsUsd, clockLength, p + "longLiquidationsUsd");
        Series.requireOnClock(shortLiquidationsUsd, clockLength, p + "shortLiquidationsUsd");
    }

    // Copies out, so that the record stays immutable.

    @Override
    public double[] open() {
        return open.clone();
    }

    @Override
    public double[] high() {
        return high.clone();
    }

    @Override
    public double[] low() {
        return low.clone();
    }

    @Override
    public double[] close() {
        return close.clone();
    }

    @Override
    public double[] mark() {
        return mark.clone();
    }

    @Override
    public double[] index() {
        return index.clone();
    }

    @Override
    public double[] volumeUsd() {
        return volumeUsd.clone();
    }

    @Override
    public double[] openInterestUsd() {
        return openInterestUsd.clone();
    }

    @Override
    public double[] fundingRate() {
        return fundingRate.clone();
    }

    @Override
    public double[] bidDepth1PctUsd() {
        return bidDepth1PctUsd.clone();
    }

    @Override
    public double[] askDepth1PctUsd() {
        return askDepth1PctUsd.clone();
    }

    @Override
    public double[] bidDepth2PctUsd() {
        return bidDepth2PctUsd.clone();
    }

    @Override
    public double[] askDepth2PctUsd() {
        return askDepth2PctUsd.clone();
    }

    @Override
    public double[] longLiquidationsUsd() {
        return longLiquidationsUsd.clone();
    }

    @Override
    public double[] shortLiquidationsUsd() {
        return shortLiquidationsUsd.clone();
    }

    /**
     * Records one instrument minute by minute, at the current minute of its {@link Variant.Builder} (the last
     * {@link Variant.Builder#minute(long)}). Minutes left unset are {@code NaN} for levels (prices, open interest,
     * funding, depth) and 0 for flows (volume, liquidations); a series never set is not recorded. Setters overwrite,
     * {@code add...} and {@link #trade} accumulate within the minute. Not thread-safe.
     */
    public static final class Builder {
        private final String symbol;
        private final Variant.Builder clock;
        private final RecordedSeries open = RecordedSeries.level();
        private final RecordedSeries high = RecordedSeries.level();
        private final RecordedSeries low = RecordedSeries.level();
        private final RecordedSeries close = RecordedSeries.level();
        private final RecordedSeries mark = RecordedSeries.level();
        private final RecordedSeries index = RecordedSeries.level();
        private final RecordedSeries volumeUsd = RecordedSeries.flow();
        private final RecordedSeries openInterestUsd = RecordedSeries.level();
        private final RecordedSeries fundingRate = RecordedSeries.level();
        private final RecordedSeries bidDepth1PctUsd = RecordedSeries.level();
        private final RecordedSeries askDepth1PctUsd = RecordedSeries.level();
        private final RecordedSeries bidDepth2PctUsd = RecordedSeries.level();
        private final RecordedSeries askDepth2PctUsd = RecordedSeries.level();
        private final RecordedSeries longLiquidationsUsd = RecordedSeries.flow();
        private final RecordedSeries shortLiquidationsUsd = RecordedSeries.flow();
        private Heatmap trueHeatmap = Heatmap.NONE;
        private Heatmap estimatedHeatmap = Heatmap.NONE;

        Builder(String symbol, Variant.Builder clock) {
            this.symbol = Series.requireText(symbol, "instrument symbol");
            this.clock = clock;
        }

        /** The minute's open, high, low and last traded prices, USD. */
        public Builder ohlc(double open, double high, double low, double close) {
            int m = clock.currentMinute();
            this.open.set(m, open);
            this.high.set(m, high);
            this.low.set(m, low);
            this.close.set(m, close);
            return this;
        }

        /** A trade: updates the minute's open/high/low/close with {@code price} (USD) and adds to its volume (USD). */
        public Builder trade(double price, double notionalUsd) {
            int m = clock.currentMinute();
            if (Double.isNaN(open.get(m))) {
                open.set(m, price);
            }
            double h = high.get(m);
            high.set(m, Double.isNaN(h) ? price : Math.max(h, price));
            double l = low.get(m);
            low.set(m, Double.isNaN(l) ? price : Math.min(l, price));
            close.set(m, price);
            volumeUsd.add(m, notionalUsd);
            return this;
        }

        /** The mark price at the end of the minute, USD. */
        public Builder mark(double markPrice) {
            mark.set(clock.currentMinute(), markPrice);
            return this;
        }

        /** The index price at the end of the minute, USD. */
        public Builder index(double indexPrice) {
            index.set(clock.currentMinute(), indexPrice);
            return this;
        }

        /** The minute's traded notional, USD (replaces what {@link #trade} added). */
        public Builder volumeUsd(double notionalUsd) {
            volumeUsd.set(clock.currentMinute(), notionalUsd);
            return this;
        }

        /** Open interest at the end of the minute, USD notional. */
        public Builder openInterestUsd(double notionalUsd) {
            openInterestUsd.set(clock.currentMinute(), notionalUsd);
            return this;
        }

        /** The current funding rate, a fraction per funding interval (0.0001 = 0.01 %). */
        public Builder fundingRate(double rate) {
            fundingRate.set(clock.currentMinute(), rate);
            return this;
        }

        /** Resting notional within ±1 % and ±2 % of mid (the 2 % bands include the 1 % ones), USD. */
        public Builder depthUsd(double bidWithin1Pct, double askWithin1Pct, double bidWithin2Pct,
                                double askWithin2Pct) {
            int m = clock.currentMinute();
            bidDepth1PctUsd.set(m, bidWithin1Pct);
            askDepth1PctUsd.set(m, askWithin1Pct);
            bidDepth2PctUsd.set(m, bidWithin2Pct);
            askDepth2PctUsd.set(m, askWithin2Pct);
            return this;
        }

        /** The minute's liquidated notional of long and of short positions, USD (replaces what was added). */
        public Builder liquidationsUsd(double longPositionsUsd, double shortPositionsUsd) {
            int m = clock.currentMinute();
            longLiquidationsUsd.set(m, longPositionsUsd);
            shortLiquidationsUsd.set(m, shortPositionsUsd);
            return this;
        }

        /** Adds a liquidation of a LONG position to the minute, USD notional. */
        public Builder addLongLiquidationUsd(double notionalUsd) {
            longLiquidationsUsd.add(clock.currentMinute(), notionalUsd);
            shortLiquidationsUsd.add(clock.currentMinute(), 0);
            return this;
        }

        /** Adds a liquidation of a SHORT position to the minute, USD notional. */
        public Builder addShortLiquidationUsd(double notionalUsd) {
            shortLiquidationsUsd.add(clock.currentMinute(), notionalUsd);
            longLiquidationsUsd.add(clock.currentMinute(), 0);
            return this;
        }

        /** The true liquidation map (from the simulated positions). */
        public Builder trueHeatmap(Heatmap heatmap) {
            this.trueHeatmap = Objects.requireNonNull(heatmap, "trueHeatmap");
            return this;
        }

        /** The estimated liquidation map (a vendor's estimate from open-interest changes). */
        public Builder estimatedHeatmap(Heatmap heatmap) {
            this.estimatedHeatmap = Objects.requireNonNull(heatmap, "estimatedHeatmap");
            return this;
        }

        InstrumentSeries build(int n) {
            return new InstrumentSeries(symbol, open.build(n), high.build(n), low.build(n), close.build(n),
                    mark.build(n), index.build(n), volumeUsd.build(n), openInterestUsd.build(n),
                    fundingRate.build(n), bidDepth1PctUsd.build(n), askDepth1PctUsd.build(n),
                    bidDepth2PctUsd.build(n), askDepth2PctUsd.build(n), longLiquidationsUsd.build(n),
                    shortLiquidationsUsd.build(n), trueHeatmap, estimatedHeatmap);
        }
    }
}
