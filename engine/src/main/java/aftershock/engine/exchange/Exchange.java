package aftershock.engine.exchange;

import aftershock.engine.api.BookConfig;
import aftershock.engine.api.Checks;
import aftershock.engine.api.Command;
import aftershock.engine.api.Event;
import aftershock.engine.api.Instrument;
import aftershock.engine.api.OrderType;
import aftershock.engine.api.RejectReason;
import aftershock.engine.api.Side;
import aftershock.engine.api.Venue;
import aftershock.engine.book.OrderBook;
import aftershock.engine.liquidation.AdlPolicy;
import aftershock.engine.liquidation.LiquidationPolicy;
import aftershock.engine.liquidation.LiquidationIndex;
import aftershock.engine.margin.BracketTable;
import aftershock.engine.margin.Exposure;
import aftershock.engine.margin.FeeSchedule;
import aftershock.engine.margin.Fixed;
import aftershock.engine.margin.Ledger;
import aftershock.engine.margin.MarginMode;
import aftershock.engine.price.FundingRate;
import aftershock.engine.price.IndexPrice;
import aftershock.engine.price.MarkPrice;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * The venue across symbols: an order book per perpetual, one {@link Ledger} of accounts and positions, and each
 * symbol's index, mark and funding. Commands in, events out, all on a virtual clock: before each command the clock
 * advances to its time, second by second — index recomputed, the (mid − index) basis sampled for the mark, the
 * premium sampled every 5 s for funding, funding settled at each interval (00/08/16 UTC for 8 h from time 0).
 *
 * <p>Flow of an order: fields and decimals ({@link Venue}) → pre-trade risk (account known, cost to open ≤ available
 * balance, position within the bracket of the leverage) → book (state checks, matching) → each fill booked to both
 * accounts (fee, realized PnL, position) → open-order margin released as orders fill, cancel or expire.
 *
 * <p>Not done here yet (the liquidation issue): acting on a margin ratio ≥ 100%.
 */
public final class Exchange {

    /** One perpetual's setup. Index sources name the spot venues whose prices feed its index (equal weights). */
    public record SymbolSetup(Instrument instrument, BracketTable brackets, FeeSchedule fees, int defaultLeverage,
                              List<String> indexSources, long fundingCapE8, long fundingFloorE8, int fundingIntervalHours) {
        public SymbolSetup {
            Objects.requireNonNull(instrument, "instrument");
            indexSources = List.copyOf(indexSources);
            if (indexSources.isEmpty()) {
                throw new IllegalArgumentException(instrument.symbol() + ": the index needs at least one spot source");
            }
        }
    }

    /** Exchange-wide parameters (Binance values by default). */
    public record Config(int markBasisWindowSeconds, int premiumSampleSeconds, long impactMarginE8,
                         long liquidationFeeRateE8, AdlPolicy adlPolicy, long priceBandE8, long marketTakeBoundE8,
                         LiquidationPolicy liquidationPolicy, boolean checkInvariants) {
        /**
         * Binance values; liquidation fee 1.25% (BTCUSDT and ETHUSDT's {@code liquidationFee} in recent captures).
         * Price bands and market-order protection are off: scenarios turn them on ({@link #withProtection}) so that
         * "no breaker" and "static bands" can be compared.
         */
        public static Config binance() {
            return new Config(30, 5, 200 * Fixed.E8, 1_250_000L, AdlPolicy.BINANCE, 0, 0, LiquidationPolicy.BINANCE, Checks.FULL);
        }

        public Config withChecks(boolean on) {
            return new Config(markBasisWindowSeconds, premiumSampleSeconds, impactMarginE8, liquidationFeeRateE8, adlPolicy,
                    priceBandE8, marketTakeBoundE8, liquidationPolicy, on);
        }

        public Config withLiquidationFee(long rateE8) {
            return new Config(markBasisWindowSeconds, premiumSampleSeconds, impactMarginE8, rateE8, adlPolicy,
                    priceBandE8, marketTakeBoundE8, liquidationPolicy, checkInvariants);
        }

        public Config withAdlPolicy(AdlPolicy policy) {
            return new Config(markBasisWindowSeconds, premiumSampleSeconds, impactMarginE8, liquidationFeeRateE8,
                    Objects.requireNonNull(policy, "policy"), priceBandE8, marketTakeBoundE8, liquidationPolicy, checkInvariants);
        }

        /**
         * Order price bands (a limit buy above mark × (1 + band) or sell below mark × (1 − band) is rejected, Binance's
         * PERCENT_PRICE) and market-order protection (no fill beyond mark × (1 ± bound), Binance's marketTakeBound);
         * 0 turns either off. Liquidation orders are exempt (they are limited by the bankruptcy price).
         */
        public Config withProtection(long priceBandE8, long marketTakeBoundE8) {
            return new Config(markBasisWindowSeconds, premiumSampleSeconds, impactMarginE8, liquidationFeeRateE8, adlPolicy,
                    priceBandE8, marketTakeBoundE8, liquidationPolicy, checkInvariants);
        }

        public Config withLiquidationPolicy(LiquidationPolicy policy) {
            return new Config(markBasisWindowSeconds, premiumSampleSeconds, impactMarginE8, liquidationFeeRateE8, adlPolicy,
                    priceBandE8, marketTakeBoundE8, Objects.requireNonNull(policy, "policy"), checkInvariants);
        }
    }

    /** The insurance fund is account 0 of the ledger (the books refuse account 0, so it never trades there). */
    public static final long INSURANCE_FUND = 0L;
    /** The backstop liquidity vault (Hyperliquid's HLP liquidator) is account −1 of the ledger. */
    public static final long BACKSTOP_VAULT = -1L;
    private static final long HL_PARTIAL_NOTIONAL_E8 = 100_000 * Fixed.E8;
    private static final long HL_COOLDOWN_NANOS = 30_000_000_000L;

    private static final long SECOND = 1_000_000_000L;
    private static final long HOUR = 3600 * SECOND;

    private static final class OpenOrder {
        final long account;
        final Side side;
        long remainingLots;
        long valueE8;
        long openLossE8;

