package aftershock.sim.abm;

import aftershock.engine.api.BookConfig;
import aftershock.engine.api.Checks;
import aftershock.engine.api.Instrument;
import aftershock.engine.api.PositionSource;
import aftershock.engine.api.Side;
import aftershock.engine.api.TimeInForce;
import aftershock.engine.book.OrderBook;
import aftershock.sim.core.Rng;
import aftershock.sim.core.Scheduler;

import java.math.BigDecimal;
import java.util.Arrays;
import java.util.function.LongConsumer;

/**
 * The W1 market: one {@link OrderBook} in cents, ABIDES's three agent types as primitive arrays (struct of arrays,
 * agent index = account id − 1: noise agents first, then value agents, then market makers), and the discrete-event
 * loop that carries every message between agents and the exchange with its latency.
 *
 * <p>Messages, as in ABIDES's kernel (an agent's action leaves after its computation delay δ = 50 ns and reaches
 * the exchange after the agent's latency L; the exchange answers with no computation delay):
 * <ol>
 *   <li>{@code REQUEST} — at wake w + δ + L the exchange receives the agent's cancels (value agents, market makers)
 *       and its spread query (noise, value); a market maker's queries leave {@code mmCancelDelayNanos} later
 *       ({@code MM_QUERY}: spread and 60-s transacted volume).</li>
 *   <li>{@code RESPONSE} — the snapshot reaches the agent L later; the agent decides (oracle observation, sizes,
 *       prices) and its orders leave after δ.</li>
 *   <li>{@code ORDERS} — they reach the book L later and are placed one by one (a market maker's 20 in one
 *       batch).</li>
 *   <li>{@code IMBALANCE} — a book-imbalance START message reaches a market maker, which posts a new ladder at its
 *       last mid without cancelling (ABIDES's subscription behaviour).</li>
 * </ol>
 * Each queue entry is an {@code int}: a kind in the low 3 bits and an agent index or a message-slot index above.
 * Snapshots and orders in flight live in a pool of message slots (primitive arrays, a free list), so the loop
 * allocates nothing once warm.
 */
final class AbmMarket implements ExchangeSink.ImbalanceListener {
    static final long SECOND_NANOS = 1_000_000_000L;
    /** 09:30:00 on the simulated day, in nanoseconds since midnight. */
    static final long OPEN_NANOS = 34_200L * SECOND_NANOS;
    static final long MINUTE_NANOS = 60L * SECOND_NANOS;
    /** Speed of light in metres per nanosecond (ABIDES's {@code meters_to_light_ns}). */
    private static final double LIGHT_METRES_PER_NS = 299792458e-9;

    private static final int KIND_BITS = 3;
    private static final int KIND_MASK = (1 << KIND_BITS) - 1;
    private static final int REQUEST = 0;
    private static final int MM_QUERY = 1;
    private static final int RESPONSE = 2;
    private static final int ORDERS = 3;
    private static final int IMBALANCE = 4;

    private static final int NIL = -1;
    private static final long NONE = 0L;
    private static final Side[] SIDES = {Side.BUY, Side.SELL};
    private static final int BUY = 0;
    private static final int SELL = 1;

    private final AbmBench.Params p;
    private final OrderBook book;
    private final ExchangeSink sink;
    private final Scheduler scheduler = new Scheduler();
    private final SparseMeanRevertingOracle oracle;
    private final OrderSizeModel sizeModel = new OrderSizeModel();
    private final long openNanos;
    private final long closeNanos;
    private final long delayNanos;

    private final int firstValue;
    private final int firstMaker;
    private final int agentCount;
    private final long[] latencyNanos;
    private final Rng[] rng;
    /** Wake time of each agent's pending (noise: only) wake-up. */
    private final long[] wakeNanos;
    /** Noise agents in order of their request's arrival at the exchange, and how many are queued so far. */
    private int[] noiseOrder;
    private int noiseFed;

    // ---- value agents (index − firstValue): the Bayesian estimate ----
    private final double valueBase;
    private final double[] valueRt;
    private final double[] valueSigmaT;
    private final long[] valuePrevNanos;

