package aftershock.report;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * A realistic report without the simulator: one day (1440 minutes) of BTCUSDT and ETHUSDT with a liquidation cascade
 * at 14:00 UTC, under two policies (no circuit breaker; a 15-minute halt). Positions are cohorts opened every minute
 * at a random leverage; a cohort whose liquidation price the market crosses is liquidated, so liquidations, open
 * interest and the true liquidation map agree with each other. The estimated map spreads each cohort over every
 * leverage, as a vendor who sees open interest but not leverage would. Seeded: the same seed gives the same report.
 */
final class SyntheticReport {
    static final long START_MS = 1_762_128_000_000L; // 2025-11-03 00:00 UTC
    static final int MINUTES = 1440;
    static final int CRASH_MINUTE = 840;
    private static final int[] LEVERAGES = {10, 20, 25, 50, 100};
    private static final double MAINTENANCE = 0.004;

    private SyntheticReport() {
    }

    static ReportData twoVariants(long seed) {
        Variant baseline = variant("No circuit breaker", seed, false);
        Variant halted = variant("Halt 15 min at -1.5%", seed, true);
        ReportData.Builder b = ReportData.builder("Nov 3, 2025: a $1B cascade, with and without a circuit breaker")
                .scenario("nov-3-2025").seed(seed)
                .generatedFrom("aftershock simulate nov-3-2025 --seed " + seed + " --compare halt=off,15m");
        double liquidated = liquidated(baseline);
        double low = min(baseline.instrument("BTCUSDT").low());
        b.keyFigure("Liquidated (24 h)", liquidated, Unit.USD)
                .keyFigure("BTC low", low, Unit.PRICE)
                .keyFigure("BTC drawdown", (1 - low / 108_000) * 100, Unit.PERCENT)
                .keyFigure("ADL fills", baseline.adlEvents().size(), Unit.COUNT)
                .keyFigure("Insurance fund", last(baseline.venue().insuranceFundUsd()), Unit.USD)
                .keyFigure("Accounts wiped out", 1_287, Unit.COUNT);
        b.fact("Liquidated in 24 h", 1.27e9, liquidated, Unit.USD, "CoinGlass, all venues")
                .fact("BTC low", 105_405, low, Unit.PRICE, "Binance BTCUSDT perpetual, 1-minute low")
                .fact("Time of the low", START_MS + 873 * 60_000L, timeOfLow(baseline), Unit.TIME, "")
                .fact("Funding at the low", -0.00004, Double.NaN, Unit.RATE, "not measured in this run");
        List<List<String>> rows = new ArrayList<>();
        for (Variant v : List.of(baseline, halted)) {
            rows.add(List.of(v.name(), Unit.USD.format(liquidated(v)),
                    Unit.PRICE.format(min(v.instrument("BTCUSDT").low())),
                    Unit.COUNT.format(v.adlEvents().size()),
                    Unit.PERCENT.format(v.adlEvents().stream().mapToDouble(AdlEvent::deviationPct).max().orElse(0)),
                    Unit.USD.format(max(v.venue().insuranceFundUsd()) - min(v.venue().insuranceFundUsd()))));
        }
        b.comparison(List.of("Policy", "Liquidated", "BTC low", "ADL fills", "Max ADL deviation",
                        "Insurance fund drawdown"), rows,
                "A 15-minute halt when BTC falls 1.5 % cut liquidations by a third and kept the insurance fund "
                        + "from paying out most of its drawdown: the cascade ran out of forced sellers while the book "
                        + "refilled. The cost is 15 minutes in which nobody could add margin or close a position.");
        b.variant(baseline).variant(halted);
        b.note("Synthetic data for the report's tests: the path is scripted, the positions are cohorts.");
        b.note("Liquidation maps are snapshots every 15 minutes in $250 buckets.");
        return b.build();
    }