        OpenOrder(long account, Side side, long remainingLots, long valueE8, long openLossE8) {
            this.account = account;
            this.side = side;
            this.remainingLots = remainingLots;
            this.valueE8 = valueE8;
            this.openLossE8 = openLossE8;
        }
    }

    private final class Sym implements Venue.OrderRisk {
        final int index;
        final SymbolSetup setup;
        final Instrument ins;
        final Venue venue;
        final IndexPrice indexPrice;
        final MarkPrice markPrice;
        final FundingRate funding;
        final long intervalNanos;
        final long impactNotionalE8;
        final Map<Long, OpenOrder> orders = new TreeMap<>();
        /** Untriggered orders: id → {side ordinal, limit price E8 or 0 for market}; valued when they fire. */
        final Map<Long, long[]> untriggered = new TreeMap<>();
        long nextFundingNanos;
        long lastFundingRateE8;
        long indexE8;
        long markE8;
        long reportedMarkE8;

        Sym(int index, SymbolSetup setup) {
            this.index = index;
            this.setup = setup;
            this.ins = setup.instrument();
            this.indexPrice = IndexPrice.equalWeights(setup.indexSources().toArray(new String[0]));
            this.markPrice = new MarkPrice(config.markBasisWindowSeconds());
            this.funding = new FundingRate(10_000L, 50_000L, setup.fundingCapE8(), setup.fundingFloorE8(),
                    setup.fundingIntervalHours());
            this.intervalNanos = setup.fundingIntervalHours() * HOUR;
            this.nextFundingNanos = intervalNanos;
            // Impact margin notional = 200 USDT / initial margin rate at max leverage = 200 × max leverage.
            this.impactNotionalE8 = config.impactMarginE8() * setup.brackets().maxLeverage();
            this.venue = new Venue(ins, BookConfig.defaults(), account -> ledger.positionLots(account, this.index), this);
        }

        @Override
        public long marketProtectionTicks(Side side) {
            long bound = config.marketTakeBoundE8();
            if (bound <= 0 || markE8 <= 0 || liquidating) {
                return 0;
            }
            long tick = ins.tickSizeE8();
            if (side == Side.BUY) {
                return Math.min(ins.maxPriceTicks(), (markE8 + Fixed.applyRate(markE8, bound, Fixed.Round.FLOOR)) / tick);
            }
            long floor = markE8 - Fixed.applyRate(markE8, bound, Fixed.Round.FLOOR);
            return Math.max(ins.minPriceTicks(), (floor + tick - 1) / tick);
        }

        @Override
        public RejectReason check(long accountId, Side side, OrderType type, long priceTicks, long qtyLots, long stopTicks,
                                  boolean reduceOnly) {
            if (!ledger.hasAccount(accountId)) {
                return RejectReason.UNKNOWN_ACCOUNT;
            }
            long band = config.priceBandE8();
            if (band > 0 && markE8 > 0 && type.hasLimitPrice() && !liquidating) {
                long price = ins.priceE8(priceTicks);
                long up = markE8 + Fixed.applyRate(markE8, band, Fixed.Round.FLOOR);
                long down = markE8 - Fixed.applyRate(markE8, band, Fixed.Round.FLOOR);
                if (side == Side.BUY ? price > up : price < down) {
                    return RejectReason.PRICE_OUTSIDE_BAND;
                }
            }
            if (type.isTriggered() || reduceOnly) {
                return null; // conditional orders are checked when they fire; reduce-only orders open nothing
            }
            long qtyE8 = ins.qtyE8(qtyLots);
            long price = assumedPrice(side, type == OrderType.MARKET, ins.priceE8(priceTicks));
            long value = Fixed.mulDiv(qtyE8, price, Fixed.E8, Fixed.Round.CEILING);
            long openLoss = type == OrderType.MARKET ? 0 : Exposure.openLossE8(side, qtyE8, ins.priceE8(priceTicks), markE8);
            long position = ledger.positionLots(accountId, index);
            boolean increases = position == 0 || (position > 0) == (side == Side.BUY) || qtyLots > Math.abs(position);
            if (increases) {
                long after = Fixed.mulDiv(ins.qtyE8(Math.abs(position + side.sign() * qtyLots)), price, Fixed.E8, Fixed.Round.CEILING);
                if (after > setup.brackets().maxNotionalE8(ledger.leverage(accountId, index))) {
                    return RejectReason.MAX_POSITION_EXCEEDED;
                }
            }
            // Cost to open, plus the taker fee the order could pay: an accepted order never leaves the account short.
            long fee = setup.fees().feeE8(value, false);
            if (ledger.orderCostE8(accountId, index, side, value, openLoss) + Math.max(0, fee) > ledger.availableBalanceE8(accountId)) {
                return RejectReason.INSUFFICIENT_MARGIN;
            }
            return null;
        }

        long assumedPrice(Side side, boolean market, long priceE8) {
            OrderBook b = venue.book();
            return Exposure.assumedPriceE8(side, market, priceE8, markE8, ins.priceE8(b.lastPriceTicks()),
                    ins.priceE8(b.bestBidTicks()), ins.priceE8(b.bestAskTicks()));
        }
    }

    private final Config config;
    private final Ledger ledger;
    private final LiquidationIndex liquidationIndex;
    private final java.util.TreeSet<Long> dirtyAccounts = new java.util.TreeSet<>();
    private boolean liquidating;
    private final List<Sym> syms = new ArrayList<>();
    private final Map<String, Sym> bySymbol = new LinkedHashMap<>();
    private long now;
    private long seq;
    private List<ExchangeEvent> out = new ArrayList<>();

    public Exchange(List<SymbolSetup> setups, Config config) {
        this.config = Objects.requireNonNull(config, "config");
        List<Ledger.SymbolSpec> specs = new ArrayList<>();
        for (SymbolSetup s : setups) {
            specs.add(new Ledger.SymbolSpec(s.instrument(), s.brackets(), s.fees(), s.defaultLeverage()));
        }
        this.ledger = new Ledger(specs);
        this.ledger.openAccount(INSURANCE_FUND);
        this.ledger.openAccount(BACKSTOP_VAULT);
        this.liquidationIndex = new LiquidationIndex(ledger);
        for (int i = 0; i < setups.size(); i++) {
            Sym sym = new Sym(i, setups.get(i));
            syms.add(sym);
            bySymbol.put(sym.ins.symbol(), sym);
        }
    }

