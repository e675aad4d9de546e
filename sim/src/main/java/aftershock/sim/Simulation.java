package aftershock.sim;

import aftershock.engine.api.Instrument;
import aftershock.engine.api.Instruments;
import aftershock.engine.api.Side;
import aftershock.engine.exchange.Exchange;
import aftershock.engine.exchange.ExchangeCommand;
import aftershock.engine.margin.BracketTable;
import aftershock.engine.margin.BracketTables;
import aftershock.engine.margin.FeeSchedule;
import aftershock.engine.margin.Fixed;
import aftershock.sim.agents.Agent;
import aftershock.sim.agents.Arbitrageurs;
import aftershock.sim.agents.Crowd;
import aftershock.sim.agents.Flow;
import aftershock.sim.agents.Fundamental;
import aftershock.sim.agents.MarketMaker;
import aftershock.sim.agents.MomentumTraders;
import aftershock.sim.agents.NoiseTraders;
import aftershock.sim.agents.ValueTraders;
import aftershock.sim.core.Rng;
import aftershock.sim.core.Scheduler;
import aftershock.sim.market.Market;
import aftershock.sim.market.PerpVenue;
import aftershock.sim.market.SpotVenue;
import aftershock.sim.output.EventLog;
import aftershock.sim.scenario.Scenario;

import java.io.Writer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongConsumer;

/**
 * One run of a scenario: builds the venue (engine {@link Exchange}: BTCUSDT/ETHUSDT perpetuals) and the spot books
 * around it, the agents, opens the leveraged crowd's positions in a warm-up, then runs the discrete-event loop on
 * the virtual clock until the scenario's end, sampling the outputs every minute. Deterministic: the same scenario
 * and seed give the same event log (its SHA-256 is in the summary).
 */
public final class Simulation {
    private static final long SECOND = 1_000_000_000L;
    private static final boolean DEBUG = Boolean.getBoolean("aftershock.sim.debug");
    private static final int DEBUG_FROM = Integer.getInteger("aftershock.sim.debugFrom", 0);
    private static final int DEBUG_TO = Integer.getInteger("aftershock.sim.debugTo", -1);
    private static final boolean DEBUG_OI = Boolean.getBoolean("aftershock.sim.debugOi");
    private static final long MINUTE = 60 * SECOND;
    /** The warm-up before the recorded day: spot books fill, the index forms, positions are opened. */
    private static final long WARMUP = 2 * MINUTE;

    private final Scenario sc;
    private final long seed;
    private final boolean checks;
    private final Exchange exchange;
    private final EventLog log;
    private final Market market;
    private final List<Agent> agents = new ArrayList<>();
    private final List<Long> firstWakes = new ArrayList<>();
    private final List<PerpVenue> perps = new ArrayList<>();
    private final List<SpotVenue> usSpots = new ArrayList<>();
    private final List<SpotVenue> offshoreSpots = new ArrayList<>();
    private final List<Crowd> crowds = new ArrayList<>();
    private final List<MarketMaker> makers = new ArrayList<>();
    private final List<Fundamental> fundamentals = new ArrayList<>();
    private final List<List<Long>> carryAccounts = new ArrayList<>();
    private long dealer;
    private final java.util.TreeMap<String, Long> opsByAgent = new java.util.TreeMap<>();

    public Simulation(Scenario scenario, long seed, boolean checkInvariants, EventLog.Listener listener) {
        this(scenario, seed, checkInvariants, (Writer) null);
        log.listener(listener);
    }

    public Simulation(Scenario scenario, long seed, boolean checkInvariants, Writer eventsOut) {
        this.sc = scenario;
        this.seed = seed;
        this.checks = checkInvariants;
        Exchange.Config config = Exchange.Config.binance()
                .withChecks(checkInvariants)
                .withImpactMargin(Math.max(1, Math.round(200.0 / scenario.scale() * Fixed.E8)))
                .withAdlPolicy(sc.policies().adl())
                .withLiquidationPolicy(sc.policies().liquidation())
                .withLiquidationFee(Math.round(sc.policies().liquidationFeePct() / 100 * Fixed.E8))
                .withProtection(Math.round(sc.policies().priceBandPct() / 100 * Fixed.E8),
                        Math.round(sc.policies().marketTakeBoundPct() / 100 * Fixed.E8));
        Scenario.Breaker b = sc.policies().breaker();
        if (b.on()) {
            List<aftershock.engine.halt.CircuitBreaker.Tier> tiers = new ArrayList<>();
            for (int i = 0; i < b.tiersPct().length; i++) {
                tiers.add(new aftershock.engine.halt.CircuitBreaker.Tier(Math.round(b.tiersPct()[i] / 100 * Fixed.E8),
                        Math.round(b.haltMinutes()[i] * 60e9), 0));
            }
            config = config.withCircuitBreaker(aftershock.engine.halt.CircuitBreaker.of(
                    aftershock.engine.halt.CircuitBreaker.TriggerPrice.LAST, Math.round(b.windowMinutes() * 60e9),
                    b.queueDuringHalt() ? aftershock.engine.halt.CircuitBreaker.DuringHalt.QUEUE
                            : aftershock.engine.halt.CircuitBreaker.DuringHalt.REJECT,
                    b.auction() ? aftershock.engine.halt.CircuitBreaker.Resumption.AUCTION
                            : aftershock.engine.halt.CircuitBreaker.Resumption.RESUME,
                    tiers.toArray(new aftershock.engine.halt.CircuitBreaker.Tier[0])));
        }
        if (sc.policies().backstopDiscountPct() >= 0) {
            config = config.withBackstop(aftershock.engine.liquidation.Backstop.Reference.MARK,
                    Math.round(sc.policies().backstopDiscountPct() / 100 * Fixed.E8));
        }
        if (!sc.collateral().isEmpty()) {
            List<aftershock.engine.margin.CollateralAsset> assets = new ArrayList<>();
            for (Scenario.Collateral c : sc.collateral()) {
                assets.add(new aftershock.engine.margin.CollateralAsset(c.name(), Math.round(c.haircutPct() / 100 * Fixed.E8),
                        c.pricing(), Math.round(c.redemptionWeight() * Fixed.E8), Math.round(c.floorPrice() * Fixed.E8)));
            }
            config = config.withCollateral(assets.toArray(new aftershock.engine.margin.CollateralAsset[0]));
        }
        List<Exchange.SymbolSetup> setups = new ArrayList<>();
        for (Scenario.Asset a : sc.assets()) {
            Instrument ins = Instruments.bySymbol(a.perpSymbol()).orElseThrow();
            BracketTable table = BracketTables.defaultFor(a.perpSymbol()).orElseThrow();
            long cap = table.brackets().get(0).maintMarginRateE8() * 3 / 4;
            setups.add(new Exchange.SymbolSetup(ins, table, FeeSchedule.BINANCE_VIP0, Math.min(100, table.maxLeverage()),
                    List.of("coinbase", "offshore"), cap, -cap, 8));
        }
        this.exchange = new Exchange(setups, config);
        this.exchange.armCircuitBreakersFrom(WARMUP); // the warm-up's trades span the entry prices
        this.log = new EventLog(eventsOut);
        this.market = new Market(exchange, log);
    }

