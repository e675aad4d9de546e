package aftershock.sim.market;

import aftershock.engine.api.Event;
import aftershock.engine.api.Instrument;
import aftershock.engine.api.Side;
import aftershock.engine.exchange.Exchange;
import aftershock.engine.exchange.ExchangeCommand;
import aftershock.engine.exchange.ExchangeEvent;
import aftershock.sim.output.EventLog;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.List;

/**
 * The simulated market: the perpetual exchange under study (engine {@link Exchange}) and the spot venues around it,
 * on one virtual clock. Every event passes through here: it goes to the event log, to the statistics the outputs
 * are made of, and to the agent that owns the account (fills, liquidations, auto-deleveraging).
 */
public final class Market {
    private final Exchange exchange;
    private final EventLog log;
    private final List<PerpVenue> perps = new ArrayList<>();
    private final List<SpotVenue> spots = new ArrayList<>();
    private Fills[] owners = new Fills[1024];
    private long nextAccount = 1;
    private long bookOps;
    private long triggeredOrders;
    private long now;

    /** Per perpetual: what the outputs are made of. */
    public static final class PerpStats {
        public long openE8;
        public long highE8;
        public long lowE8;
        public long closeE8;
        public double volumeQuote;
        /** Quote volume whose aggressor bought (the taker-buy volume vendors use to split new open interest). */
        public double takerBuyQuote;
        public double liqLongQuote;
        public double liqShortQuote;
        public long longOiLots;
        // whole run
        public long dayOpenE8;
        public long dayHighE8;
        public long dayLowE8 = Long.MAX_VALUE;
        public double dayVolumeQuote;
        public double dayLiqLongQuote;
        public double dayLiqShortQuote;
        public long liquidationOrders;

        void trade(long priceE8, double quote) {
            if (openE8 == 0) {
                openE8 = priceE8;
                highE8 = priceE8;
                lowE8 = priceE8;
            }
            highE8 = Math.max(highE8, priceE8);
            lowE8 = Math.min(lowE8, priceE8);
            closeE8 = priceE8;
            volumeQuote += quote;
            dayVolumeQuote += quote;
            if (dayOpenE8 == 0) {
                dayOpenE8 = priceE8;
            }
            dayHighE8 = Math.max(dayHighE8, priceE8);
            dayLowE8 = Math.min(dayLowE8, priceE8);
        }

        /** Starts a new minute (the close carries over as the next open's reference). */
        public void newMinute() {
            openE8 = 0;
            highE8 = 0;
            lowE8 = 0;
            volumeQuote = 0;
            takerBuyQuote = 0;
            liqLongQuote = 0;
            liqShortQuote = 0;
        }
    }

    /** One auto-deleveraging close: time, symbol, execution price, mark, quantity (base units). */
    public record AdlFill(long tsNanos, String symbol, long liquidatedAccount, long counterparty, double price, double mark,
                          double qty) {
        public double deviationPct() {
            return mark == 0 ? 0 : Math.abs(price - mark) / mark * 100;
        }
    }

    private final List<PerpStats> stats = new ArrayList<>();
    private final List<AdlFill> adlFills = new ArrayList<>();

    /** A trading halt of a perpetual (circuit breaker): start and planned resumption on the simulation clock. */
    public record HaltSpan(String symbol, long startNanos, long endNanos, String reason) {
    }

    private final List<HaltSpan> halts = new ArrayList<>();

    public List<HaltSpan> halts() {
        return halts;
    }
    private final BitSet liquidatedAccounts = new BitSet();
    private long liqSign;
    private static final boolean DEBUG_JUMPS = Boolean.getBoolean("aftershock.sim.debugJumps");
    /** Smallest perpetual trade-to-trade move printed under debugJumps, in 1/10,000 of the price. */
    private static final long DEBUG_JUMP_BP = Long.getLong("aftershock.sim.debugJumpBp", 100);
    private static final long DEBUG_FLOW_FROM = Long.getLong("aftershock.sim.debugFlowFrom", 0);
    private static final long DEBUG_FLOW_TO = Long.getLong("aftershock.sim.debugFlowTo", 0);
    /** Perpetual volume by taker/maker agent between debugFlowFrom and debugFlowTo (seconds), under debugJumps. */
    private final java.util.TreeMap<String, Double> debugFlow = new java.util.TreeMap<>();

