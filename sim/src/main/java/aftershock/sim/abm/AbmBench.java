package aftershock.sim.abm;

import java.lang.reflect.RecordComponent;
import java.util.Arrays;
import java.util.Locale;
import java.util.function.LongConsumer;

/**
 * Workload W1 of ../shared/reference/models.md: ABIDES's RMSC04 configuration, trimmed to its noise, value and
 * adaptive market-maker agents, on Aftershock's own order book — the side-by-side speed comparison with ABIDES
 * (the {@code abm-bench} preset of issue 5). One instrument in integer cents, one continuous double auction,
 * 390 simulated minutes (09:30–16:00), every agent decision and every message latency included.
 *
 * <p>The agents, ported from abides-jpmc-public (abides_markets, commit f9cbe51; see docs/ABM-BENCH.md for each
 * rule and its source):
 * <ul>
 *   <li><b>Noise agents</b> ({@code NoiseAgent}): one wake-up, U-quadratic over [open − 30 min, close] (not before
 *       the open); query the spread; a limit order of a random side at the opposite best, size from
 *       {@link OrderSizeModel}.</li>
 *   <li><b>Value agents</b> ({@code ValueAgent}): Poisson wake-ups (rate λ_a = 5.7e-12/ns, mean gap ≈ 175 s); cancel
 *       all, query the spread, observe the fundamental with noise variance r̄/100, update the Bayesian estimate
 *       (κ = 1.67e-15/ns, σ_s = 100,000), project it to the close; buy if it is ≥ the mid, else sell, at the touch
 *       (10%) or up to 2 × spread − 1 cents inside/behind it; no two-sided book: a random side at the estimate.</li>
 *   <li><b>Adaptive market makers</b> ({@code AdaptiveMarketMakerAgent}, RMSC04 parameters): Poisson wake-ups
 *       (mean 60 s); cancel all, query spread and 60-s transacted volume; spread EWMA (α = 0.75, start 50);
 *       size per level = round(2.5% × volume), ≥ 1; 10-level ladders per side, step round(5 × EWMA), window = EWMA
 *       around the mid skewed by 4 × trade imbalance; a new ladder on every book-imbalance START (> 0.9).</li>
 *   <li><b>Fundamental</b>: {@link SparseMeanRevertingOracle} (κ = 1.67e-16/ns, volatility 5e-5, megashocks at
 *       2.77778e-18/ns, ±N(1,000, 50,000)).</li>
 *   <li><b>Latency</b>: agents and the exchange at uniform points on a 3,866,660 m line, latency = light time
 *       (0–12.9 ms); 50 ns of computation delay per action; the exchange answers at once.</li>
 * </ul>
 *
 * <p>Deviations from ABIDES (details in docs/ABM-BENCH.md): (1) the 12 momentum agents and 2 of the 102 value
 * agents are dropped (W1's definition); (2) random streams are per-agent {@link aftershock.sim.core.Rng}s, not
 * numpy's, so runs match ABIDES in distribution, not draw for draw; (3) a market maker that finds no two-sided book
 * keeps waking up (in ABIDES it never wakes again); (4) order acknowledgements are not messages: an agent handles
 * each answer one computation delay after it arrives, where ABIDES adds 50 ns per intervening acknowledgement;
 * (5) a cancel-all cancels the account's resting orders (oldest first, the order ABIDES sends its cancels in) when it
 * reaches the exchange, so an order still in flight is not caught; (6) only wake-ups that act are counted; (7) the
 * loop stops at the close; (8) numerics: {@code expm1} in the OU variance, the JDK's {@code Math} functions, prices
 * and sizes bounded by the engine (10 × r̄, 9M shares). ABIDES's own quirks are kept (the value agents' σ_t that
 * stays 0, the makers' imbalance-triggered ladders without cancelling).
 *
 * <p>Same seed → same event log (SHA-256 of every book event, {@link EventLogHash}).
 */
public final class AbmBench {
    private AbmBench() {
    }