    private double sim(double realUsd) {
        return realUsd / sc.scale();
    }

    private long e8(double quote) {
        return Math.round(quote * 1e8);
    }

    private void add(Agent a, long firstWake) {
        agents.add(a);
        firstWakes.add(firstWake);
    }

    private static Instrument spotInstrument(String symbol, String base, String quote) {
        return Instrument.of(symbol, base, quote, "0.01", "0.01", "1000000", "0.0001", "0.0001", "10000", "10000", "1");
    }

    private MarketMaker.Params makerParams(Scenario.Makers m) {
        int within1 = Math.max(1, Math.min(m.levels(), (int) Math.ceil((100 - m.halfSpreadBps()) / m.levelStepBps())));
        double perLevel = sim(m.depthUsd()) / Math.max(1, m.count()) / within1;
        return new MarketMaker.Params(m.levels(), m.halfSpreadBps(), m.levelStepBps(), perLevel, m.requoteSeconds(),
                sim(m.inventoryLimitUsd()), m.skewBps(), sim(m.lossLimitUsd()), m.withdrawFactor(), m.recoverMinutes(),
                m.adlAppetite(), m.volRefBps(), m.indexWeight(), 0.35, m.fundamentalPull());
    }

    /** A collateral asset's value per unit in margin at the start (price × (1 − haircut)); 0 for none. */
    private double collateralUnitValue(String name) {
        Scenario.Collateral c = name.isEmpty() ? null : sc.collateral(name);
        return c == null ? 0 : c.price() * (1 - c.haircutPct() / 100);
    }

    private final List<SpotVenue> collateralBooks = new ArrayList<>();

    /**
     * Each collateral asset's own book on the venue: makers quoting around its redemption value, and redemption
     * arbitrageurs who buy it below that value (slowly: redeeming takes time and balance sheet). The venue is told the
     * redemption value and the oracle price (both the issuer's value here) at the start; the book's price as it moves.
     */
    private void buildCollateral() {
        for (Scenario.Collateral c : sc.collateral()) {
            boolean dear = c.price() >= 100;
            String tick = dear ? "0.01" : "0.0001";
            String maxQty = dear ? "10000" : "100000000"; // max price × max quantity must fit the engine's notional
            Instrument ins = Instrument.of(c.name() + "USDT", c.name(), "USDT", tick, tick, dear ? "1000000" : "100",
                    "0.0001", "0.0001", maxQty, maxQty, "1");
            SpotVenue book = market.addCollateralBook(c.name(), ins);
            collateralBooks.add(book);
            long price = Math.round(c.price() * 1e8);
            market.submitPerp(new ExchangeCommand.CollateralPrice(0, c.name(), aftershock.engine.margin.CollateralPriceSource.REDEMPTION, price));
            market.submitPerp(new ExchangeCommand.CollateralPrice(0, c.name(), aftershock.engine.margin.CollateralPriceSource.ORACLE, price));
            market.submitPerp(new ExchangeCommand.CollateralPrice(0, c.name(), aftershock.engine.margin.CollateralPriceSource.SPOT_BOOK, price));
            // Its issuer's value does not move with the market: a belief without volatility.
            Fundamental value = new Fundamental(new Rng(seed, "collateral-" + c.name()), c.price(), 0, 0.1, 0.88, 4, null, 0);
            if (c.bookDepthUsd() > 0) {
                // A quiet book: two makers, ten levels 8 bp apart, requoting every 5 seconds, with little balance
                // sheet for a token that stops trading at its value (inventory limit a tenth of the depth, a small
                // loss limit, and an appetite that may fall to 2%): under forced selling they step back.
                double perLevel = sim(c.bookDepthUsd()) / 2 / 10;
                MarketMaker.Params mp = new MarketMaker.Params(10, 2, 8, perLevel, 5, sim(c.bookDepthUsd()) * 0.1, 200,
                        sim(c.bookDepthUsd()) * 0.01, 0.3, 60, 0.2, 8, 0, 0.02, 0.1);
                for (int i = 0; i < 2; i++) {
                    MarketMaker mm = new MarketMaker(c.name() + "-collateral-maker-" + i, market, book, mp,
                            new Rng(seed, c.name() + "-collateral-maker-" + i), 0, value);
                    add(mm, i * 100_000_000L);
                }
            }
            if (c.arbPerMinute() > 0) {
                add(new ValueTraders(c.name() + "-redemption-arb", market, book, value, new ValueTraders.Params(c.arbPerMinute(), 0,
                        c.arbThresholdBps(), sim(c.arbSizeUsd()), 5), new Rng(seed, c.name() + "-redemption-arb")), 10 * SECOND);
            }
        }
    }