    // ---- market makers (index − firstMaker) ----
    private final long[] mmLastMid;
    private final double[] mmSpreadEwma;
    private final long[] mmBuySize;
    private final long[] mmSellSize;
    private final long[] mmBuyVol;
    private final long[] mmSellVol;
    private final long mmWakeMeanNanos;
    private final long[] ladderScratch;

    // ---- message slots: a snapshot (a = bid, b = ask, c = buy volume, d = sell volume) or an order (a = price,
    // b = quantity, c = side) ----
    private int[] slotAgent;
    private int[] slotNext;
    private long[] slotA;
    private long[] slotB;
    private long[] slotC;
    private long[] slotD;
    private int slotHighWater;
    private int freeSlot = NIL;

    // ---- counters and outputs ----
    private long orders;
    private long noiseWakeups;
    private long valueWakeups;
    private long makerWakeups;
    private long queueEvents;
    private final double[] minuteMid;
    private int minutesDone;
    private long nextMinuteNanos;
    private LongConsumer progress;
    private String eventLogSha256;

    AbmMarket(AbmBench.Params p) {
        this.p = p;
        this.openNanos = OPEN_NANOS;
        this.closeNanos = OPEN_NANOS + Math.round(p.minutes() * MINUTE_NANOS);
        this.delayNanos = p.computationDelayNanos();
        this.firstValue = p.noiseAgents();
        this.firstMaker = firstValue + p.valueAgents();
        this.agentCount = firstMaker + p.marketMakers();
        this.minuteMid = new double[(int) Math.ceil(p.minutes())];
        Arrays.fill(minuteMid, Double.NaN);

        int expectedOrders = expectedOrders(p);
        Instrument instrument = instrument(p.rBarCents());
        int resting = Math.max(1024, p.marketMakers() * p.mmNumTicks() * 4 + p.valueAgents() * 2 + p.noiseAgents());
        this.sink = new ExchangeSink(this, p.mmMinImbalance(), Math.round(p.mmWakeMeanSeconds() * SECOND_NANOS),
                expectedOrders + 1024);
        this.book = new OrderBook(instrument, BookConfig.sized(resting), sink, PositionSource.NONE);
        this.oracle = new SparseMeanRevertingOracle(openNanos, closeNanos, p.rBarCents(), p.oracleKappaPerNs(),
                p.fundVol(), p.megashockRatePerNs(), p.megashockMeanCents(), p.megashockVarCents2(),
                new Rng(p.seed(), "abm.oracle"));

        // Agents and the exchange sit at uniform points on a line (ABIDES: Seattle–New York, 3,866,660 m);
        // latency = distance in light-nanoseconds, truncated.
        Rng line = new Rng(p.seed(), "abm.latency");
        double exchangeAt = line.uniform(0, p.latencyLineMeters());
        latencyNanos = new long[agentCount];
        for (int a = 0; a < agentCount; a++) {
            latencyNanos[a] = (long) (Math.abs(line.uniform(0, p.latencyLineMeters()) - exchangeAt) / LIGHT_METRES_PER_NS);
        }
        rng = new Rng[agentCount];
        Rng noise = new Rng(p.seed(), "abm.noise");
        Rng value = new Rng(p.seed(), "abm.value");
        Rng maker = new Rng(p.seed(), "abm.maker");
        for (int a = 0; a < agentCount; a++) {
            rng[a] = a < firstValue ? noise.child(a) : a < firstMaker ? value.child(a - firstValue) : maker.child(a - firstMaker);
        }
        wakeNanos = new long[agentCount];

        int nValue = p.valueAgents();
        valueBase = 1 - p.valueKappaPerNs();
        valueRt = new double[nValue];
        Arrays.fill(valueRt, p.rBarCents());
        valueSigmaT = new double[nValue];
        valuePrevNanos = new long[nValue];
        Arrays.fill(valuePrevNanos, openNanos);

        int nMm = p.marketMakers();
        mmLastMid = new long[nMm];
        mmSpreadEwma = new double[nMm];
        Arrays.fill(mmSpreadEwma, p.mmInitialSpreadCents());
        mmBuySize = new long[nMm];
        mmSellSize = new long[nMm];
        Arrays.fill(mmBuySize, p.mmMinOrderSize());
        Arrays.fill(mmSellSize, p.mmMinOrderSize());
        mmBuyVol = new long[nMm];
        mmSellVol = new long[nMm];
        mmWakeMeanNanos = Math.round(p.mmWakeMeanSeconds() * SECOND_NANOS);
        ladderScratch = new long[2 * p.mmNumTicks()];

        int slots = Math.max(1024, agentCount * 2 + nMm * p.mmNumTicks() * 4);
        slotAgent = new int[slots];
        slotNext = new int[slots];
        slotA = new long[slots];
        slotB = new long[slots];
        slotC = new long[slots];
        slotD = new long[slots];

        scheduleFirstWakeups();
    }