    /** Diagnostics: perpetual volume (simulation units) by venue, role, side and agent kind (-Daftershock.sim.debugJumps). */
    public java.util.Map<String, Double> debugFlow() {
        return debugFlow;
    }
    /** Refusals are tallied by agent and reason only for diagnostics (-Daftershock.sim.debug=true). */
    private static final boolean DEBUG_REJECTIONS = Boolean.getBoolean("aftershock.sim.debug");
    private final java.util.Map<String, Long> lastSpotTrade = new java.util.TreeMap<>();
    private final java.util.TreeMap<String, Long> rejections = new java.util.TreeMap<>();

    /** Refused commands by kind, agent and reason (diagnostics). */
    public java.util.Map<String, Long> rejections() {
        return rejections;
    }
    private long socializedLossE8;
    private boolean collectingWarmup;

    public Market(Exchange exchange, EventLog log) {
        this.exchange = exchange;
        this.log = log;
    }

    public Exchange exchange() {
        return exchange;
    }

    public long now() {
        return now;
    }

    /** Moves the clock (the exchange follows on its next command). */
    public void setNow(long tsNanos) {
        if (tsNanos < now) {
            throw new IllegalStateException("time went backwards: " + tsNanos + " < " + now);
        }
        now = tsNanos;
    }

    public PerpVenue addPerp(int asset, Instrument instrument) {
        PerpVenue p = new PerpVenue(this, perps.size(), asset, instrument);
        perps.add(p);
        stats.add(new PerpStats());
        return p;
    }

    public SpotVenue addSpot(String name, String source, int asset, Instrument instrument) {
        SpotVenue s = new SpotVenue(this, name, source, asset, instrument);
        spots.add(s);
        return s;
    }

    /** A collateral asset's own book on the venue, what was last published from it, and its lowest mid. */
    private static final class CollateralBook {
        final String asset;
        final SpotVenue book;
        double published;
        double low;

        CollateralBook(String asset, SpotVenue book) {
            this.asset = asset;
            this.book = book;
        }
    }

    private final List<CollateralBook> collateralBooks = new ArrayList<>();

    /**
     * The venue's own spot book for a collateral asset (it feeds no index; its mid is the collateral's SPOT_BOOK
     * price candidate, published to the exchange when it moves).
     */
    public SpotVenue addCollateralBook(String collateralAsset, Instrument instrument) {
        SpotVenue s = new SpotVenue(this, collateralAsset + "USDT@venue", "venue", -1, instrument);
        collateralBooks.add(new CollateralBook(collateralAsset, s));
        return s;
    }

    /** The lowest mid each collateral book printed (in declaration order; 0 before any). */
    public double collateralBookLow(int k) {
        return collateralBooks.get(k).low;
    }

    public List<PerpVenue> perps() {
        return perps;
    }

    public List<SpotVenue> spots() {
        return spots;
    }

    public PerpStats stats(int perp) {
        return stats.get(perp);
    }

    public List<AdlFill> adlFills() {
        return adlFills;
    }

    public int liquidatedAccountCount() {
        return liquidatedAccounts.cardinality();
    }

    public long socializedLossE8() {
        return socializedLossE8;
    }

    /** A new account owned by {@code owner}; with a deposit on the exchange when {@code depositE8} > 0. */
    public long openAccount(Fills owner, long depositE8) {
        long id = nextAccount++;
        if (id >= owners.length) {
            owners = Arrays.copyOf(owners, owners.length * 2);
        }
        owners[(int) id] = owner;
        if (depositE8 > 0) {
            submitPerp(new ExchangeCommand.Deposit(now, id, depositE8));
        }
        return id;
    }

    /**
     * An institutional account (maker, arbitrageur, flow): funded, and at {@code leverage} on every perpetual, so that
     * its large positions stay within the brackets' position limits.
     */
    public long openAccount(Fills owner, long depositE8, int leverage) {
        long id = openAccount(owner, depositE8);
        if (depositE8 > 0) {
            for (PerpVenue p : perps) {
                submitPerp(new ExchangeCommand.SetLeverage(now, id, p.name, leverage));
            }
        }
        return id;
    }

    /** Conditional orders (take-profits) the perpetual books triggered. */
    public long triggeredOrders() {
        return triggeredOrders;
    }