    private void build() {
        Rng root = new Rng(seed, "scenario");
        market.submitPerp(new ExchangeCommand.Deposit(0, Exchange.INSURANCE_FUND, e8(sim(sc.policies().insuranceFundUsd()))));
        buildCollateral();
        for (int ai = 0; ai < sc.assets().size(); ai++) {
            Scenario.Asset a = sc.assets().get(ai);
            Fundamental driver = null;
            for (int j = 0; j < ai; j++) {
                if (sc.assets().get(j).name().equals(a.driver())) {
                    driver = fundamentals.get(j);
                }
            }
            Fundamental f = new Fundamental(new Rng(seed, "fundamental-" + a.name()), a.price(), a.dailyVol(), a.garchAlpha(),
                    a.garchBeta(), a.tailDf(), driver, a.correlation()).withNoiseHalfLife(a.noiseHalfLifeHours());
            fundamentals.add(f);
            PerpVenue perp = market.addPerp(ai, Instruments.bySymbol(a.perpSymbol()).orElseThrow());
            perps.add(perp);
            SpotVenue us = market.addSpot(a.name() + "-USD@coinbase", "coinbase", ai, spotInstrument(a.name() + "-USD", a.name(), "USD"));
            SpotVenue off = market.addSpot(a.name() + "USDT@offshore", "offshore", ai, spotInstrument(a.name() + "USDT", a.name(), "USDT"));
            usSpots.add(us);
            offshoreSpots.add(off);
            // Spot makers start at once (seeded at the fundamental); the perpetual's after the warm-up.
            addMakers(a.name() + "-us", a.usMakers(), us, f, 0);
            addMakers(a.name() + "-offshore", a.offshoreMakers(), off, f, 0);
            for (MarketMaker mm : addMakers(a.name() + "-perp", a.perpMakers(), perp, f, WARMUP)) {
                if (a.perpMakers().hedge()) {
                    mm.hedgeOn(off);
                }
            }
            addTakers(a.name() + "-perp", a.perpTakers(), perp, f, false);
            addTakers(a.name() + "-us", a.usTakers(), us, f, true);
            addTakers(a.name() + "-offshore", a.offshoreTakers(), off, f, true);
            if (a.momentumPerMinute() > 0) {
                add(new MomentumTraders(a.name() + "-momentum", market, perp, new MomentumTraders.Params(a.momentumPerMinute(),
                        60, a.momentumThresholdBps(), sim(a.momentumSizeUsd()), 4, sim(a.momentumSizeUsd()) * 50),
                        new Rng(seed, a.name() + "-momentum"), e8(sim(a.momentumSizeUsd()) * 100)), WARMUP + 10 * SECOND);
            }
            add(new Arbitrageurs(a.name() + "-basis-arb", market, perp, off, new Arbitrageurs.Params(1.0, a.basisBandBps(),
                    sim(a.basisSizeUsd()), sim(a.basisLimitUsd()), a.basisBandBps() / 3), new Rng(seed, a.name() + "-basis"),
                    e8(sim(a.basisLimitUsd()))).withPriceBand(sc.policies().priceBandPct() / 100), WARMUP + 10 * SECOND);
            add(new Arbitrageurs(a.name() + "-spot-arb", market, us, off, new Arbitrageurs.Params(2.0, a.spotArbBandBps(),
                    sim(a.spotArbSizeUsd()), sim(a.spotArbLimitUsd()), a.spotArbBandBps() / 3), new Rng(seed, a.name() + "-spotarb"), 0), 10 * SECOND);
            Scenario.CrowdSpec c = a.crowd();
            Crowd crowd = new Crowd(a.name() + "-crowd", market, perp, new Crowd.Params(c.traders(),
                    sim(a.openInterestUsd()), c.shortShareOfOi(), c.longShare(), sim(c.medianSizeUsd()), c.sizeSigma(),
                    c.leverages(), c.leverageWeights(), c.entryOffsets(), c.entrySds(), c.entryWeights(), c.stopShare(),
                    c.stopPct(), c.reentryProb(), c.reentryMeanMinutes(), c.reentryLongShare(), c.openPerHour(),
                    c.closePerHour(), 0.02, c.survivedLowPct(), c.survivedHighPct(), sim(c.maxSizeUsd()), c.stopSlippagePct() / 100,
                    c.takeProfitShare(), c.takeProfitPct() / 100, c.excitation(), c.trendFollowing(),
                    a.dailyVol() / Math.sqrt(1440), c.runLeverageWeights(), c.excitedOpenShare(), c.collateralAsset(),
                    c.collateralShare(), collateralUnitValue(c.collateralAsset())),
                    new Rng(seed, a.name() + "-crowd"));
            crowds.add(crowd);
            add(crowd, WARMUP + 10 * SECOND); // after the perpetual makers have quoted
        }
        // Shocks: news moves beliefs; flows are orders; unwinds are the carry traders' forced buy-backs and spot sales.
        for (Scenario.Shock s : sc.shocks()) {
            int ai = sc.assets().indexOf(sc.asset(s.asset()));
            long at = WARMUP + s.atNanos();
            long dur = (long) (s.minutes() * 60e9);
            switch (s.type()) {
                case NEWS -> fundamentals.get(ai).addNews(new Fundamental.News(at, Math.max(SECOND, dur),
                        Math.log(1 + s.changePct() / 100), s.volMultiplier()));
                case FLOW -> {
                    var venue = switch (s.venue()) {
                        case PERP -> perps.get(ai);
                        case US -> usSpots.get(ai);
                        case OFFSHORE -> offshoreSpots.get(ai);
                    };
                    Flow flow = new Flow(s.label(), market, venue, Side.valueOf(s.side()), sim(s.notionalUsd()), at, dur, 15,
                            e8(sim(s.notionalUsd()) * 2));
                    add(flow, at);
                }
                case UNWIND -> {
                    double perpQty = sim(sc.asset(s.asset()).openInterestUsd()) * (1 - sc.asset(s.asset()).crowd().shortShareOfOi())
                            * s.shareOfCarry() / sc.asset(s.asset()).price();
                    double quote = perpQty * sc.asset(s.asset()).price();
                    add(new Flow(s.label() + "-perp-buyback", market, perps.get(ai), Side.BUY, quote, at, dur, 15, e8(quote * 2)), at);
                    add(new Flow(s.label() + "-spot-sale", market, offshoreSpots.get(ai), Side.SELL, quote, at, dur, 15, 0), at);
                }
                case DEPEG -> {
                    SpotVenue book = collateralBooks.get(sc.collateral().indexOf(sc.collateral(s.collateral())));
                    // Forced selling into the venue's own book: it takes the bids down to 60% below the mid.
                    add(new Flow(s.label(), market, book, Side.SELL, sim(s.notionalUsd()), at, dur, 5, 0).withReach(0.6), at);
                }
                case HAIRCUT -> {
                    String name = s.collateral();
                    long haircut = Math.round(s.haircutPct() / 100 * Fixed.E8);
                    add(new aftershock.sim.agents.VenueAction(s.label() + ": " + name + " haircut " + s.haircutPct() + "%", market,
                            now -> new ExchangeCommand.SetHaircut(now, name, haircut)), at);
                }
            }
        }
    }