    /**
     * The traded instrument in cents and shares: tick $0.01, step 1 share, no minimum notional; prices up to 10 × r̄
     * and order sizes up to what the engine's 63-bit notional check then allows (9,000,000 shares at r̄ = $1,000).
     */
    static Instrument instrument(long rBarCents) {
        long maxTicks = 10 * rBarCents;
        // tick × step = 0.01 × 1 quote units = 1e6 in E8: maxTicks × maxLots × 1e6 must stay below 2^63.
        long maxLots = Math.min(1_000_000_000L, Long.MAX_VALUE / 1_000_000L / maxTicks);
        long roundedLots = 1;
        while (roundedLots * 10 <= maxLots) {
            roundedLots *= 10;
        }
        roundedLots = maxLots / roundedLots * roundedLots;
        return Instrument.of("ABM", "ABM", "USD", "0.01", "0.01", BigDecimal.valueOf(maxTicks, 2).toPlainString(),
                "1", "1", Long.toString(roundedLots), Long.toString(roundedLots), "0");
    }

    /** Orders over the run, roughly (sizes the order-id → side table once). */
    private static int expectedOrders(AbmBench.Params p) {
        double valueWakes = p.valueAgents() * p.minutes() * 60e9 * p.valueArrivalRatePerNs();
        double makerWakes = p.marketMakers() * p.minutes() * 60 / p.mmWakeMeanSeconds();
        double n = p.noiseAgents() + valueWakes + makerWakes * 2 * p.mmNumTicks() * 1.2;
        return (int) Math.min(1 << 28, n + 1024);
    }

    OrderBook book() {
        return book;
    }

    // =====================================================================================================
    // Wake-ups
    // =====================================================================================================

    private void scheduleFirstWakeups() {
        // Noise agents: one wake-up, U-quadratic over [open − 30 min, close] (ABIDES get_wake_time), but not before
        // their first market-hours wake-up at open + U{0..99} ns. They are fed to the queue one at a time in order
        // of their request's arrival (noiseOrder), so the heap holds one of them instead of all.
        long noiseFrom = openNanos - Math.round(p.noiseLeadMinutes() * MINUTE_NANOS);
        double noiseSpan = closeNanos - noiseFrom;
        long[] arrival = new long[firstValue];
        for (int a = 0; a < firstValue; a++) {
            Rng r = rng[a];
            long wake = noiseFrom + (long) (uQuadratic(r.uniform()) * noiseSpan);
            long atOpen = openNanos + r.nextInt(100);
            wakeNanos[a] = Math.max(wake, atOpen);
            arrival[a] = wakeNanos[a] + delayNanos + latencyNanos[a];
            if (wakeNanos[a] <= closeNanos) {
                noiseWakeups++;
            }
        }
        noiseOrder = sortedByKey(arrival);
        feedNoise();
        // Value agents and market makers: open + the first of their Poisson gaps.
        for (int a = firstValue; a < firstMaker; a++) {
            wake(a, openNanos + Math.round(rng[a].exponential(1.0 / p.valueArrivalRatePerNs())));
        }
        for (int a = firstMaker; a < agentCount; a++) {
            wake(a, openNanos + Math.round(rng[a].exponential(mmWakeMeanNanos)));
        }
    }