    static Variant variant(String name, long seed, boolean circuitBreaker) {
        Variant.Builder v = Variant.builder(name);
        Market btc = new Market("BTCUSDT", 108_000, 1.0, 60e6, 8.0e9, 45e6, new SplittableRandom(seed),
                Heatmap.uniformBuckets(100_000, 116_000, 65));
        Market eth = new Market("ETHUSDT", 3_900, 1.4, 30e6, 5.0e9, 20e6, new SplittableRandom(seed + 1),
                Heatmap.uniformBuckets(3_500, 4_300, 65));
        int haltStart = CRASH_MINUTE + 12;
        int haltEnd = haltStart + 15;
        double fund = 1.0e9;
        for (int m = 0; m < MINUTES; m++) {
            long t = START_MS + m * 60_000L;
            v.minute(t);
            boolean halted = circuitBreaker && m >= haltStart && m < haltEnd;
            double crash = circuitBreaker && m >= haltStart ? 0.55 : 1.0;
            double liquidated = 0;
            for (Market mk : List.of(btc, eth)) {
                liquidated += mk.step(v, m, t, halted, crash);
            }
            fund += liquidated * 0.0125 * 0.4 - (m > CRASH_MINUTE && m < CRASH_MINUTE + 60 ? liquidated * 0.05 : 0);
            double premiumPct = 0.015 + (m > CRASH_MINUTE && m < CRASH_MINUTE + 120 ? -0.14 * crash : 0)
                    + btc.random.nextGaussian() * 0.01;
            v.venue().coinbasePremium(premiumPct, premiumPct / 100 * btc.index).insuranceFundUsd(fund);
        }
        btc.adl(v, circuitBreaker ? 3 : 9, seed);
        eth.adl(v, circuitBreaker ? 2 : 5, seed + 7);
        if (circuitBreaker) {
            long s = START_MS + haltStart * 60_000L;
            v.halt(new Halt("BTCUSDT", s, s + 15 * 60_000L, "BTC -1.5 % in 5 min: 15-minute halt"));
            v.halt(new Halt("ETHUSDT", s, s + 15 * 60_000L, "follows the BTCUSDT halt"));
        }
        btc.maps(v);
        eth.maps(v);
        return v.build();
    }

    /** One instrument's market: a scripted price path and cohorts of leveraged positions. */
    private static final class Market {
        final String symbol;
        final double beta;
        final double baseVolumeUsd;
        final double baseOpenInterestUsd;
        final double baseDepthUsd;
        final SplittableRandom random;
        final double[] buckets;
        final List<double[]> cohorts = new ArrayList<>(); // {entry, +1 long / -1 short, leverage, notional}
        final Heatmap.Builder trueMap;
        final Heatmap.Builder estimatedMap;
        final List<long[]> adlMinutes = new ArrayList<>();
        double last;
        double index;
        double mark;
        double funding = 0.0001;
        double depthFactor = 1;
        double crashLow = Double.MAX_VALUE;

        Market(String symbol, double start, double beta, double volumeUsd, double openInterestUsd, double depthUsd,
               SplittableRandom random, double[] buckets) {
            this.symbol = symbol;
            this.beta = beta;
            this.baseVolumeUsd = volumeUsd;
            this.baseOpenInterestUsd = openInterestUsd;
            this.baseDepthUsd = depthUsd;
            this.random = random;
            this.buckets = buckets;
            this.trueMap = Heatmap.builder(buckets);
            this.estimatedMap = Heatmap.builder(buckets);
            this.last = start;
            this.index = start;
            this.mark = start;
        }

        /** One minute; returns the notional liquidated. */
        double step(Variant.Builder v, int m, long t, boolean halted, double crash) {
            double drift = 0;
            if (m >= CRASH_MINUTE && m < CRASH_MINUTE + 40) {
                drift = -0.033 * crash / 40;
            } else if (m >= CRASH_MINUTE + 40 && m < CRASH_MINUTE + 240) {
                drift = 0.012 * crash / 200;
            }
            double noise = random.nextGaussian() * 0.0004;
            double r = beta * (drift + noise);
            double spot = index * Math.exp(r * (halted ? 0.3 : 1));
            index = spot;
            InstrumentSeries.Builder s = v.instrument(symbol);
            boolean crashing = m >= CRASH_MINUTE && m < CRASH_MINUTE + 60;
            double liquidatedLong = 0;
            double liquidatedShort = 0;
            if (halted) {
                mark = index; // no trades: the mark follows the index
            } else {
                double open = last;
                double close = index * (1 + random.nextGaussian() * 0.0002);
                double wick = Math.abs(random.nextGaussian()) * 0.0006 * (crashing ? 3 : 1);
                double high = Math.max(open, close) * (1 + wick);
                double low = Math.min(open, close) * (1 - wick * (crashing ? 1.5 : 1));
                for (int i = cohorts.size() - 1; i >= 0; i--) {
                    double[] c = cohorts.get(i);
                    double lp = liquidationPrice(c[0], c[1], c[2]);
                    if (c[1] > 0 && low <= lp) {
                        liquidatedLong += c[3];
                        cohorts.remove(i);
                    } else if (c[1] < 0 && high >= lp) {
                        liquidatedShort += c[3];
                        cohorts.remove(i);
                    }
                }
                double volume = baseVolumeUsd * (0.6 + 0.8 * random.nextDouble()) * (crashing ? 6 : 1)
                        + liquidatedLong + liquidatedShort;
                s.ohlc(open, high, low, close).volumeUsd(volume);
                last = close;
                mark = 0.7 * mark + 0.3 * close;
                crashLow = Math.min(crashLow, low);
                // New positions: longs buy the dip, shorts chase it.
                double opened = volume * 0.04;
                cohorts.add(new double[] {close, +1, LEVERAGES[random.nextInt(LEVERAGES.length)], opened * 0.55});
                cohorts.add(new double[] {close, -1, LEVERAGES[random.nextInt(LEVERAGES.length)], opened * 0.45});
                if (liquidatedLong > 0 && crashing && adlMinutes.size() < 40) {
                    adlMinutes.add(new long[] {t, Double.doubleToLongBits(mark)});
                }
            }
            for (double[] c : cohorts) {
                c[3] *= 0.9985; // positions closed in the normal course
            }
            s.mark(mark).index(index);
            double openInterest = baseOpenInterestUsd;
            for (double[] c : cohorts) {
                if (c[1] > 0) {
                    openInterest += c[3];
                }
            }
            s.openInterestUsd(openInterest);
            funding += (crashing ? -0.000004 : (0.0001 - funding) * 0.01) + random.nextGaussian() * 0.000001;
            s.fundingRate(funding);
            depthFactor = crashing ? Math.max(0.18, depthFactor * 0.93) : Math.min(1, depthFactor + 0.01);
            double bid1 = baseDepthUsd * depthFactor * (0.85 + 0.3 * random.nextDouble());
            double ask1 = baseDepthUsd * Math.sqrt(depthFactor) * (0.85 + 0.3 * random.nextDouble());
            s.depthUsd(bid1, ask1, bid1 * (1.8 + 0.2 * random.nextDouble()), ask1 * (1.8 + 0.2 * random.nextDouble()));
            s.liquidationsUsd(liquidatedLong, liquidatedShort);
            if (m % 15 == 0) {
                snapshot(t);
            }
            return liquidatedLong + liquidatedShort;
        }