    /**
     * Every parameter of the workload. Defaults ({@link #w1()}) are RMSC04's unless noted; units in the names.
     *
     * @param noiseAgents            noise agents (W1: 1,000)
     * @param valueAgents            value agents (W1: 100; W1-dense: 1,000; RMSC04: 102)
     * @param marketMakers           adaptive market makers (2)
     * @param minutes                horizon after the 09:30 open (390 → 16:00)
     * @param seed                   seed of every random stream
     * @param rBarCents              fundamental mean r̄ (100,000 cents)
     * @param oracleKappaPerNs       fundamental's mean reversion κ (1.67e-16 per ns)
     * @param fundVol                fundamental's volatility θ (5e-5; variance θ² per ns at short horizons)
     * @param megashockRatePerNs     megashock arrival rate (2.77778e-18 per ns, one per ~11.4 years)
     * @param megashockMeanCents     megashock magnitude mean (1,000 cents), sign a fair coin
     * @param megashockVarCents2     megashock magnitude variance (50,000 cents²)
     * @param noiseLeadMinutes       noise wake-ups start this long before the open (30)
     * @param valueKappaPerNs        value agents' assumed mean reversion κ (1.67e-15 per ns)
     * @param valueArrivalRatePerNs  value agents' wake-up rate λ_a (5.7e-12 per ns: mean gap 175.4 s)
     * @param valueObsVarCents2      variance of a value agent's observation σ_n (r̄/100 = 1,000 cents²)
     * @param valueSigmaS            value agents' shock variance σ_s (100,000: ValueAgent's default, RMSC04 keeps it)
     * @param valuePercentAggr       probability a value order goes exactly at the touch (0.1)
     * @param valueDepthSpread       otherwise the price moves uniformly in [0, depthSpread × spread) cents (2)
     * @param mmPov                  market maker's size per level as a fraction of the last window's volume (0.025)
     * @param mmNumTicks             ladder levels per side (10)
     * @param mmWakeMeanSeconds      mean of the market maker's exponential wake-up gap, and its volume window (60)
     * @param mmMinOrderSize         minimum size per level (1)
     * @param mmLevelSpacing         ladder step as a multiple of the spread EWMA (5)
     * @param mmSpreadAlpha          weight of the newest spread in the EWMA (0.75)
     * @param mmPriceSkew            cents the ladder's centre moves per unit of trade imbalance (4)
     * @param mmMinImbalance         book-imbalance threshold of the START message (0.9)
     * @param mmInitialSpreadCents   spread EWMA before the first observation (50)
     * @param mmCancelDelayNanos     market maker's delay between its cancels and its queries (50)
     * @param computationDelayNanos  every agent's computation delay per action (50)
     * @param latencyLineMeters      length of the line agents are placed on (3,866,660 m: Seattle–New York)
     */
    public record Params(int noiseAgents, int valueAgents, int marketMakers, double minutes, long seed,
                         long rBarCents, double oracleKappaPerNs, double fundVol, double megashockRatePerNs,
                         double megashockMeanCents, double megashockVarCents2, double noiseLeadMinutes,
                         double valueKappaPerNs, double valueArrivalRatePerNs, double valueObsVarCents2,
                         double valueSigmaS, double valuePercentAggr, int valueDepthSpread,
                         double mmPov, int mmNumTicks, double mmWakeMeanSeconds, long mmMinOrderSize,
                         double mmLevelSpacing, double mmSpreadAlpha, double mmPriceSkew, double mmMinImbalance,
                         double mmInitialSpreadCents, long mmCancelDelayNanos, long computationDelayNanos,
                         double latencyLineMeters) {

        public Params {
            require(noiseAgents >= 0, "noiseAgents", noiseAgents);
            require(valueAgents >= 0, "valueAgents", valueAgents);
            require(marketMakers >= 0, "marketMakers", marketMakers);
            require((long) noiseAgents + valueAgents + marketMakers < (1 << 27), "total agents",
                    (long) noiseAgents + valueAgents + marketMakers);
            require(minutes > 0 && minutes <= 870, "minutes (0, 870]", minutes);
            require(rBarCents > 0 && rBarCents < 1_000_000_000L, "rBarCents", rBarCents);
            require(oracleKappaPerNs > 0, "oracleKappaPerNs", oracleKappaPerNs);
            require(fundVol >= 0, "fundVol", fundVol);
            require(megashockRatePerNs >= 0, "megashockRatePerNs", megashockRatePerNs);
            require(megashockVarCents2 >= 0, "megashockVarCents2", megashockVarCents2);
            require(noiseLeadMinutes >= 0 && noiseLeadMinutes <= 570, "noiseLeadMinutes", noiseLeadMinutes);
            require(valueKappaPerNs > 0 && valueKappaPerNs < 1, "valueKappaPerNs", valueKappaPerNs);
            require(valueArrivalRatePerNs > 0, "valueArrivalRatePerNs", valueArrivalRatePerNs);
            require(valueObsVarCents2 >= 0, "valueObsVarCents2", valueObsVarCents2);
            require(valueSigmaS >= 0, "valueSigmaS", valueSigmaS);
            require(valuePercentAggr >= 0 && valuePercentAggr <= 1, "valuePercentAggr", valuePercentAggr);
            require(valueDepthSpread >= 1, "valueDepthSpread", valueDepthSpread);
            require(mmPov >= 0, "mmPov", mmPov);
            require(mmNumTicks >= 1 && mmNumTicks <= 1000, "mmNumTicks", mmNumTicks);
            require(mmWakeMeanSeconds > 0, "mmWakeMeanSeconds", mmWakeMeanSeconds);
            require(mmMinOrderSize >= 1, "mmMinOrderSize", mmMinOrderSize);
            require(mmLevelSpacing > 0, "mmLevelSpacing", mmLevelSpacing);
            require(mmSpreadAlpha >= 0 && mmSpreadAlpha <= 1, "mmSpreadAlpha", mmSpreadAlpha);
            require(mmMinImbalance >= 0 && mmMinImbalance <= 1, "mmMinImbalance", mmMinImbalance);
            require(mmInitialSpreadCents > 0, "mmInitialSpreadCents", mmInitialSpreadCents);
            require(mmCancelDelayNanos >= 0, "mmCancelDelayNanos", mmCancelDelayNanos);
            require(computationDelayNanos >= 0, "computationDelayNanos", computationDelayNanos);
            require(latencyLineMeters >= 0, "latencyLineMeters", latencyLineMeters);
        }

        private static void require(boolean ok, String field, Object value) {
            if (!ok) {
                throw new IllegalArgumentException("abm." + field + ": invalid value " + value);
            }
        }

        /** W1: RMSC04 trimmed — 1,000 noise, 100 value, 2 adaptive market makers, 390 minutes, seed 1. */
        public static Params w1() {
            return new Params(1_000, 100, 2, 390, 1L,
                    100_000L, 1.67e-16, 5e-5, 2.77778e-18, 1_000, 50_000, 30,
                    1.67e-15, 5.7e-12, 100_000 / 100.0, 100_000, 0.1, 2,
                    0.025, 10, 60, 1, 5, 0.75, 4, 0.9, 50, 50, 50, 3_866_660);
        }

        /** W1-dense: W1 with 1,000 value agents. */
        public static Params w1Dense() {
            return w1().with("valueAgents", "1000");
        }

        /** Every agent population × {@code factor} (rounded; at least one market maker if there was one). */
        public Params scaled(double factor) {
            require(factor > 0 && Double.isFinite(factor), "scale", factor);
            int mm = marketMakers == 0 ? 0 : (int) Math.max(1, Math.round(marketMakers * factor));
            return with("noiseAgents", Long.toString(Math.round(noiseAgents * factor)))
                    .with("valueAgents", Long.toString(Math.round(valueAgents * factor)))
                    .with("marketMakers", Integer.toString(mm));
        }

        /**
         * A copy with one parameter changed, by its component name (the CLI's {@code --set abm.NAME=VALUE}, without
         * the prefix); {@code scale} applies {@link #scaled}. Unknown names and unparsable values throw
         * {@link IllegalArgumentException} naming them.
         */
        public Params with(String name, String value) {
            String key = name.startsWith("abm.") ? name.substring(4) : name;
            if (key.equals("scale")) {
                return scaled(parseDouble(key, value));
            }
            RecordComponent[] components = Params.class.getRecordComponents();
            Object[] args = new Object[components.length];
            Class<?>[] types = new Class<?>[components.length];
            boolean found = false;
            try {
                for (int i = 0; i < components.length; i++) {
                    RecordComponent c = components[i];
                    types[i] = c.getType();
                    if (c.getName().equals(key)) {
                        found = true;
                        args[i] = parse(key, value, c.getType());
                    } else {
                        args[i] = c.getAccessor().invoke(this);
                    }
                }
                if (!found) {
                    throw new IllegalArgumentException("abm." + key + ": unknown parameter; known: scale, "
                            + String.join(", ", Arrays.stream(components).map(RecordComponent::getName).toList()));
                }
                return Params.class.getDeclaredConstructor(types).newInstance(args);
            } catch (java.lang.reflect.InvocationTargetException e) {
                if (e.getCause() instanceof IllegalArgumentException iae) {
                    throw iae;
                }
                throw new IllegalStateException(e.getCause());
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException(e);
            }
        }

        private static Object parse(String key, String value, Class<?> type) {
            String v = value.trim().replace("_", "");
            try {
                if (type == int.class) {
                    return Integer.parseInt(v);
                }
                if (type == long.class) {
                    return Long.parseLong(v);
                }
                return parseDouble(key, v);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("abm." + key + ": not a" + (type == double.class ? " number" : "n integer")
                        + ": '" + value + "'");
            }
        }

        private static double parseDouble(String key, String value) {
            try {
                return Double.parseDouble(value.trim().replace("_", ""));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("abm." + key + ": not a number: '" + value + "'");
            }
        }
    }