    public Ledger ledger() {
        return ledger;
    }

    public long nowNanos() {
        return now;
    }

    public List<String> symbols() {
        return new ArrayList<>(bySymbol.keySet());
    }

    public OrderBook book(String symbol) {
        return sym(symbol).venue.book();
    }

    public long markPriceE8(String symbol) {
        return sym(symbol).markE8;
    }

    public long indexPriceE8(String symbol) {
        return sym(symbol).indexE8;
    }

    public long lastFundingRateE8(String symbol) {
        return sym(symbol).lastFundingRateE8;
    }

    public long nextFundingTimeNanos(String symbol) {
        return sym(symbol).nextFundingNanos;
    }

    private Sym sym(String symbol) {
        Sym s = bySymbol.get(symbol);
        if (s == null) {
            throw new IllegalArgumentException("unknown symbol " + symbol);
        }
        return s;
    }

    /** Executes one command and returns its events, in order. */
    public List<ExchangeEvent> submit(ExchangeCommand c) {
        out = new ArrayList<>();
        if (c.tsNanos() < now) {
            reject(c, 0, null, "TIME_WENT_BACKWARDS");
            return out;
        }
        advanceTo(c.tsNanos());
        switch (c.kind()) {
            case ORDER -> order((ExchangeCommand.Order) c);
            case DEPOSIT -> {
                ExchangeCommand.Deposit d = (ExchangeCommand.Deposit) c;
                balance(c, d.accountId(), null, "DEPOSIT", d.amountE8(), ledger.deposit(d.accountId(), d.amountE8()));
            }
            case WITHDRAW -> {
                ExchangeCommand.Withdraw w = (ExchangeCommand.Withdraw) c;
                balance(c, w.accountId(), null, "WITHDRAW", -w.amountE8(), ledger.withdraw(w.accountId(), w.amountE8()));
            }
            case SET_LEVERAGE -> {
                ExchangeCommand.SetLeverage l = (ExchangeCommand.SetLeverage) c;
                Sym s = bySymbol.get(l.symbol());
                if (s == null) {
                    reject(c, l.accountId(), l.symbol(), "UNKNOWN_SYMBOL");
                } else {
                    setting(c, l.accountId(), l.symbol(), "leverage", Integer.toString(l.leverage()),
                            ledger.hasAccount(l.accountId()) ? ledger.setLeverage(l.accountId(), s.index, l.leverage())
                                    : Ledger.Refusal.UNKNOWN_ACCOUNT);
                }
            }
            case SET_MARGIN_MODE -> {
                ExchangeCommand.SetMarginMode m = (ExchangeCommand.SetMarginMode) c;
                Sym s = bySymbol.get(m.symbol());
                if (s == null) {
                    reject(c, m.accountId(), m.symbol(), "UNKNOWN_SYMBOL");
                } else if (hasOpenOrders(s, m.accountId())) {
                    reject(c, m.accountId(), m.symbol(), "OPEN_ORDERS");
                } else {
                    setting(c, m.accountId(), m.symbol(), "marginMode", m.mode().name(),
                            ledger.hasAccount(m.accountId()) ? ledger.setMarginMode(m.accountId(), s.index, m.mode())
                                    : Ledger.Refusal.UNKNOWN_ACCOUNT);
                }
            }
            case ADJUST_ISOLATED_MARGIN -> {
                ExchangeCommand.AdjustIsolatedMargin a = (ExchangeCommand.AdjustIsolatedMargin) c;
                Sym s = bySymbol.get(a.symbol());
                if (s == null) {
                    reject(c, a.accountId(), a.symbol(), "UNKNOWN_SYMBOL");
                } else {
                    Ledger.Refusal r = ledger.hasAccount(a.accountId())
                            ? ledger.adjustIsolatedMargin(a.accountId(), s.index, a.deltaE8()) : Ledger.Refusal.UNKNOWN_ACCOUNT;
                    dirtyAccounts.add(a.accountId());
                    if (r != null) {
                        reject(c, a.accountId(), a.symbol(), r.name());
                    } else {
                        emit(new ExchangeEvent.BalanceChanged(++seq, now, a.accountId(), "ISOLATED_MARGIN " + a.symbol(),
                                a.deltaE8(), ledger.walletBalanceE8(a.accountId())));
                    }
                }
            }
            case SPOT_PRICE -> {
                ExchangeCommand.SpotPrice p = (ExchangeCommand.SpotPrice) c;
                Sym s = bySymbol.get(p.symbol());
                int source = s == null ? -1 : s.indexPrice.sourceIndex(p.source());
                if (s == null) {
                    reject(c, 0, p.symbol(), "UNKNOWN_SYMBOL");
                } else if (source < 0) {
                    reject(c, 0, p.symbol(), "UNKNOWN_INDEX_SOURCE " + p.source());
                } else if (p.priceE8() <= 0) {
                    reject(c, 0, p.symbol(), "PRICE_NOT_POSITIVE");
                } else {
                    s.indexPrice.update(source, p.priceE8(), now);
                    refreshPrices(s);
                }
            }
            case ADVANCE_TIME -> {
            }
            case SETTLE_FUNDING -> {
                ExchangeCommand.SettleFunding f = (ExchangeCommand.SettleFunding) c;
                Sym s = bySymbol.get(f.symbol());
                if (s == null) {
                    reject(c, 0, f.symbol(), "UNKNOWN_SYMBOL");
                } else {
                    settle(s, false);
                }
            }
        }
        liquidations();
        for (Sym s : syms) {
            if (s.markE8 != s.reportedMarkE8) {
                s.reportedMarkE8 = s.markE8;
                emit(new ExchangeEvent.MarkPrice(++seq, now, s.ins.symbol(), s.markE8, s.indexE8));
            }
        }
        if (config.checkInvariants()) {
            checkInvariants();
        }
        return out;
    }