    /** Orders, cancels and amends sent to any book (perpetual or spot). */
    public long bookOps() {
        return bookOps;
    }

    void countSpotOp() {
        bookOps++;
    }

    public long accountCount() {
        return nextAccount - 1;
    }

    /** Runs one exchange command and dispatches its events; false when it was refused. */
    public boolean submitPerp(ExchangeCommand c) {
        if (c.kind() == ExchangeCommand.Kind.ORDER) {
            bookOps++;
        }
        List<ExchangeEvent> events = exchange.submit(c);
        boolean ok = true;
        for (int i = 0; i < events.size(); i++) {
            ExchangeEvent e = events.get(i);
            log.perp(e);
            if (e instanceof ExchangeEvent.Rejected r) {
                ok = false;
                if (DEBUG_REJECTIONS) {
                    rejections.merge(r.command() + " " + r.reason(), 1L, Long::sum);
                }
            } else if (e instanceof ExchangeEvent.Book b) {
                Event be = b.event();
                if (be.kind() == Event.Kind.REJECTED) {
                    ok = false;
                    if (DEBUG_REJECTIONS) {
                        Event.OrderRejected r = (Event.OrderRejected) be;
                        Fills o = owner(r.accountId());
                        rejections.merge(b.symbol() + " " + (o instanceof aftershock.sim.agents.Agent a
                                ? a.name().replaceAll("-\\d+$", "") : "?") + " " + r.reason(), 1L, Long::sum);
                    }
                } else if (be.kind() == Event.Kind.TRIGGERED) {
                    triggeredOrders++;
                } else if (be.kind() == Event.Kind.TRADE) {
                    Event.Trade t = (Event.Trade) be;
                    PerpVenue v = perpBySymbol(b.symbol());
                    if (DEBUG_JUMPS) {
                        long prev = lastSpotTrade.getOrDefault(v.name, t.priceE8());
                        if (Math.abs(t.priceE8() - prev) * 10_000 > prev * DEBUG_JUMP_BP) {
                            Fills o = owner(t.takerAccountId());
                            System.err.println("pjump " + now / 1e9 + " " + v.name + " " + prev / 1e8 + " -> " + t.priceE8() / 1e8 + " qty "
                                    + t.qtyE8() / 1e8 + " taker " + (o instanceof aftershock.sim.agents.Agent a ? a.name() : "?") + " cmd " + c.kind()
                                    + (c instanceof ExchangeCommand.Order oc ? " " + oc.command().kind() : ""));
                        }
                        lastSpotTrade.put(v.name, t.priceE8());
                        long sec = now / 1_000_000_000L;
                        if (sec >= DEBUG_FLOW_FROM && sec < DEBUG_FLOW_TO) {
                            Fills tk = owner(t.takerAccountId());
                            Fills mk = owner(t.makerAccountId());
                            double q = t.priceE8() / 1e8 * (t.qtyE8() / 1e8);
                            String side = t.aggressorSide() == Side.BUY ? "buy" : "sell";
                            debugFlow.merge(v.name + " taker-" + side + " " + (tk instanceof aftershock.sim.agents.Agent a ? a.name().replaceAll("-\\d+$", "") : "liquidation/other"), q, Double::sum);
                            debugFlow.merge(v.name + " maker-" + (side.equals("buy") ? "sell" : "buy") + " " + (mk instanceof aftershock.sim.agents.Agent a ? a.name().replaceAll("-\\d+$", "") : "liquidation/other"), q, Double::sum);
                        }
                    }
                    double quote = t.priceE8() / 1e8 * (t.qtyE8() / 1e8);
                    PerpStats st = stats.get(v.index);
                    st.trade(t.priceE8(), quote);
                    if (t.aggressorSide() == Side.BUY) {
                        st.takerBuyQuote += quote;
                    }
                }
            } else if (e instanceof ExchangeEvent.Halt h) {
                if (h.stage().equals("START")) {
                    halts.add(new HaltSpan(h.symbol(), h.tsNanos(), h.resumeAtNanos(), h.reason() + " (tier " + h.tier() + ")"));
                }
            } else if (e instanceof ExchangeEvent.Fill f) {
                onFill(f);
            } else if (e instanceof ExchangeEvent.Liquidation l) {
                onLiquidation(l);
            }
        }
        return ok;
    }