    /** Indexes 0..n−1 sorted by {@code key}, ties by index (a shell sort: setup only, no boxing). */
    static int[] sortedByKey(long[] key) {
        int n = key.length;
        int[] idx = new int[n];
        for (int i = 0; i < n; i++) {
            idx[i] = i;
        }
        int gap = 1;
        while (gap < n / 3) {
            gap = 3 * gap + 1;
        }
        for (; gap >= 1; gap /= 3) {
            for (int i = gap; i < n; i++) {
                int x = idx[i];
                int j = i;
                while (j >= gap && (key[idx[j - gap]] > key[x] || key[idx[j - gap]] == key[x] && idx[j - gap] > x)) {
                    idx[j] = idx[j - gap];
                    j -= gap;
                }
                idx[j] = x;
            }
        }
        return idx;
    }

    /** Queues the next noise agent's request (in arrival order), if it wakes before the close. */
    private void feedNoise() {
        if (noiseFed < noiseOrder.length) {
            int a = noiseOrder[noiseFed++];
            if (wakeNanos[a] <= closeNanos) {
                scheduler.schedule(wakeNanos[a] + delayNanos + latencyNanos[a], a << KIND_BITS | REQUEST);
            }
        }
    }

    /** Inverse CDF of the U-quadratic distribution on [0, 1] (ABIDES: α = 12, β = ½). */
    static double uQuadratic(double y) {
        return Math.cbrt(3.0 / 12.0 * y - 0.125) + 0.5;
    }

    /**
     * A value agent or market maker wakes at {@code t}: its first message reaches the exchange δ + L later.
     * Wake-ups after the close are dropped.
     */
    private void wake(int a, long t) {
        if (t > closeNanos) {
            return;
        }
        if (a < firstMaker) {
            valueWakeups++;
        } else {
            makerWakeups++;
        }
        wakeNanos[a] = t;
        scheduler.schedule(t + delayNanos + latencyNanos[a], a << KIND_BITS | REQUEST);
    }

    // =====================================================================================================
    // The event loop
    // =====================================================================================================

    /**
     * Runs to the close, then finishes the event-log hash ({@link #eventLogSha256()}). Returns the event loop's wall
     * time in nanoseconds, the hash included.
     */
    long run(LongConsumer progressSimSeconds) {
        this.progress = progressSimSeconds;
        nextMinuteNanos = openNanos + MINUTE_NANOS;
        long started = System.nanoTime();
        // One event per call: the JIT compiles step() after a few hundred events; a loop body run once would stay
        // interpreted until on-stack replacement, which a day of W1 (~46k events) barely reaches.
        while (step()) {
            queueEvents++;
        }
        eventLogSha256 = sink.finishHash();
        long elapsed = System.nanoTime() - started;
        while (minutesDone < minuteMid.length) {
            endMinute();
        }
        if (Checks.FULL) {
            book.checkInvariants();
        }
        return elapsed;
    }

    /** SHA-256 of the event log, after {@link #run}. */
    String eventLogSha256() {
        return eventLogSha256;
    }

    /** Processes the next event; false when none is left before the close. */
    private boolean step() {
        if (scheduler.isEmpty()) {
            return false;
        }
        long t = scheduler.peekTime();
        if (t > closeNanos) {
            return false;
        }
        while (t >= nextMinuteNanos && minutesDone < minuteMid.length) {
            endMinute();
            nextMinuteNanos += MINUTE_NANOS;
        }
        int code = scheduler.poll();
        int id = code >>> KIND_BITS;
        switch (code & KIND_MASK) {
            case REQUEST -> request(t, id);
            case MM_QUERY -> snapshotTo(t, id, true);
            case RESPONSE -> respond(t, id);
            case ORDERS -> placeOrders(t, id);
            case IMBALANCE -> imbalanceMessage(t, id);
            default -> throw new IllegalStateException("unknown event kind " + (code & KIND_MASK));
        }
        return true;
    }

    private void endMinute() {
        minuteMid[minutesDone++] = midDollars();
        if (progress != null) {
            progress.accept(Math.min(minutesDone * 60L, (closeNanos - openNanos) / SECOND_NANOS));
        }
    }