    private boolean hasOpenOrders(Sym s, long account) {
        for (OpenOrder o : s.orders.values()) {
            if (o.account == account) {
                return true;
            }
        }
        return false;
    }

    private void order(ExchangeCommand.Order c) {
        Sym s = bySymbol.get(c.symbol());
        if (s == null) {
            reject(c, 0, c.symbol(), "UNKNOWN_SYMBOL");
            return;
        }
        Command inner = retime(c.command(), now);
        s.venue.submit(inner, e -> onBookEvent(s, e));
    }

    /** The book command with the exchange's clock as its time. */
    private static Command retime(Command c, long ts) {
        return switch (c.kind()) {
            case PLACE -> {
                Command.PlaceOrder p = (Command.PlaceOrder) c;
                yield new Command.PlaceOrder(ts, p.accountId(), p.clientOrderId(), p.side(), p.type(), p.timeInForce(),
                        p.priceE8(), p.qtyE8(), p.stopPriceE8(), p.workingType(), p.reduceOnly(), p.stpMode());
            }
            case CANCEL -> {
                Command.CancelOrder x = (Command.CancelOrder) c;
                yield new Command.CancelOrder(ts, x.accountId(), x.orderId(), x.clientOrderId());
            }
            case CANCEL_ALL -> new Command.CancelAll(ts, ((Command.CancelAll) c).accountId());
            case AMEND -> {
                Command.AmendOrder a = (Command.AmendOrder) c;
                yield new Command.AmendOrder(ts, a.accountId(), a.orderId(), a.priceE8(), a.qtyE8());
            }
            case MARK_PRICE -> throw new IllegalArgumentException("mark prices come from the exchange's own index");
        };
    }

    private void onBookEvent(Sym s, Event e) {
        emit(new ExchangeEvent.Book(++seq, now, s.ins.symbol(), e));
        switch (e.kind()) {
            case ACCEPTED -> {
                Event.OrderAccepted a = (Event.OrderAccepted) e;
                if (!a.type().isTriggered()) {
                    reserve(s, a.orderId(), a.accountId(), a.side(), a.type() == OrderType.MARKET, a.priceE8(), a.qtyE8());
                } else {
                    s.untriggered.put(a.orderId(), new long[] {a.side().ordinal(), a.priceE8()});
                }
            }
            case TRIGGERED -> {
                Event.OrderTriggered t = (Event.OrderTriggered) e;
                // A fired stop becomes a market or limit order: value it now.
                long[] u = s.untriggered.remove(t.orderId());
                long remaining = s.venue.book().remainingLots(t.orderId());
                if (u != null && remaining > 0) {
                    reserve(s, t.orderId(), t.accountId(), Side.ofOrdinal((int) u[0]), u[1] == 0, u[1], s.ins.qtyE8(remaining));
                }
            }
            case TRADE -> {
                Event.Trade t = (Event.Trade) e;
                long priceTicks = t.priceE8() / s.ins.tickSizeE8();
                long lots = t.qtyE8() / s.ins.stepSizeE8();
                fill(s, t.takerOrderId(), t.takerAccountId(), t.aggressorSide(), priceTicks, lots, false, t);
                fill(s, t.makerOrderId(), t.makerAccountId(), t.aggressorSide().opposite(), priceTicks, lots, true, t);
            }
            case CANCELLED -> {
                Event.OrderCancelled x = (Event.OrderCancelled) e;
                s.untriggered.remove(x.orderId());
                release(s, x.orderId(), x.remainingQtyE8());
            }
            case EXPIRED -> release(s, ((Event.OrderExpired) e).orderId(), ((Event.OrderExpired) e).remainingQtyE8());
            case AMENDED -> {
                Event.OrderAmended a = (Event.OrderAmended) e;
                OpenOrder o = s.orders.get(a.orderId());
                if (o != null) {
                    release(s, a.orderId(), s.ins.qtyE8(o.remainingLots));
                    reserve(s, a.orderId(), o.account, o.side, false, a.priceE8(), a.remainingQtyE8());
                }
            }
            case REJECTED -> {
            }
        }
    }

    private void reserve(Sym s, long orderId, long account, Side side, boolean market, long priceE8, long qtyE8) {
        long price = s.assumedPrice(side, market, priceE8);
        long value = Fixed.mulDiv(qtyE8, price, Fixed.E8, Fixed.Round.CEILING);
        long openLoss = market ? 0 : Exposure.openLossE8(side, qtyE8, priceE8, s.markE8);
        OpenOrder o = new OpenOrder(account, side, qtyE8 / s.ins.stepSizeE8(), value, openLoss);
        s.orders.put(orderId, o);
        ledger.addOpenOrder(account, s.index, side, value, openLoss);
    }

    /** Releases the share of an order's reservation that {@code qtyE8} of it represents. */
    private void release(Sym s, long orderId, long qtyE8) {
        OpenOrder o = s.orders.get(orderId);
        if (o == null) {
            return;
        }
        long lots = Math.min(o.remainingLots, qtyE8 / s.ins.stepSizeE8());
        long value = lots == o.remainingLots ? o.valueE8 : Fixed.mulDiv(o.valueE8, lots, o.remainingLots, Fixed.Round.FLOOR);
        long loss = lots == o.remainingLots ? o.openLossE8 : Fixed.mulDiv(o.openLossE8, lots, o.remainingLots, Fixed.Round.FLOOR);
        ledger.addOpenOrder(o.account, s.index, o.side, -value, -loss);
        o.valueE8 -= value;
        o.openLossE8 -= loss;
        o.remainingLots -= lots;
        if (o.remainingLots == 0) {
            s.orders.remove(orderId);
        }
    }