    /**
     * What a run did.
     *
     * @param bookOps           orders placed + orders cancelled (each cancel of a cancel-all counts, as ABIDES sends
     *                          one cancel message per order)
     * @param wakeups           agent wake-ups that acted (queried the exchange), all types
     * @param eventLoopSeconds  wall time of the event loop (agents' decisions, book, hashing), setup excluded
     * @param trades            trades (one per maker order filled or partly filled)
     * @param events            book events (accepted, trade, cancelled, rejected, …) hashed
     * @param eventLogSha256    SHA-256 of the canonical encoding of every book event
     * @param minuteMid         mid at the end of each simulated minute, dollars (cents / 100); the last trade when a
     *                          side is empty, NaN before any
     * @param orders            orders placed
     * @param cancels           orders cancelled
     * @param noiseWakeups      noise agents' wake-ups
     * @param valueWakeups      value agents' wake-ups
     * @param makerWakeups      market makers' wake-ups
     * @param queueEvents       discrete events processed (requests, answers, order batches, imbalance messages)
     * @param tradedShares      total traded quantity
     * @param rejections        orders the book rejected (0 in a correct run)
     * @param imbalanceStarts   book-imbalance START events published to the market makers
     * @param finalBidCents     best bid at the close (0: none)
     * @param finalAskCents     best ask at the close (0: none)
     * @param openOrders        orders resting at the close
     * @param fundamentalCents  the fundamental at its last observation
     * @param setupSeconds      wall time to build agents, latencies and the book
     * @param hashedBytes       bytes of the canonical event encoding
     * @param params            the parameters of the run
     */
    public record Result(long bookOps, long wakeups, double eventLoopSeconds, long trades, long events,
                         String eventLogSha256, double[] minuteMid, long orders, long cancels, long noiseWakeups,
                         long valueWakeups, long makerWakeups, long queueEvents, long tradedShares, long rejections,
                         long imbalanceStarts, long finalBidCents, long finalAskCents, int openOrders,
                         long fundamentalCents, double setupSeconds, long hashedBytes, Params params) {

        public double bookOpsPerSecond() {
            return bookOps / eventLoopSeconds;
        }

        public double wakeupsPerSecond() {
            return wakeups / eventLoopSeconds;
        }

        /** The machine-readable last line of a run: {@code book_ops_per_sec=<n> wakeups_per_sec=<n> event_loop_s=<t>}. */
        public String lastLine() {
            return String.format(Locale.ROOT, "book_ops_per_sec=%d wakeups_per_sec=%d event_loop_s=%.4f",
                    Math.round(bookOpsPerSecond()), Math.round(wakeupsPerSecond()), eventLoopSeconds);
        }
    }