    private List<MarketMaker> addMakers(String name, Scenario.Makers m, aftershock.sim.market.MarketVenue venue, Fundamental f,
                                        long start) {
        List<MarketMaker> added = new ArrayList<>();
        if (m.deepDepthUsd() > 0) {
            // The deep book: slow, large resting orders 2%–10% from what their owners believe the asset is worth
            // (stale value bids and offers). They bound how far a sweep can print, and they move only slowly.
            MarketMaker.Params deep = new MarketMaker.Params(9, 200, 100, sim(m.deepDepthUsd()) / 9, 300, sim(m.deepDepthUsd()) * 10,
                    0, sim(m.deepDepthUsd()) * 100, 1, 60, 1, 1e6, 0, 0.2, 1.0);
            MarketMaker dm = new MarketMaker(name + "-deep", market, venue, deep, new Rng(seed, name + "-deep"),
                    e8(sim(m.deepDepthUsd()) * 20), f);
            add(dm, start + 50_000_000L);
        }
        MarketMaker.Params p = makerParams(m);
        for (int i = 0; i < m.count(); i++) {
            MarketMaker mm = new MarketMaker(name + "-maker-" + i, market, venue, p, new Rng(seed, name + "-maker-" + i),
                    e8(p.inventoryLimitQuote() * 5 + p.sizePerLevelQuote() * p.levels() * 4), f);
            makers.add(mm);
            added.add(mm);
            add(mm, start + i * 100_000_000L);
        }
        return added;
    }

    private void addTakers(String name, Scenario.Takers t, aftershock.sim.market.MarketVenue venue, Fundamental f, boolean value) {
        if (t.noisePerMinute() > 0) {
            // Excitation is measured against twice the fundamental's typical one-minute move.
            double refBps = Math.max(1, 2 * sc.assets().get(venue.asset()).dailyVol() / Math.sqrt(1440) * 1e4);
            add(new NoiseTraders(name + "-noise", market, venue, new NoiseTraders.Params(t.noisePerMinute(), sim(t.noiseSizeUsd()),
                    1.0, t.excitation(), refBps, sim(t.noiseSizeUsd()) * 30), new Rng(seed, name + "-noise"),
                    e8(sim(t.noiseSizeUsd()) * 1000)), WARMUP + 10 * SECOND);
        }
        if (t.valuePerMinute() > 0 && (value || t.valueThresholdBps() > 0)) {
            double limit = venue.isPerp() ? sim(t.valueSizeUsd()) * 200 : 0;
            add(new ValueTraders(name + "-value", market, venue, f, new ValueTraders.Params(t.valuePerMinute(), t.valueNoiseBps(),
                    t.valueThresholdBps(), sim(t.valueSizeUsd()), 5), new Rng(seed, name + "-value"), e8(limit), limit)
                    .withPriceBand(sc.policies().priceBandPct() / 100),
                    venue.isPerp() ? WARMUP + 10 * SECOND : 20 * SECOND);
        }
    }