    private void fill(Sym s, long orderId, long account, Side side, long priceTicks, long lots, boolean maker, Event.Trade t) {
        release(s, orderId, s.ins.qtyE8(lots));
        Ledger.FillResult r = ledger.applyFill(account, s.index, side, priceTicks, lots, maker);
        dirtyAccounts.add(account);
        emit(new ExchangeEvent.Fill(++seq, now, account, s.ins.symbol(), orderId, side, t.priceE8(), t.qtyE8(), maker,
                r.feeE8(), r.realizedPnlE8(), s.ins.qtyE8(r.sizeAfterLots()), ledger.entryPriceE8(account, s.index),
                ledger.walletBalanceE8(account)));
    }

    // ----------------------------------------------------------------------------------------------- time and prices

    private void advanceTo(long ts) {
        long nextSecond = (now / SECOND + 1) * SECOND;
        while (nextSecond <= ts) {
            now = nextSecond;
            for (Sym s : syms) {
                onSecond(s);
            }
            nextSecond += SECOND;
        }
        now = ts;
    }

    private void onSecond(Sym s) {
        s.indexE8 = s.indexPrice.compute(now);
        if (s.indexE8 > 0) {
            OrderBook b = s.venue.book();
            if (b.bestBidTicks() != OrderBook.NO_PRICE && b.bestAskTicks() != OrderBook.NO_PRICE) {
                long mid = s.ins.priceE8(b.bestBidTicks() + b.bestAskTicks()) / 2;
                s.markPrice.sampleBasis(mid, s.indexE8);
            }
            if (now % (config.premiumSampleSeconds() * SECOND) == 0) {
                long bid = b.impactPriceE8(Side.SELL, s.impactNotionalE8);
                long ask = b.impactPriceE8(Side.BUY, s.impactNotionalE8);
                s.funding.sample(FundingRate.premiumE8(bid, ask, s.indexE8));
            }
        }
        if (now >= s.nextFundingNanos) {
            settle(s, true);
        }
        refreshPrices(s);
        liquidations();
    }

    private void refreshPrices(Sym s) {
        s.indexE8 = s.indexPrice.compute(now);
        long last = s.ins.priceE8(s.venue.book().lastPriceTicks());
        long mark = s.markPrice.compute(s.indexE8, last, s.lastFundingRateE8, s.nextFundingNanos - now, s.intervalNanos);
        if (mark > 0 && mark != s.markE8) {
            s.markE8 = mark;
            ledger.setMarkPrice(s.index, mark);
            s.venue.submit(new Command.UpdateMarkPrice(now, mark), e -> onBookEvent(s, e));
        }
    }

    private void settle(Sym s, boolean scheduled) {
        long rate = s.funding.rateE8();
        if (scheduled) {
            s.nextFundingNanos += s.intervalNanos;
        }
        if (s.markE8 <= 0) {
            emit(new ExchangeEvent.Rejected(++seq, now, "SETTLE_FUNDING", 0, s.ins.symbol(), "NO_MARK_PRICE"));
            s.funding.reset();
            return;
        }
        List<Ledger.FundingPayment> payments = ledger.settleFunding(s.index, rate);
        s.lastFundingRateE8 = rate;
        s.funding.reset();
        emit(new ExchangeEvent.FundingRate(++seq, now, s.ins.symbol(), rate, s.markE8, s.nextFundingNanos));
        for (Ledger.FundingPayment p : payments) {
            dirtyAccounts.add(p.accountId());
            emit(new ExchangeEvent.FundingPayment(++seq, now, p.accountId(), s.ins.symbol(), p.amountE8()));
        }
    }

    // ----------------------------------------------------------------------------------------------- liquidation

    /**
     * Finds and liquidates every account whose margin ratio reached 100% at the current marks, repeatedly, until none
     * is left (a liquidation's fills, takeovers and ADL can push others over). Bounded: each liquidation closes a
     * position, and positions are finite; the guard turns a bug into an exception instead of a hang.
     */
    private void liquidations() {
        if (liquidating) {
            return;
        }
        liquidating = true;
        try {
            long[] found = new long[256];
            for (int guard = 0; ; guard++) {
                if (guard > 1_000_000) {
                    throw new IllegalStateException("liquidation loop did not settle");
                }
                flushDirty();
                boolean any = false;
                for (Sym s : syms) {
                    if (s.markE8 <= 0) {
                        continue;
                    }
                    int k = liquidationIndex.liquidatable(s.index, s.markE8, found);
                    for (int i = 0; i < k; i++) {
                        long account = found[i];
                        if (account != INSURANCE_FUND && account != BACKSTOP_VAULT && stillLiquidatable(account, s.index)) {
                            any |= config.liquidationPolicy() == LiquidationPolicy.HYPERLIQUID
                                    ? liquidateHyperliquid(account, s) : liquidate(account, s);
                        }
                    }
                }
                if (!any) {
                    return;
                }
            }
        } finally {
            liquidating = false;
        }
    }

    private void flushDirty() {
        for (long a : dirtyAccounts) {
            if (ledger.hasAccount(a)) {
                liquidationIndex.update(a);
            }
        }
        dirtyAccounts.clear();
    }

    private boolean stillLiquidatable(long account, int symbol) {
        if (ledger.positionLots(account, symbol) == 0) {
            return false;
        }
        return ledger.marginMode(account, symbol) == MarginMode.ISOLATED ? ledger.isolatedLiquidatable(account, symbol)
                : ledger.crossLiquidatable(account);
    }

    private void liq(long account, Sym s, String stage, long qtyE8, long priceE8, long bp, long amountE8, long counterparty,
                     long deviationE8) {
        emit(new ExchangeEvent.Liquidation(++seq, now, account, s.ins.symbol(), stage, qtyE8, priceE8, s.markE8, bp,
                amountE8, counterparty, deviationE8));
    }

    private final Map<Long, Long> lastPartialNanos = new TreeMap<>();