    /**
     * Runs the workload. {@code progressSimSeconds} (may be null) receives the simulated seconds since the open at
     * the end of every simulated minute.
     */
    public static Result run(Params p, LongConsumer progressSimSeconds) {
        long t0 = System.nanoTime();
        AbmMarket market = new AbmMarket(p);
        long t1 = System.nanoTime();
        long loopNanos = market.run(progressSimSeconds);
        return result(market, p, loopNanos, (t1 - t0) / 1e9);
    }

    static Result result(AbmMarket market, Params p, long loopNanos, double setupSeconds) {
        ExchangeSink sink = market.sink();
        long wakeups = market.noiseWakeups() + market.valueWakeups() + market.makerWakeups();
        return new Result(market.orders() + sink.cancelCount, wakeups, loopNanos / 1e9, sink.tradeCount,
                sink.events, market.eventLogSha256(), market.minuteMid(), market.orders(), sink.cancelCount,
                market.noiseWakeups(), market.valueWakeups(), market.makerWakeups(), market.queueEvents(),
                sink.tradedLots, sink.rejectCount, sink.imbalanceStarts, market.book().bestBidTicks(),
                market.book().bestAskTicks(), market.book().openOrderCount(), market.oracle().lastCents(),
                setupSeconds, sink.hashedBytes(), p);
    }