    /** Runs the scenario; {@code progress} hears the simulated seconds done (of {@link #durationSeconds()}). */
    public SimResult run(LongConsumer progress) {
        long wallStart = System.nanoTime();
        build();
        Scheduler scheduler = new Scheduler();
        for (int i = 0; i < agents.size(); i++) {
            scheduler.schedule(firstWakes.get(i), i);
        }
        long end = WARMUP + (long) (sc.durationHours() * 3600e9);
        int minutes = (int) Math.round(sc.durationHours() * 60);
        Recorder rec = new Recorder(minutes);
        long nextSecond = SECOND;
        boolean warm = false;
        long wakeups = 0;
        long loopStart = System.nanoTime();
        while (!scheduler.isEmpty() && scheduler.peekTime() <= end) {
            long t = scheduler.peekTime();
            while (nextSecond <= t) {
                market.setNow(nextSecond);
                market.publishSpotPrices();
                if (DEBUG_OI && warm) {
                    for (PerpVenue p : perps) {
                        long scan = market.longOiLotsByScan(p.index());
                        if (scan != market.stats(p.index()).longOiLots) {
                            throw new IllegalStateException("at " + nextSecond + " " + p.name() + " incremental " + market.stats(p.index()).longOiLots + " scan " + scan);
                        }
                    }
                }
                if (!warm && nextSecond >= WARMUP - 30 * SECOND) {
                    warm = true;
                    warmUp();
                }
                if (nextSecond == WARMUP) {
                    market.resetDayStats();
                }
                if (nextSecond >= WARMUP && (nextSecond - WARMUP) % MINUTE == 0) {
                    int m = (int) ((nextSecond - WARMUP) / MINUTE);
                    if (m > 0) {
                        rec.minute(m - 1);
                    }
                    if (m % 10 == 0) {
                        progress.accept((nextSecond - WARMUP) / SECOND);
                    }
                }
                nextSecond += SECOND;
            }
            int agent = scheduler.poll();
            market.setNow(t);
            long opsBefore = DEBUG ? market.bookOps() : 0;
            long next = agents.get(agent).wake(t);
            wakeups++;
            if (DEBUG) {
                String kind = agents.get(agent).name();
                opsByAgent.merge(kind, market.bookOps() - opsBefore, Long::sum);
            }
            if (next != Agent.NEVER && next <= end) {
                scheduler.schedule(Math.max(next, t + 1), agent);
            }
        }
        while (nextSecond <= end) {
            market.setNow(nextSecond);
            market.publishSpotPrices();
            if ((nextSecond - WARMUP) % MINUTE == 0 && nextSecond > WARMUP) {
                rec.minute((int) ((nextSecond - WARMUP) / MINUTE) - 1);
            }
            nextSecond += SECOND;
        }
        double loopSeconds = (System.nanoTime() - loopStart) / 1e9;
        if (DEBUG) {
            opsByAgent.forEach((k, v) -> System.err.println("ops " + k + " " + v));
            market.rejections().forEach((k, v) -> System.err.println("rejected " + k + " " + v));
            market.debugFlow().forEach((k, v) -> System.err.printf(java.util.Locale.ROOT, "flow %s %.1fM%n", k, v * sc.scale() / 1e6));
        }
        progress.accept((end - WARMUP) / SECOND);
        if (checks) {
            exchange.checkInvariants();
        }
        {
            for (PerpVenue p : perps) {
                long scan = market.longOiLotsByScan(p.index());
                if (scan != market.stats(p.index()).longOiLots) {
                    throw new IllegalStateException("open interest of " + p.name() + ": incremental " + market.stats(p.index()).longOiLots
                            + " lots, ledger " + scan);
                }
            }
        }
        String sha = log.sha256();
        double wall = (System.nanoTime() - wallStart) / 1e9;
        return rec.result(sha, wall, loopSeconds, wakeups);
    }

    public double durationSeconds() {
        return sc.durationHours() * 3600;
    }

    /** Opens the crowds' positions against a dealer that ends flat (see {@link Crowd#build}). */
    private void warmUp() {
        market.setWarmup(true);
        double total = 0;
        for (Scenario.Asset a : sc.assets()) {
            total += sim(a.openInterestUsd());
        }
        dealer = market.openAccount(null, e8(total * 2 + 1));
        for (int i = 0; i < crowds.size(); i++) {
            crowds.get(i).build(dealer, perps.get(i).indexPrice() > 0 ? perps.get(i).indexPrice() : sc.assets().get(i).price());
        }
        // The dealer's rounding remainder goes to the perpetual makers' side of the book at market: flat dealer.
        for (PerpVenue p : perps) {
            double rest = p.position(dealer);
            if (rest != 0) {
                p.marketOrder(dealer, rest > 0 ? Side.SELL : Side.BUY, Math.abs(rest), true);
            }
        }
        market.setWarmup(false);
        if (Boolean.getBoolean("aftershock.sim.debug")) {
            for (PerpVenue p : perps) {
                System.err.println(p.name() + " after warm-up: incremental " + market.stats(p.index()).longOiLots + " scan " + market.longOiLotsByScan(p.index()));
            }
        }
    }

