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
    public record Config(int markBasisWindowSeconds, int premiumSampleSeconds, long impactMarginE8, boolean checkInvariants) {
        public static Config binance() {
            return new Config(30, 5, 200 * Fixed.E8, Checks.FULL);
        }

        public Config withChecks(boolean on) {
            return new Config(markBasisWindowSeconds, premiumSampleSeconds, impactMarginE8, on);
        }
    }

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

    private final class Sym {
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
            this.venue = new Venue(ins, BookConfig.defaults(), account -> ledger.positionLots(account, this.index),
                    this::risk);
        }

        RejectReason risk(long accountId, Side side, OrderType type, long priceTicks, long qtyLots, long stopTicks,
                          boolean reduceOnly) {
            if (!ledger.hasAccount(accountId)) {
                return RejectReason.UNKNOWN_ACCOUNT;
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
            emit(new ExchangeEvent.FundingPayment(++seq, now, p.accountId(), s.ins.symbol(), p.amountE8()));
        }
    }

    // ----------------------------------------------------------------------------------------------- helpers

    private void emit(ExchangeEvent e) {
        out.add(e);
    }

    private void reject(ExchangeCommand c, long account, String symbol, String reason) {
        emit(new ExchangeEvent.Rejected(++seq, now, c.kind().name(), account, symbol, reason));
    }

    private void balance(ExchangeCommand c, long account, String symbol, String reason, long amountE8, Ledger.Refusal r) {
        if (r != null) {
            reject(c, account, symbol, r.name());
        } else {
            emit(new ExchangeEvent.BalanceChanged(++seq, now, account, reason, amountE8, ledger.walletBalanceE8(account)));
        }
    }

    private void setting(ExchangeCommand c, long account, String symbol, String what, String value, Ledger.Refusal r) {
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