    /** Mid in dollars (cents / 100), else the last trade, else NaN. */
    private double midDollars() {
        long bid = book.bestBidTicks();
        long ask = book.bestAskTicks();
        if (bid != OrderBook.NO_PRICE && ask != OrderBook.NO_PRICE) {
            return (bid + ask) / 200.0;
        }
        long last = book.lastPriceTicks();
        return last == OrderBook.NO_PRICE ? Double.NaN : last / 100.0;
    }

    /** At the exchange: the agent's cancels, then (noise, value) its spread query or (market maker) its queries a little later. */
    private void request(long t, int a) {
        if (a < firstValue) {
            feedNoise();
        } else {
            if (a < firstMaker) {
                // ABIDES draws a value agent's next wake-up as it wakes: an exponential gap from this wake-up.
                wake(a, wakeNanos[a] + Math.round(rng[a].exponential(1.0 / p.valueArrivalRatePerNs())));
            }
            book.cancelAll(t, a + 1L);
        }
        if (a >= firstMaker) {
            scheduler.schedule(t + p.mmCancelDelayNanos(), a << KIND_BITS | MM_QUERY);
        } else {
            snapshotTo(t, a, false);
        }
    }

    /** The exchange answers a spread query (and for a market maker the transacted volume of the last 60 s). */
    private void snapshotTo(long t, int a, boolean withVolume) {
        int s = allocSlot(a);
        slotA[s] = book.bestBidTicks();
        slotB[s] = book.bestAskTicks();
        if (withVolume) {
            TradeWindow w = sink.trades();
            w.advanceTo(t);
            slotC[s] = w.buyLots();
            slotD[s] = w.sellLots();
        }
        scheduler.schedule(t + latencyNanos[a], s << KIND_BITS | RESPONSE);
    }

    /** The agent has its snapshot: it decides. */
    private void respond(long t, int s) {
        int a = slotAgent[s];
        long bid = slotA[s];
        long ask = slotB[s];
        long buyVol = slotC[s];
        long sellVol = slotD[s];
        releaseSlot(s);
        if (a < firstValue) {
            noiseDecides(t, a, bid, ask);
        } else if (a < firstMaker) {
            valueDecides(t, a, bid, ask);
        } else {
            makerDecides(t, a, bid, ask, buyVol, sellVol);
        }
    }

    private void placeOrders(long t, int s) {
        while (s != NIL) {
            int next = slotNext[s];
            book.placeLimit(t, slotAgent[s] + 1L, SIDES[(int) slotC[s]], TimeInForce.GTC, slotA[s], slotB[s]);
            orders++;
            sink.publish(t);
            releaseSlot(s);
            s = next;
        }
    }

    /** The book-imbalance subscription fired: every market maker gets a START message. */
    @Override
    public void bookImbalanceStarted(long t) {
        for (int a = firstMaker; a < agentCount; a++) {
            scheduler.schedule(t + latencyNanos[a], a << KIND_BITS | IMBALANCE);
        }
    }

    private void imbalanceMessage(long t, int a) {
        int m = a - firstMaker;
        if (mmLastMid[m] != NONE) {
            int head = ladder(a, mmLastMid[m]);
            send(t, a, head);
        }
    }

    // =====================================================================================================
    // Agents' decisions
    // =====================================================================================================

    /** ABIDES NoiseAgent.placeOrder: a random side, a size from the model, a limit order at the opposite best. */
    private void noiseDecides(long t, int a, long bid, long ask) {
        Rng r = rng[a];
        boolean buy = r.nextInt(2) == 1;
        long size = sizeModel.sample(r);
        if (size <= 0) {
            return;
        }
        if (buy && ask != NONE) {
            send(t, a, order(a, BUY, ask, size));
        } else if (!buy && bid != NONE) {
            send(t, a, order(a, SELL, bid, size));
        }
    }

    /** ABIDES ValueAgent.placeOrder: estimate the close's fundamental; buy below it, sell above, at or near the touch. */
    private void valueDecides(long t, int a, long bid, long ask) {
        Rng r = rng[a];
        long rT = valueEstimate(t, a - firstValue, oracle.observe(t, p.valueObsVarCents2(), r));
        int side;
        long price;
        if (bid != NONE && ask != NONE) {
            long mid = (bid + ask) / 2;
            long spread = ask - bid;
            long adjust = r.uniform() < p.valuePercentAggr() ? 0 : r.nextInt((int) Math.min(Integer.MAX_VALUE, p.valueDepthSpread() * spread));
            if (rT < mid) {
                side = SELL;
                price = bid + adjust;
            } else {
                side = BUY;
                price = ask - adjust;
            }
        } else {
            side = r.nextInt(2) == 1 ? BUY : SELL;
            price = rT;
        }
        long size = sizeModel.sample(r);
        if (size > 0 && price > 0) {
            send(t, a, order(a, side, price, size));
        }
    }