    /**
     * Hyperliquid's process for one position: below ⅔ of maintenance margin the backstop vault takes it over at the
     * mark and keeps what is left of the margin; otherwise market orders into the book, 20% at a time with a 30 s
     * cooldown above 100,000 USDT of notional. Returns false while the cooldown holds (nothing done).
     */
    private boolean liquidateHyperliquid(long a, Sym s) {
        boolean isolated = ledger.marginMode(a, s.index) == MarginMode.ISOLATED;
        long lots = ledger.positionLots(a, s.index);
        long equity = isolated ? ledger.isolatedWalletE8(a, s.index) + ledger.unrealizedPnlE8(a, s.index)
                : ledger.crossMarginBalanceE8(a);
        long maintenance = isolated ? ledger.maintenanceMarginE8(a, s.index) : ledger.crossMaintenanceMarginE8(a);
        long bp = ledger.bankruptcyPriceE8(a, s.index);
        Side close = lots > 0 ? Side.SELL : Side.BUY;
        if (3 * equity < 2 * maintenance) {
            liq(a, s, "START", s.ins.qtyE8(lots), 0, bp, equity, -1, 0);
            for (Sym t : syms) {
                if ((t == s || !isolated) && hasOpenOrders(t, a)) {
                    t.venue.submit(new Command.CancelAll(now, a), e -> onBookEvent(t, e));
                }
            }
            // Cross: the whole account goes to the vault; isolated: this position.
            for (Sym t : syms) {
                long p = ledger.positionLots(a, t.index);
                if (p == 0 || (t != s && (isolated || ledger.marginMode(a, t.index) == MarginMode.ISOLATED))) {
                    continue;
                }
                Side c = p > 0 ? Side.SELL : Side.BUY;
                ledger.applyTransfer(a, t.index, c, Math.abs(p), t.markE8);
                ledger.applyTransfer(BACKSTOP_VAULT, t.index, c.opposite(), Math.abs(p), t.markE8);
                liq(a, t, "BACKSTOP", t.ins.qtyE8(Math.abs(p)), t.markE8, ledger.bankruptcyPriceE8(a, t.index), 0, BACKSTOP_VAULT, 0);
            }
            long left = ledger.crossWalletE8(a);
            if (left > 0) {
                ledger.transfer(a, BACKSTOP_VAULT, left); // the maintenance margin is not returned
                liq(a, s, "MARGIN_TO_VAULT", 0, 0, bp, left, BACKSTOP_VAULT, 0);
            }
            settleNegative(a, s, bp);
            dirtyAccounts.add(a);
            dirtyAccounts.add(BACKSTOP_VAULT);
            liq(a, s, "DONE", 0, 0, bp, 0, -1, 0);
            return true;
        }
        Long last = lastPartialNanos.get(a);
        if (last != null && now - last < HL_COOLDOWN_NANOS) {
            return false;
        }
        long abs = Math.abs(lots);
        long qty = ledger.notionalE8(a, s.index) > HL_PARTIAL_NOTIONAL_E8 ? Math.max(1, abs / 5) : abs;
        liq(a, s, "START", s.ins.qtyE8(lots), 0, bp, equity, -1, 0);
        int before = out.size();
        long remaining = qty;
        while (remaining > 0) {
            long chunk = Math.min(remaining, s.ins.marketMaxQtyLots());
            s.venue.submit(new Command.PlaceOrder(now, a, 0, close, OrderType.MARKET, aftershock.engine.api.TimeInForce.IOC,
                    0, s.ins.qtyE8(chunk), 0, aftershock.engine.api.WorkingType.CONTRACT_PRICE, true,
                    aftershock.engine.api.StpMode.NONE), e -> onBookEvent(s, e));
            remaining -= chunk;
        }
        long[] filled = fillsSince(before, a, s);
        long filledE8 = filled[0];
        long notionalE8 = filled[1];
        liq(a, s, qty < abs ? "PARTIAL_ORDER" : "ORDER", filledE8,
                filledE8 == 0 ? 0 : Fixed.mulDiv(notionalE8, Fixed.E8, filledE8, Fixed.Round.HALF_EVEN), bp, notionalE8, -1, 0);
        lastPartialNanos.put(a, now);
        settleNegative(a, s, bp);
        dirtyAccounts.add(a);
        liq(a, s, "DONE", 0, 0, bp, 0, -1, 0);
        return filledE8 > 0;
    }

    /** {quantity E8, notional E8} of the account's fills on the symbol among the events emitted since {@code before}. */
    private long[] fillsSince(int before, long a, Sym s) {
        long qty = 0;
        long notional = 0;
        for (int i = before; i < out.size(); i++) {
            if (out.get(i) instanceof ExchangeEvent.Fill f && f.accountId() == a && f.symbol().equals(s.ins.symbol())) {
                qty += f.qtyE8();
                notional += Fixed.mulDiv(f.qtyE8(), f.priceE8(), Fixed.E8, Fixed.Round.HALF_EVEN);
            }
        }
        return new long[] {qty, notional};
    }

    /** A negative account is brought back to zero by the insurance fund; what it cannot cover is socialized. */
    private void settleNegative(long a, Sym s, long bp) {
        long wallet = ledger.crossWalletE8(a);
        if (wallet < 0 && ledger.crossPositionCount(a) == 0) {
            long cover = Math.min(-wallet, Math.max(0, ledger.crossWalletE8(INSURANCE_FUND)));
            if (cover > 0) {
                ledger.transfer(INSURANCE_FUND, a, cover);
                liq(a, s, "FUND_TOPUP", 0, 0, bp, cover, INSURANCE_FUND, 0);
            }
            if (cover < -wallet) {
                liq(a, s, "SOCIALIZED_LOSS", 0, 0, bp, -wallet - cover, -1, 0);
            }
        }
    }