    /** Samples the market once a minute into the result's series. */
    private final class Recorder {
        final int minutes;
        final long[] epochMs;
        final List<double[][]> perpCols = new ArrayList<>();
        final double[] premiumPct;
        final double[] premiumUsd;
        final double[] fund;
        final double[][] spotMids;
        final List<SimResult.MapSnapshot> maps = new ArrayList<>();
        final List<SimResult.EntryHistory> history = new ArrayList<>();
        final double[] oiStart;
        final double fundStart;
        final long startMs;

        Recorder(int minutes) {
            this.minutes = minutes;
            this.epochMs = new long[minutes];
            this.startMs = Instant.parse(sc.startTime()).toEpochMilli();
            for (int i = 0; i < minutes; i++) {
                epochMs[i] = startMs + i * 60_000L;
            }
            for (int i = 0; i < sc.assets().size(); i++) {
                perpCols.add(new double[18][minutes]);
            }
            premiumPct = new double[minutes];
            premiumUsd = new double[minutes];
            fund = new double[minutes];
            spotMids = new double[market.spots().size()][minutes];
            oiStart = new double[sc.assets().size()];
            fundStart = exchange.ledger().walletBalanceE8(Exchange.INSURANCE_FUND) / 1e8 * sc.scale();
        }

        void minute(int m) {
            if (m < 0 || m >= minutes) {
                return;
            }
            for (int i = 0; i < perps.size(); i++) {
                PerpVenue p = perps.get(i);
                Market.PerpStats st = market.stats(i);
                double[][] c = perpCols.get(i);
                double close = st.closeE8 > 0 ? st.closeE8 / 1e8 : (m > 0 ? c[3][m - 1] : p.mid());
                c[0][m] = st.openE8 > 0 ? st.openE8 / 1e8 : close;
                c[1][m] = st.highE8 > 0 ? st.highE8 / 1e8 : close;
                c[2][m] = st.lowE8 > 0 ? st.lowE8 / 1e8 : close;
                c[3][m] = close;
                c[4][m] = p.mark();
                c[5][m] = p.indexPrice();
                c[6][m] = st.volumeQuote * sc.scale();
                c[7][m] = st.longOiLots * p.instrument().stepSizeE8() / 1e8 * p.mark() * sc.scale();
                c[8][m] = exchange.predictedFundingRateE8(p.name()) / 1e8;
                c[9][m] = p.depthQuote(Side.BUY, 0.01) * sc.scale();
                c[10][m] = p.depthQuote(Side.SELL, 0.01) * sc.scale();
                c[11][m] = p.depthQuote(Side.BUY, 0.02) * sc.scale();
                c[12][m] = p.depthQuote(Side.SELL, 0.02) * sc.scale();
                c[13][m] = st.liqLongQuote * sc.scale();
                c[14][m] = st.liqShortQuote * sc.scale();
                c[15][m] = st.volumeQuote > 0 ? st.takerBuyQuote / st.volumeQuote : 0.5;
                c[16][m] = p.mid();
                if (m == 0) {
                    oiStart[i] = c[7][0];
                }
                st.newMinute();
                if (m % 60 == 0 || m == minutes - 1) {
                    maps.add(trueMap(i, p, epochMs[m]));
                }
                if (m == 0) {
                    history.add(entryHistory(i, p));
                }
            }
            if (!usSpots.isEmpty()) {
                double us = usSpots.get(0).mid();
                double off = offshoreSpots.get(0).mid();
                premiumPct[m] = off > 0 && us > 0 ? (us - off) / off * 100 : 0;
                premiumUsd[m] = off > 0 && us > 0 ? us - off : 0;
            }
            fund[m] = exchange.ledger().walletBalanceE8(Exchange.INSURANCE_FUND) / 1e8 * sc.scale();
            for (int k = 0; k < spotMids.length; k++) {
                spotMids[k][m] = market.spots().get(k).mid();
            }
            if (DEBUG && m >= DEBUG_FROM && m <= DEBUG_TO) {
                StringBuilder b = new StringBuilder("min " + m);
                for (var v : market.spots()) {
                    b.append(String.format(java.util.Locale.ROOT, " | %s %.1f/%.1f d=%.1e/%.1e", v.name(), v.bestBid(), v.bestAsk(),
                            v.depthQuote(Side.BUY, 0.01) * sc.scale(), v.depthQuote(Side.SELL, 0.01) * sc.scale()));
                }
                for (var v : perps) {
                    b.append(String.format(java.util.Locale.ROOT, " | %s %.1f/%.1f d=%.1e/%.1e mk=%.1f", v.name(), v.bestBid(), v.bestAsk(),
                            v.depthQuote(Side.BUY, 0.01) * sc.scale(), v.depthQuote(Side.SELL, 0.01) * sc.scale(), v.mark()));
                }
                for (Fundamental f : fundamentals) {
                    b.append(String.format(java.util.Locale.ROOT, " | value %.1f", f.value()));
                }
                for (Agent ag : agents) {
                    if (ag instanceof Arbitrageurs arb) {
                        b.append(' ').append(arb.state());
                    }
                }
                System.err.println(b);
            }
        }