        private void snapshot(long t) {
            trueMap.snapshot(t);
            estimatedMap.snapshot(t);
            for (double[] c : cohorts) {
                trueMap.addPosition(liquidationPrice(c[0], c[1], c[2]), c[3]);
                for (int leverage : LEVERAGES) {
                    estimatedMap.addPosition(liquidationPrice(c[0], c[1], leverage), c[3] / LEVERAGES.length);
                }
            }
        }

        private static double liquidationPrice(double entry, double side, double leverage) {
            return side > 0 ? entry * (1 - 1 / leverage + MAINTENANCE) : entry * (1 + 1 / leverage - MAINTENANCE);
        }

        void adl(Variant.Builder v, int count, long seed) {
            SplittableRandom r = new SplittableRandom(seed);
            int step = Math.max(1, adlMinutes.size() / Math.max(1, count));
            for (int i = 0; i < adlMinutes.size() && i / step < count; i += step) {
                long t = adlMinutes.get(i)[0] + 20_000;
                double markPrice = Double.longBitsToDouble(adlMinutes.get(i)[1]);
                double deviation = (0.15 + r.nextDouble() * (count > 4 ? 1.4 : 0.5)) / 100;
                double qty = (symbol.startsWith("BTC") ? 2 : 40) * (0.2 + r.nextDouble() * 3);
                v.adl(AdlEvent.of(t, symbol, markPrice * (1 - deviation), markPrice, qty));
            }
        }

        void maps(Variant.Builder v) {
            v.instrument(symbol).trueHeatmap(trueMap.build()).estimatedHeatmap(estimatedMap.build());
        }
    }

    static double liquidated(Variant v) {
        double sum = 0;
        for (InstrumentSeries s : v.instruments()) {
            for (double x : s.longLiquidationsUsd()) {
                sum += x;
            }
            for (double x : s.shortLiquidationsUsd()) {
                sum += x;
            }
        }
        return sum;
    }

    static double timeOfLow(Variant v) {
        double[] low = v.instrument("BTCUSDT").low();
        long[] t = v.timesMs();
        int best = 0;
        for (int i = 0; i < low.length; i++) {
            if (!Double.isNaN(low[i]) && (Double.isNaN(low[best]) || low[i] < low[best])) {
                best = i;
            }
        }
        return t[best];
    }

    static double min(double[] values) {
        double m = Double.NaN;
        for (double x : values) {
            if (!Double.isNaN(x) && (Double.isNaN(m) || x < m)) {
                m = x;
            }
        }
        return m;
    }

    static double max(double[] values) {
        double m = Double.NaN;
        for (double x : values) {
            if (!Double.isNaN(x) && (Double.isNaN(m) || x > m)) {
                m = x;
            }
        }
        return m;
    }

    static double last(double[] values) {
        return values.length == 0 ? Double.NaN : values[values.length - 1];
    }
}