    /** Binance's liquidation process for one position (cross: the account's largest-loss trigger symbol). */
    private boolean liquidate(long a, Sym s) {
        boolean isolated = ledger.marginMode(a, s.index) == MarginMode.ISOLATED;
        long lots = ledger.positionLots(a, s.index);
        liq(a, s, "START", s.ins.qtyE8(lots), 0, ledger.bankruptcyPriceE8(a, s.index), 0, -1, 0);
        // 1. Cancel the account's open orders (all symbols for cross, this symbol for isolated): it may be enough.
        boolean cancelled = false;
        for (Sym t : syms) {
            if ((t == s || !isolated) && hasOpenOrders(t, a)) {
                t.venue.submit(new Command.CancelAll(now, a), e -> onBookEvent(t, e));
                cancelled = true;
            }
        }
        if (cancelled) {
            liq(a, s, "ORDERS_CANCELLED", 0, 0, ledger.bankruptcyPriceE8(a, s.index), 0, -1, 0);
            if (!stillLiquidatable(a, s.index)) {
                liq(a, s, "AVERTED", 0, 0, 0, 0, -1, 0);
                dirtyAccounts.add(a);
                return true;
            }
        }
        // 2. One IOC for the whole position, no worse than the bankruptcy price.
        Side close = lots > 0 ? Side.SELL : Side.BUY;
        long bp = ledger.bankruptcyPriceE8(a, s.index);
        long tick = s.ins.tickSizeE8();
        long limitTicks = lots > 0 ? (bp + tick - 1) / tick : bp / tick;
        limitTicks = Math.max(s.ins.minPriceTicks(), Math.min(s.ins.maxPriceTicks(), limitTicks));
        int before = out.size();
        long remaining = Math.abs(lots);
        while (remaining > 0) {
            long chunk = Math.min(remaining, s.ins.maxQtyLots());
            s.venue.submit(new Command.PlaceOrder(now, a, 0, close, OrderType.LIMIT, aftershock.engine.api.TimeInForce.IOC,
                    s.ins.priceE8(limitTicks), s.ins.qtyE8(chunk), 0, aftershock.engine.api.WorkingType.CONTRACT_PRICE,
                    true, aftershock.engine.api.StpMode.NONE), e -> onBookEvent(s, e));
            remaining -= chunk;
        }
        long[] filled = fillsSince(before, a, s);
        long filledE8 = filled[0];
        long notionalE8 = filled[1];
        liq(a, s, "ORDER", filledE8, filledE8 == 0 ? 0 : Fixed.mulDiv(notionalE8, Fixed.E8, filledE8, Fixed.Round.HALF_EVEN),
                bp, notionalE8, -1, 0);
        // 3. Liquidation fee on the liquidated amount, to the fund, out of what margin is left.
        if (notionalE8 > 0) {
            long fee = Fixed.applyRate(notionalE8, config.liquidationFeeRateE8(), Fixed.Round.CEILING);
            long left = ledger.crossWalletE8(a) + (isolated ? 0 : crossUnrealized(a));
            long charge = Math.max(0, Math.min(fee, left));
            if (charge > 0) {
                ledger.transfer(a, INSURANCE_FUND, charge);
                liq(a, s, "FEE", 0, 0, bp, charge, INSURANCE_FUND, 0);
            }
        }
        // 4. What the book could not take: the fund takes it over at the bankruptcy price if it can bear the loss to
        //    the mark, else auto-deleveraging closes opposite positions at that price.
        long rest = ledger.positionLots(a, s.index);
        if (rest != 0) {
            bp = ledger.bankruptcyPriceE8(a, s.index);
            long restE8 = s.ins.qtyE8(Math.abs(rest));
            long lossToMark = Math.max(0, Fixed.mulDiv(restE8, rest > 0 ? bp - s.markE8 : s.markE8 - bp, Fixed.E8, Fixed.Round.CEILING));
            if (ledger.crossWalletE8(INSURANCE_FUND) >= lossToMark && bp > 0) {
                ledger.applyTransfer(a, s.index, close, Math.abs(rest), bp);
                ledger.applyTransfer(INSURANCE_FUND, s.index, close.opposite(), Math.abs(rest), bp);
                dirtyAccounts.add(INSURANCE_FUND);
                liq(a, s, "TAKEOVER", restE8, bp, bp, lossToMark, INSURANCE_FUND, Math.abs(bp - s.markE8));
            } else {
                adl(a, s, close, Math.abs(rest), bp);
            }
        }
        // 5. A negative account is brought back to zero by the fund; what it cannot cover is a socialized loss.
        settleNegative(a, s, bp);
        dirtyAccounts.add(a);
        liq(a, s, "DONE", 0, 0, bp, 0, -1, 0);
        return true;
    }

    private long crossUnrealized(long a) {
        return ledger.crossMarginBalanceE8(a) - ledger.crossWalletE8(a);
    }

    /**
     * Auto-deleveraging by the configured {@link AdlPolicy}: the counterparties (opposite positions) are ranked by the
     * policy's score (ties by account id) and closed in that order — or, for pro-rata policies, every profitable one
     * in proportion to its contracts (rounding remainder to the largest, then lowest id) — at the bankruptcy price or
     * the mark, without fee. Each close is an {@code ADL} event with its price, the mark and the deviation.
     */
    private void adl(long a, Sym s, Side close, long lots, long bp) {
        AdlPolicy policy = config.adlPolicy();
        long price = policy.atMark() ? s.markE8 : bp;
        List<long[]> ranked = new ArrayList<>(); // {score, account, |position|}
        for (long c : ledger.accountIds()) {
            long pos = ledger.positionLots(c, s.index);
            if (c == a || pos == 0 || (pos > 0) == (close == Side.SELL)) {
                continue; // the counterparty must hold the opposite side of what is being closed
            }
            ranked.add(new long[] {adlScoreE8(policy, c, s.index), c, Math.abs(pos)});
        }
        ranked.sort((x, y) -> x[0] != y[0] ? Long.compare(y[0], x[0]) : Long.compare(x[1], y[1]));
        long[] take = new long[ranked.size()];
        if (policy.proRata()) {
            long eligible = 0;
            for (long[] r : ranked) {
                eligible += r[0] > 0 ? r[2] : 0;
            }
            boolean profitOnly = eligible >= lots;
            long base = profitOnly ? eligible : ranked.stream().mapToLong(r -> r[2]).sum();
            long given = 0;
            for (int i = 0; i < ranked.size(); i++) {
                long[] r = ranked.get(i);
                if (profitOnly && r[0] <= 0) {
                    continue;
                }
                take[i] = Fixed.mulDiv(lots, r[2], base, Fixed.Round.FLOOR);
                given += take[i];
            }
            Integer[] order = new Integer[ranked.size()];
            for (int i = 0; i < order.length; i++) {
                order[i] = i;
            }
            java.util.Arrays.sort(order, (x, y) -> ranked.get(x)[2] != ranked.get(y)[2]
                    ? Long.compare(ranked.get(y)[2], ranked.get(x)[2]) : Long.compare(ranked.get(x)[1], ranked.get(y)[1]));
            for (int k = 0; given < lots; k = (k + 1) % order.length) {
                int i = order[k];
                if ((!profitOnly || ranked.get(i)[0] > 0) && take[i] < ranked.get(i)[2]) {
                    take[i]++;
                    given++;
                }
            }
        } else {
            long left = lots;
            for (int i = 0; i < ranked.size() && left > 0; i++) {
                take[i] = Math.min(left, ranked.get(i)[2]);
                left -= take[i];
            }
        }
        long done = 0;
        for (int i = 0; i < ranked.size(); i++) {
            if (take[i] == 0) {
                continue;
            }
            long c = ranked.get(i)[1];
            ledger.applyTransfer(a, s.index, close, take[i], price);
            ledger.applyTransfer(c, s.index, close.opposite(), take[i], price);
            dirtyAccounts.add(c);
            done += take[i];
            liq(a, s, "ADL", s.ins.qtyE8(take[i]), price, bp, 0, c, Math.abs(price - s.markE8));
        }
        if (done != lots) {
            throw new IllegalStateException("ADL closed " + done + " of " + lots + " lots: positions do not sum to zero");
        }
    }