    /**
     * Command-line runner for measurements:
     * {@code java -cp ... aftershock.sim.abm.AbmBench [--dense] [--warmup N] [--set name=value ...]}.
     * Prints a summary and, last, {@link Result#lastLine()}. {@code --warmup N} first runs N untimed days in the
     * same JVM (to measure JIT-warm speed); the default, 0, measures a fresh JVM as the CLI runs it.
     */
    public static void main(String[] args) {
        Params p = Params.w1();
        int warmup = 0;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--dense" -> p = p.with("valueAgents", "1000");
                case "--warmup" -> warmup = Integer.parseInt(args[++i]);
                case "--set" -> {
                    String kv = args[++i];
                    int eq = kv.indexOf('=');
                    if (eq < 0) {
                        throw new IllegalArgumentException("--set needs name=value, got " + kv);
                    }
                    p = p.with(kv.substring(0, eq), kv.substring(eq + 1));
                }
                default -> throw new IllegalArgumentException("unknown argument " + args[i]
                        + " (use --dense, --warmup N, --set name=value)");
            }
        }
        for (int i = 0; i < warmup; i++) {
            run(p.with("seed", Long.toString(p.seed() + 1000 + i)), null);
        }
        Result r = run(p, null);
        double lo = Double.MAX_VALUE;
        double hi = -Double.MAX_VALUE;
        for (double m : r.minuteMid()) {
            if (!Double.isNaN(m)) {
                lo = Math.min(lo, m);
                hi = Math.max(hi, m);
            }
        }
        System.out.printf(Locale.ROOT, "agents: noise=%d value=%d makers=%d  minutes=%.0f seed=%d%n",
                p.noiseAgents(), p.valueAgents(), p.marketMakers(), p.minutes(), p.seed());
        System.out.printf(Locale.ROOT, "wakeups: %d (noise %d, value %d, makers %d)  queue events: %d%n",
                r.wakeups(), r.noiseWakeups(), r.valueWakeups(), r.makerWakeups(), r.queueEvents());
        System.out.printf(Locale.ROOT, "book ops: %d (orders %d, cancels %d)  trades: %d (%d shares)  events: %d  rejections: %d%n",
                r.bookOps(), r.orders(), r.cancels(), r.trades(), r.tradedShares(), r.events(), r.rejections());
        System.out.printf(Locale.ROOT, "mid: open %.2f close %.2f low %.2f high %.2f  close bid/ask %.2f/%.2f  fundamental %.2f  imbalance starts %d%n",
                r.minuteMid()[0], r.minuteMid()[r.minuteMid().length - 1], lo, hi, r.finalBidCents() / 100.0,
                r.finalAskCents() / 100.0, r.fundamentalCents() / 100.0, r.imbalanceStarts());
        System.out.printf(Locale.ROOT, "setup_s=%.4f  event log: %d bytes, sha256 %s%n", r.setupSeconds(), r.hashedBytes(), r.eventLogSha256());
        System.out.println(r.lastLine());
    }
}