        /** Open quantity by entry price (0.25% buckets), both sides, for the estimator's history. */
        private SimResult.EntryHistory entryHistory(int i, PerpVenue p) {
            java.util.TreeMap<Long, Double> byBucket = new java.util.TreeMap<>();
            double width = Math.max(p.instrument().tickSizeE8() / 1e8, p.mark() * 0.0025);
            var ledger = exchange.ledger();
            for (long a : ledger.accountIds()) {
                long lots = ledger.positionLots(a, i);
                if (lots <= 0 || a <= 0) {
                    continue; // each contract counted once: by its long holder's entry (the vendor sees OI, not sides)
                }
                double entry = ledger.entryPriceE8(a, i) / 1e8;
                byBucket.merge(Math.round(entry / width), lots * p.instrument().stepSizeE8() / 1e8 * sc.scale(), Double::sum);
            }
            double[] prices = new double[byBucket.size()];
            double[] qty = new double[byBucket.size()];
            int k = 0;
            for (var e : byBucket.entrySet()) {
                prices[k] = e.getKey() * width;
                qty[k++] = e.getValue();
            }
            return new SimResult.EntryHistory(p.name(), prices, qty);
        }

        private SimResult.MapSnapshot trueMap(int i, PerpVenue p, long ms) {
            double mark = p.mark();
            double width = Math.max(p.instrument().tickSizeE8() / 1e8, Math.round(mark * 0.0025 / 10) * 10.0);
            if (width <= 0) {
                width = 1;
            }
            int buckets = 160;
            double first = Math.floor((mark - buckets / 2.0 * width) / width) * width;
            double[] longs = new double[buckets];
            double[] shorts = new double[buckets];
            var ledger = exchange.ledger();
            for (long a : ledger.accountIds()) {
                long lots = ledger.positionLots(a, i);
                if (lots == 0 || a <= 0) {
                    continue;
                }
                long lp = ledger.liquidationPriceE8(a, i);
                if (lp <= 0) {
                    continue;
                }
                int b = (int) Math.floor((lp / 1e8 - first) / width);
                if (b < 0 || b >= buckets) {
                    continue;
                }
                double usd = Math.abs(lots) * p.instrument().stepSizeE8() / 1e8 * mark * sc.scale();
                if (lots > 0) {
                    longs[b] += usd;
                } else {
                    shorts[b] += usd;
                }
            }
            return new SimResult.MapSnapshot(p.name(), ms, width, first, longs, shorts);
        }