    private PerpVenue perpBySymbol(String symbol) {
        for (PerpVenue p : perps) {
            if (p.name.equals(symbol)) {
                return p;
            }
        }
        throw new IllegalStateException("unknown perpetual " + symbol);
    }

    private Fills owner(long account) {
        return account > 0 && account < owners.length ? owners[(int) account] : null;
    }

    private void onFill(ExchangeEvent.Fill f) {
        PerpVenue v = perpBySymbol(f.symbol());
        setPosition(v, f.accountId(), f.positionQtyE8() / v.instrument.stepSizeE8());
        Fills o = owner(f.accountId());
        if (o != null) {
            o.onFill(f.accountId(), v, f.side(), f.priceE8(), f.qtyE8());
        }
    }

    private void onLiquidation(ExchangeEvent.Liquidation l) {
        PerpVenue v = perpBySymbol(l.symbol());
        PerpStats st = stats.get(v.index);
        switch (l.stage()) {
            case "START" -> {
                liqSign = Long.signum(l.qtyE8());
                if (!collectingWarmup && l.accountId() > 0) {
                    liquidatedAccounts.set((int) l.accountId());
                }
            }
            case "ORDER", "PARTIAL_ORDER" -> {
                if (l.qtyE8() > 0) {
                    st.liquidationOrders++;
                }
                addLiquidated(st, l.amountE8() / 1e8);
                notifyClose(l.accountId(), v, l);
            }
            case "TAKEOVER", "BACKSTOP" -> {
                moveVenueClose(v, l.accountId(), l.counterpartyId(), l.qtyE8());
                addLiquidated(st, l.qtyE8() / 1e8 * (l.priceE8() / 1e8));
                notifyClose(l.accountId(), v, l);
            }
            case "ADL" -> {
                moveVenueClose(v, l.accountId(), l.counterpartyId(), l.qtyE8());
                addLiquidated(st, l.qtyE8() / 1e8 * (l.priceE8() / 1e8));
                adlFills.add(new AdlFill(l.tsNanos(), l.symbol(), l.accountId(), l.counterpartyId(), l.priceE8() / 1e8,
                        l.markPriceE8() / 1e8, l.qtyE8() / 1e8));
                notifyClose(l.accountId(), v, l);
                Fills c = owner(l.counterpartyId());
                if (c != null) {
                    c.onVenueClose(l.counterpartyId(), v, "ADL_COUNTERPARTY", l.qtyE8(), l.priceE8());
                }
            }
            case "SOCIALIZED_LOSS" -> socializedLossE8 += l.amountE8();
            default -> {
            }
        }
    }

    /** Positions per perpetual and account (index = account id + 1, so the backstop vault −1 and the fund 0 fit). */
    private long[][] positions = new long[0][];

    private void setPosition(PerpVenue v, long account, long lots) {
        if (positions.length <= v.index) {
            positions = Arrays.copyOf(positions, v.index + 1);
        }
        long[] pos = positions[v.index];
        int i = (int) (account + 1);
        if (pos == null || i >= pos.length) {
            pos = pos == null ? new long[Math.max(1024, i * 2)] : Arrays.copyOf(pos, Math.max(pos.length * 2, i + 1));
            positions[v.index] = pos;
        }
        stats.get(v.index).longOiLots += Math.max(lots, 0) - Math.max(pos[i], 0);
        pos[i] = lots;
    }

    private long position(PerpVenue v, long account) {
        int i = (int) (account + 1);
        return positions.length > v.index && positions[v.index] != null && i < positions[v.index].length ? positions[v.index][i] : 0;
    }

    /** A position closed by the venue (takeover, backstop, ADL): the liquidated side shrinks, the taker's grows. */
    private void moveVenueClose(PerpVenue v, long liquidated, long counterparty, long qtyE8) {
        long lots = qtyE8 / v.instrument.stepSizeE8();
        long sign = Long.signum(position(v, liquidated));
        setPosition(v, liquidated, position(v, liquidated) - sign * lots);
        setPosition(v, counterparty, position(v, counterparty) + sign * lots);
    }

    private void addLiquidated(PerpStats st, double quote) {
        if (liqSign > 0) {
            st.liqLongQuote += quote;
            st.dayLiqLongQuote += quote;
        } else {
            st.liqShortQuote += quote;
            st.dayLiqShortQuote += quote;
        }
    }