    private long valueEstimate(long t, int v, long obs) {
        return valueEstimate(valueBase, p.rBarCents(), p.valueObsVarCents2(), p.valueSigmaS(), valueRt, valueSigmaT,
                valuePrevNanos, v, t, closeNanos, obs);
    }

    /**
     * ABIDES ValueAgent.updateEstimates for agent {@code v} observing {@code obs} at {@code t}: advance the prior
     * (r_t, σ_t) from the agent's previous update by mean reversion, weigh it against the observation (variance
     * σ_n), project the estimate to the close and round it to a cent. ABIDES's quirks are kept: σ_t is updated
     * from itself rather than from the advanced σ_t' (so it stays 0 and each observation gets almost all the
     * weight), and (1 − κ)^Δt is computed in double from {@code base} = 1 − κ.
     */
    static long valueEstimate(double base, double rBar, double sigmaN, double sigmaS, double[] rt, double[] sigmaT,
                              long[] prevNanos, int v, long t, long closeNanos, long obs) {
        long delta = t - prevNanos[v];
        double decay = Math.pow(base, delta);
        double decay2 = Math.pow(base, 2.0 * delta);
        double rTPrime = (1 - decay) * rBar + decay * rt[v];
        double sigmaTPrime = decay2 * sigmaT[v] + (1 - decay2) / (1 - base * base) * sigmaS;
        rt[v] = sigmaN / (sigmaN + sigmaTPrime) * rTPrime + sigmaTPrime / (sigmaN + sigmaTPrime) * obs;
        sigmaT[v] = sigmaN * sigmaT[v] / (sigmaN + sigmaT[v]);
        double toClose = Math.pow(base, Math.max(0, closeNanos - t));
        prevNanos[v] = t;
        return (long) Math.rint((1 - toClose) * rBar + toClose * rt[v]);
    }

    /**
     * ABIDES AdaptiveMarketMakerAgent on its spread and volume answers: EWMA of the spread, order size = pov × volume
     * of the last 60 s (at least the minimum), then the ladder at the mid; the next wake-up is an exponential gap
     * after this decision. The volume answer is handled one computation delay after the spread answer.
     */
    private void makerDecides(long t, int a, long bid, long ask, long buyVol, long sellVol) {
        int m = a - firstMaker;
        long decided = t + delayNanos;
        if (bid != NONE && ask != NONE) {
            mmLastMid[m] = (bid + ask) / 2;
            mmSpreadEwma[m] = p.mmSpreadAlpha() * (ask - bid) + (1 - p.mmSpreadAlpha()) * mmSpreadEwma[m];
        }
        long qty = (long) Math.rint(p.mmPov() * (buyVol + sellVol));
        mmBuySize[m] = Math.max(qty, p.mmMinOrderSize());
        mmSellSize[m] = Math.max(qty, p.mmMinOrderSize());
        mmBuyVol[m] = buyVol;
        mmSellVol[m] = sellVol;
        if (mmLastMid[m] != NONE) {
            send(decided, a, ladder(a, mmLastMid[m]));
        }
        // Deviation: ABIDES sets the next wake-up only after placing a ladder, so a maker that sees no two-sided
        // book at its first wake-up never wakes again; here it tries again after the next gap.
        wake(a, decided + Math.round(rng[a].exponential(mmWakeMeanNanos)));
    }