    /** The policy's ADL score (E8) of an account's position: higher is deleveraged first; 0 or less when losing. */
    private long adlScoreE8(AdlPolicy policy, long c, int symbol) {
        boolean isolated = ledger.marginMode(c, symbol) == MarginMode.ISOLATED;
        long wallet = isolated ? ledger.isolatedWalletE8(c, symbol) : ledger.crossWalletE8(c);
        long upnl = ledger.unrealizedPnlE8(c, symbol);
        long equity = wallet + upnl;
        long notional = ledger.notionalE8(c, symbol);
        long effLeverageE8 = equity > 0 ? Fixed.mulDiv(notional, Fixed.E8, equity, Fixed.Round.FLOOR) : Long.MAX_VALUE / 4;
        switch (policy) {
            case BINANCE -> {
                if (upnl <= 0) {
                    return 0;
                }
                long pnlPct = Fixed.mulDiv(upnl, Fixed.E8, Math.max(Fixed.E8, wallet), Fixed.Round.FLOOR);
                long marginRatio = equity > 0 ? Fixed.mulDiv(ledger.maintenanceMarginE8(c, symbol), Fixed.E8, equity, Fixed.Round.FLOOR) : 0;
                return Fixed.mulDiv(pnlPct, marginRatio, Fixed.E8, Fixed.Round.FLOOR);
            }
            case BYBIT -> {
                long entryNotional = Math.abs(ledger.costBasisE8(c, symbol));
                long pnlPct = Fixed.mulDiv(upnl, Fixed.E8, Math.max(1, entryNotional), Fixed.Round.FLOOR);
                if (pnlPct > 0) {
                    return Fixed.mulDiv(pnlPct, Math.min(effLeverageE8, 1_000 * Fixed.E8), Fixed.E8, Fixed.Round.FLOOR);
                }
                return Fixed.mulDiv(pnlPct, Fixed.E8, Math.max(1, Math.min(effLeverageE8, 1_000 * Fixed.E8)), Fixed.Round.FLOOR);
            }
            case HYPERLIQUID -> {
                return upnl <= 0 ? upnl : Fixed.mulDiv(upnl, Math.min(effLeverageE8, 1_000 * Fixed.E8), Fixed.E8, Fixed.Round.FLOOR);
            }
            default -> {
                return upnl; // pro-rata policies only need "profitable or not"; the score orders remainders
            }
        }
    }

    /**
     * The ADL queue indicator a venue shows (1–5 "lights"): the quintile of this position's score among all positions
     * on the same side of the symbol under the configured policy (5 = first in line). 0 when flat.
     */
    public int adlQuantile(long account, String symbol) {
        Sym s = sym(symbol);
        long pos = ledger.positionLots(account, s.index);
        if (pos == 0) {
            return 0;
        }
        long mine = adlScoreE8(config.adlPolicy(), account, s.index);
        int below = 0;
        int total = 0;
        for (long c : ledger.accountIds()) {
            long p = ledger.positionLots(c, s.index);
            if (p == 0 || (p > 0) != (pos > 0)) {
                continue;
            }
            total++;
            if (adlScoreE8(config.adlPolicy(), c, s.index) < mine) {
                below++;
            }
        }
        return 1 + (int) ((long) below * 5 / total);
    }

    // ----------------------------------------------------------------------------------------------- helpers

    private void emit(ExchangeEvent e) {
        out.add(e);
    }

    private void reject(ExchangeCommand c, long account, String symbol, String reason) {
        emit(new ExchangeEvent.Rejected(++seq, now, c.kind().name(), account, symbol, reason));
    }

    private void balance(ExchangeCommand c, long account, String symbol, String reason, long amountE8, Ledger.Refusal r) {
        dirtyAccounts.add(account);
        if (r != null) {
            reject(c, account, symbol, r.name());
        } else {
            emit(new ExchangeEvent.BalanceChanged(++seq, now, account, reason, amountE8, ledger.walletBalanceE8(account)));
        }
    }

    private void setting(ExchangeCommand c, long account, String symbol, String what, String value, Ledger.Refusal r) {
        dirtyAccounts.add(account);
        if (r != null) {
            reject(c, account, symbol, r.name());
        } else {
            emit(new ExchangeEvent.SettingChanged(++seq, now, account, symbol, what, value));
        }
    }

    /** Conservation of money, zero-sum positions, and every book's structure. */
    public void checkInvariants() {
        ledger.checkConservation();
        for (Sym s : syms) {
            s.venue.book().checkInvariants();
        }
    }
}