    private void notifyClose(long account, PerpVenue v, ExchangeEvent.Liquidation l) {
        Fills o = owner(account);
        if (o != null) {
            o.onVenueClose(account, v, l.stage(), l.qtyE8(), l.priceE8());
        }
    }

    void onSpotEvent(SpotVenue venue, Event e) {
        log.spot(venue.name, e);
        if (e.kind() == Event.Kind.TRADE) {
            Event.Trade t = (Event.Trade) e;
            if (DEBUG_JUMPS) {
                long prev = lastSpotTrade.getOrDefault(venue.name, t.priceE8());
                if (Math.abs(t.priceE8() - prev) > prev / 200) {
                    Fills o = owner(t.takerAccountId());
                    System.err.println("jump " + now / 1e9 + " " + venue.name + " " + prev / 1e8 + " -> " + t.priceE8() / 1e8 + " qty "
                            + t.qtyE8() / 1e8 + " taker " + (o instanceof aftershock.sim.agents.Agent a ? a.name() : "?"));
                }
                lastSpotTrade.put(venue.name, t.priceE8());
            }
            Fills taker = owner(t.takerAccountId());
            if (taker != null) {
                taker.onFill(t.takerAccountId(), venue, t.aggressorSide(), t.priceE8(), t.qtyE8());
            }
            Fills maker = owner(t.makerAccountId());
            if (maker != null) {
                maker.onFill(t.makerAccountId(), venue, t.aggressorSide().opposite(), t.priceE8(), t.qtyE8());
            }
        }
    }

    /**
     * Moves of a collateral book's mid smaller than this (a fraction) are not re-published: each one re-values every
     * holder, and a venue's collateral valuation does not follow a stablecoin's basis-point noise.
     */
    private static final double COLLATERAL_PUBLISH_STEP = 2e-3;

    /**
     * Publishes every spot venue's mid to the perpetuals' index, and each collateral book's mid to the venue's
     * collateral pricing when it moved (once a second: the venues' index cadence).
     */
    public void publishSpotPrices() {
        for (CollateralBook c : collateralBooks) {
            double mid = c.book.mid();
            if (mid <= 0) {
                continue;
            }
            if (c.low == 0 || mid < c.low) {
                c.low = mid;
            }
            if (c.published == 0 || Math.abs(mid / c.published - 1) >= COLLATERAL_PUBLISH_STEP) {
                c.published = mid;
                submitPerp(new ExchangeCommand.CollateralPrice(now, c.asset,
                        aftershock.engine.margin.CollateralPriceSource.SPOT_BOOK, Math.round(mid * 1e8)));
            }
        }
        for (SpotVenue s : spots) {
            double mid = s.mid();
            if (mid <= 0) {
                continue;
            }
            for (PerpVenue p : perps) {
                if (p.asset == s.asset) {
                    submitPerp(new ExchangeCommand.SpotPrice(now, p.name, s.source(), Math.round(mid * 1e8)));
                }
            }
        }
    }

    /** While true, liquidations are not counted as the run's (the warm-up that builds positions). */
    public void setWarmup(boolean warmup) {
        this.collectingWarmup = warmup;
    }

    /** Forgets the warm-up's trading in the run's statistics (open interest stays: it is the starting state). */
    public void resetDayStats() {
        for (PerpStats st : stats) {
            st.newMinute();
            st.dayOpenE8 = 0;
            st.dayHighE8 = 0;
            st.dayLowE8 = Long.MAX_VALUE;
            st.dayVolumeQuote = 0;
            st.dayLiqLongQuote = 0;
            st.dayLiqShortQuote = 0;
            st.liquidationOrders = 0;
        }
        adlFills.clear();
        halts.clear();
        liquidatedAccounts.clear();
        socializedLossE8 = 0;
    }

    public void note(String text) {
        log.note(now, text);
    }

    /** Open interest of a perpetual by a full scan of the ledger (to audit the incremental count). */
    public long longOiLotsByScan(int perp) {
        long total = 0;
        for (long a : exchange.ledger().accountIds()) {
            total += Math.max(0, exchange.ledger().positionLots(a, perp));
        }
        return total;
    }
}