    /**
     * The ladder (ABIDES compute_orders_to_place, anchor "middle", adaptive window): mid skewed by the trade
     * imbalance × price-skew, window = the spread EWMA, highest bid = mid − ⌊window/2⌋, lowest ask = mid +
     * ⌈window/2⌉, {@code mmNumTicks} levels per side {@code round(levelSpacing × window)} (≥ 1) cents apart; bids
     * lowest first, then asks lowest first. Returns the head of the chain of order slots.
     */
    private int ladder(int a, long mid) {
        int m = a - firstMaker;
        int n = p.mmNumTicks();
        long[] prices = ladderPrices(mid, mmBuyVol[m], mmSellVol[m], mmSpreadEwma[m], p.mmPriceSkew(),
                p.mmLevelSpacing(), n, ladderScratch);
        int head = NIL;
        int tail = NIL;
        for (int i = 0; i < 2 * n; i++) {
            if (prices[i] <= 0) {
                continue;
            }
            int side = i < n ? BUY : SELL;
            int s = order(a, side, prices[i], side == BUY ? mmBuySize[m] : mmSellSize[m]);
            if (head == NIL) {
                head = s;
            } else {
                slotNext[tail] = s;
            }
            tail = s;
        }
        return head;
    }

    /**
     * The ladder's prices into {@code out} (resized if short): {@code n} bids lowest first, then {@code n} asks
     * lowest first.
     */
    static long[] ladderPrices(long mid, long buyVol, long sellVol, double window, double priceSkew,
                               double levelSpacing, int n, long[] out) {
        long[] prices = out.length >= 2 * n ? out : new long[2 * n];
        long midPoint = mid;
        if (buyVol + sellVol != 0) {
            double tradeImbalance = 2.0 * buyVol / (buyVol + sellVol) - 1;
            midPoint = (long) (mid + tradeImbalance * priceSkew);
        }
        long tick = (long) Math.rint(levelSpacing * window);
        if (tick == 0) {
            tick = 1;
        }
        long highestBid = midPoint - (long) Math.floor(0.5 * window);
        long lowestAsk = midPoint + (long) Math.ceil(0.5 * window);
        for (int i = 0; i < n; i++) {
            prices[i] = highestBid - (long) (n - 1 - i) * tick;
            prices[n + i] = lowestAsk + (long) i * tick;
        }
        return prices;
    }

    // =====================================================================================================
    // Message slots
    // =====================================================================================================

    private int order(int a, int side, long price, long qty) {
        int s = allocSlot(a);
        slotA[s] = price;
        slotB[s] = qty;
        slotC[s] = side;
        return s;
    }

    /** The orders of the chain leave the agent after its computation delay and reach the book after its latency. */
    private void send(long t, int a, int head) {
        if (head != NIL) {
            scheduler.schedule(t + delayNanos + latencyNanos[a], head << KIND_BITS | ORDERS);
        }
    }

    private int allocSlot(int a) {
        int s;
        if (freeSlot != NIL) {
            s = freeSlot;
            freeSlot = slotNext[s];
        } else {
            if (slotHighWater == slotAgent.length) {
                growSlots();
            }
            s = slotHighWater++;
        }
        slotAgent[s] = a;
        slotNext[s] = NIL;
        slotC[s] = 0;
        slotD[s] = 0;
        return s;
    }

    private void releaseSlot(int s) {
        slotNext[s] = freeSlot;
        freeSlot = s;
    }

    private void growSlots() {
        int n = slotAgent.length * 2;
        slotAgent = Arrays.copyOf(slotAgent, n);
        slotNext = Arrays.copyOf(slotNext, n);
        slotA = Arrays.copyOf(slotA, n);
        slotB = Arrays.copyOf(slotB, n);
        slotC = Arrays.copyOf(slotC, n);
        slotD = Arrays.copyOf(slotD, n);
    }

    // =====================================================================================================
    // Outputs
    // =====================================================================================================

    ExchangeSink sink() {
        return sink;
    }

    SparseMeanRevertingOracle oracle() {
        return oracle;
    }

    long orders() {
        return orders;
    }

    long noiseWakeups() {
        return noiseWakeups;
    }

    long valueWakeups() {
        return valueWakeups;
    }

    long makerWakeups() {
        return makerWakeups;
    }

    long queueEvents() {
        return queueEvents;
    }

    double[] minuteMid() {
        return minuteMid;
    }

    long[] latencyNanos() {
        return latencyNanos;
    }
}