        SimResult result(String sha, double wall, double loop, long wakeups) {
            List<SimResult.PerpSeries> series = new ArrayList<>();
            for (int i = 0; i < perps.size(); i++) {
                double[][] c = perpCols.get(i);
                series.add(new SimResult.PerpSeries(perps.get(i).name(), c[0], c[1], c[2], c[3], c[4], c[5], c[6], c[7], c[8],
                        c[9], c[10], c[11], c[12], c[13], c[14], c[15], c[16]));
            }
            Map<String, Object> s = new LinkedHashMap<>();
            s.put("scenario", sc.name());
            s.put("seed", seed);
            s.put("scale", sc.scale());
            double liqLong = 0;
            double liqShort = 0;
            for (int i = 0; i < perps.size(); i++) {
                liqLong += market.stats(i).dayLiqLongQuote * sc.scale();
                liqShort += market.stats(i).dayLiqShortQuote * sc.scale();
            }
            Map<String, Object> liq = new LinkedHashMap<>();
            liq.put("totalUsd", round(liqLong + liqShort));
            liq.put("longUsd", round(liqLong));
            liq.put("shortUsd", round(liqShort));
            liq.put("longSharePct", liqLong + liqShort > 0 ? round2(liqLong / (liqLong + liqShort) * 100) : 0);
            liq.put("accounts", market.liquidatedAccountCount());
            s.put("liquidations", liq);
            Map<String, Object> ins = new LinkedHashMap<>();
            for (int i = 0; i < perps.size(); i++) {
                Market.PerpStats st = market.stats(i);
                double[][] c = perpCols.get(i);
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("open", st.dayOpenE8 / 1e8);
                m.put("low", st.dayLowE8 == Long.MAX_VALUE ? 0 : st.dayLowE8 / 1e8);
                m.put("high", st.dayHighE8 / 1e8);
                m.put("close", c[3][minutes - 1]);
                m.put("changePct", round2((c[3][minutes - 1] / (st.dayOpenE8 / 1e8) - 1) * 100));
                m.put("volumeUsd", round(st.dayVolumeQuote * sc.scale()));
                m.put("openInterestStartUsd", round(oiStart[i]));
                m.put("openInterestEndUsd", round(c[7][minutes - 1]));
                m.put("openInterestChangePct", oiStart[i] > 0 ? round2((c[7][minutes - 1] / oiStart[i] - 1) * 100) : 0);
                double fmin = Double.MAX_VALUE;
                double fmax = -Double.MAX_VALUE;
                for (double f : c[8]) {
                    fmin = Math.min(fmin, f);
                    fmax = Math.max(fmax, f);
                }
                m.put("fundingRateMin", fmin);
                m.put("fundingRateMax", fmax);
                m.put("liquidationOrders", st.liquidationOrders);
                ins.put(perps.get(i).name(), m);
            }
            s.put("instruments", ins);
            double oiStartTotal = 0;
            double oiEndTotal = 0;
            double volumeTotal = 0;
            for (int i = 0; i < perps.size(); i++) {
                oiStartTotal += oiStart[i];
                oiEndTotal += perpCols.get(i)[7][minutes - 1];
                volumeTotal += market.stats(i).dayVolumeQuote * sc.scale();
            }
            Map<String, Object> oi = new LinkedHashMap<>();
            oi.put("startUsd", round(oiStartTotal));
            oi.put("endUsd", round(oiEndTotal));
            oi.put("changePct", oiStartTotal > 0 ? round2((oiEndTotal / oiStartTotal - 1) * 100) : 0);
            s.put("openInterest", oi);
            Map<String, Object> vol = new LinkedHashMap<>();
            vol.put("totalUsd", round(volumeTotal));
            s.put("volume", vol);
            Map<String, Object> fundMap = new LinkedHashMap<>();
            fundMap.put("start", round(fundStart));
            fundMap.put("end", round(fund[minutes - 1]));
            double minFund = fundStart;
            for (double f : fund) {
                minFund = Math.min(minFund, f);
            }
            fundMap.put("maxDrawdownUsd", round(fundStart - minFund));
            s.put("insuranceFund", fundMap);
            Map<String, Object> adl = new LinkedHashMap<>();
            double maxDev = 0;
            double devCost = 0;
            for (Market.AdlFill f : market.adlFills()) {
                maxDev = Math.max(maxDev, f.deviationPct());
                devCost += Math.abs(f.price() - f.mark()) * f.qty() * sc.scale();
            }
            adl.put("events", market.adlFills().size());
            adl.put("maxDeviationFromMarkPct", round2(maxDev));
            adl.put("deviationCostUsd", round(devCost));
            adl.put("socializedLossUsd", round(market.socializedLossE8() / 1e8 * sc.scale()));
            s.put("adl", adl);
            int halts = 0;
            for (PerpVenue p : perps) {
                halts += exchange.haltCount(p.name());
            }
            s.put("halts", halts);
            if (!sc.collateral().isEmpty()) {
                Map<String, Object> coll = new LinkedHashMap<>();
                for (int k = 0; k < sc.collateral().size(); k++) {
                    String name = sc.collateral().get(k).name();
                    Map<String, Object> cm = new LinkedHashMap<>();
                    cm.put("pricing", sc.collateral().get(k).pricing().name().toLowerCase().replace('_', '-'));
                    cm.put("venueBookLow", round4(market.collateralBookLow(k)));
                    cm.put("venueBookEnd", round4(collateralBooks.get(k).mid()));
                    cm.put("valuedAtEnd", round4(exchange.collateralPriceE8(name) / 1e8));
                    cm.put("haircutPctEnd", round2(exchange.collateralHaircutE8(name) / 1e6));
                    int posters = 0;
                    for (Crowd c : crowds) {
                        posters += c.collateralPosters(name);
                    }
                    cm.put("crowdAccountsPosting", posters);
                    coll.put(name, cm);
                }
                s.put("collateral", coll);
            }
            if (sc.policies().backstopDiscountPct() >= 0) {
                Map<String, Object> vault = new LinkedHashMap<>();
                vault.put("pnlUsd", round(exchange.backstopVaultPnlE8() / 1e8 * sc.scale()));
                vault.put("equityUsd", round(exchange.backstopVaultEquityE8() / 1e8 * sc.scale()));
                s.put("backstopVault", vault);
            }
            Map<String, Object> mk = new LinkedHashMap<>();
            double makerPnl = 0;
            int adlHits = 0;
            int withdrawals = 0;
            for (MarketMaker m : makers) {
                makerPnl += m.pnl() * sc.scale();
                adlHits += m.adlHits();
                withdrawals += m.withdrawals();
            }
            mk.put("pnlUsd", round(makerPnl));
            mk.put("adlHits", adlHits);
            mk.put("withdrawals", withdrawals);
            s.put("makers", mk);
            Map<String, Object> cr = new LinkedHashMap<>();
            int[] tot = new int[5];
            for (Crowd c : crowds) {
                int[] k = c.counts();
                for (int i = 0; i < 5; i++) {
                    tot[i] += k[i];
                }
            }
            cr.put("traders", crowds.stream().mapToInt(Crowd::traders).sum());
            cr.put("opened", tot[0]);
            cr.put("closed", tot[1]);
            cr.put("reentered", tot[2]);
            cr.put("stopsPlaced", tot[3]);
            cr.put("takeProfitsPlaced", tot[4]);
            cr.put("ordersTriggered", market.triggeredOrders());
            s.put("crowd", cr);
            s.put("accounts", market.accountCount());
            s.put("events", log.events());
            s.put("bookOps", market.bookOps());
            s.put("wakeups", wakeups);
            s.put("wallSeconds", round2(wall));
            s.put("eventLoopSeconds", round2(loop));
            s.put("eventLogSha256", sha);
            List<SimResult.SpotSeries> spotSeries = new ArrayList<>();
            for (int k = 0; k < spotMids.length; k++) {
                SpotVenue v = market.spots().get(k);
                spotSeries.add(new SimResult.SpotSeries(v.name(), v.source(), sc.assets().get(v.asset()).name(), spotMids[k]));
            }
            return new SimResult(sc, seed, epochMs, series, spotSeries, premiumPct, premiumUsd, fund, List.copyOf(market.adlFills()),
                    List.copyOf(market.halts()), maps, history, s, sha, log.events(), wall, loop, market.bookOps(), wakeups, WARMUP);
        }
    }

    private static double round(double v) {
        return Math.round(v);
    }

    private static double round4(double v) {
        return Math.round(v * 1e4) / 1e4;
    }

    private static double round2(double v) {
        return Math.round(v * 100) / 100.0;
    }
}
