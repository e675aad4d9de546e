package aftershock.engine.api;

import aftershock.engine.book.OrderBook;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * The embedding API for one perpetual contract: submit {@link Command}s (E8 decimals), get {@link Event} records.
 * Validates decimals against the instrument (off-tick prices, off-step quantities) before handing integral ticks
 * and lots to the allocation-free {@link OrderBook}, which is reachable through {@link #book()} for hot loops.
 *
 * <p>Validation order is the declared order of {@link RejectReason}, so the reason reported is deterministic.
 */
public final class Venue {
    private final Instrument instrument;
    private final NetPositions ownPositions;
    private final PositionSource positions;
    private final OrderRisk risk;
    private final EventRecorder recorder;
    private final OrderBook book;
    private Consumer<? super Event> listener;
    private boolean tradingHalted;

    /**
     * Pre-trade risk seam: called for each new order after its fields, prices, quantity and notional passed
     * (stages 1–4 of {@link RejectReason}) and before the book's state checks; a non-null reason rejects the order.
     */
    @FunctionalInterface
    public interface OrderRisk {
        RejectReason check(long accountId, Side side, OrderType type, long priceTicks, long qtyLots, long stopPriceTicks,
                           boolean reduceOnly);

        OrderRisk NONE = (accountId, side, type, priceTicks, qtyLots, stopPriceTicks, reduceOnly) -> null;

        /** Price-protection limit (ticks) for a market order of this side, or 0 for none. */
        default long marketProtectionTicks(Side side) {
            return 0;
        }
    }

    /**
     * A venue whose positions (for reduce-only) come from {@code positions} and whose new orders pass {@code risk};
     * the margin engine supplies both.
     */
    public Venue(Instrument instrument, BookConfig config, PositionSource positions, OrderRisk risk) {
        this.instrument = Objects.requireNonNull(instrument, "instrument");
        this.ownPositions = null;
        this.positions = Objects.requireNonNull(positions, "positions");
        this.risk = Objects.requireNonNull(risk, "risk");
        this.recorder = new EventRecorder(instrument, this::onEvent);
        this.book = new OrderBook(instrument, config, recorder, positions);
    }

    /** A stand-alone venue: net positions kept from its own trades, no margin checks. */
    public Venue(Instrument instrument, BookConfig config) {
        this.instrument = Objects.requireNonNull(instrument, "instrument");
        this.ownPositions = new NetPositions();
        this.positions = ownPositions;
        this.risk = OrderRisk.NONE;
        this.recorder = new EventRecorder(instrument, this::onEvent);
        this.book = new OrderBook(instrument, config, recorder, positions);
    }

    public Venue(Instrument instrument) {
        this(instrument, BookConfig.defaults());
    }

    public Instrument instrument() {
        return instrument;
    }

    /** The underlying book, for queries and allocation-free driving. */
    public OrderBook book() {
        return book;
    }

    public PositionSource positions() {
        return positions;
    }

    private void onEvent(Event event) {
        if (ownPositions != null && event.kind() == Event.Kind.TRADE) {
            Event.Trade t = (Event.Trade) event;
            ownPositions.applyTrade(t.aggressorSide(), t.takerAccountId(), t.makerAccountId(), t.qtyE8() / instrument.stepSizeE8());
        }
        listener.accept(event);
    }

    /**
     * Halts or resumes trading (a circuit breaker): while halted, new orders and amendments are rejected with
     * {@link RejectReason#TRADING_HALTED} (after their own field checks); cancels and mark prices still apply.
     */
    public void setTradingHalted(boolean halted) {
        this.tradingHalted = halted;
    }

    public boolean tradingHalted() {
        return tradingHalted;
    }

    /** Starts collecting orders for a call auction ({@link OrderBook#beginAuction}). */
    public void beginAuction() {
        book.beginAuction();
    }

    /**
     * Uncrosses the call auction at one price ({@link OrderBook#uncross}), passing its events to {@code out};
     * returns the clearing price (E8), or 0 when nothing crossed.
     */
    public long uncross(long tsNanos, long referencePriceE8, Consumer<? super Event> out) {
        this.listener = Objects.requireNonNull(out, "out");
        long ticks = book.uncross(tsNanos, referencePriceE8 / instrument.tickSizeE8());
        return instrument.priceE8(ticks);
    }

    /** Executes one command and returns the events it produced, in order. */
    public List<Event> submit(Command command) {
        List<Event> out = new ArrayList<>();
        submit(command, out::add);
        return out;
    }

    /** Executes one command, passing each event it produces to {@code out} as it happens. */
    public void submit(Command command, Consumer<? super Event> out) {
        Objects.requireNonNull(command, "command");
        this.listener = Objects.requireNonNull(out, "out");
        switch (command.kind()) {
            case PLACE -> place((Command.PlaceOrder) command);
            case CANCEL -> {
                Command.CancelOrder c = (Command.CancelOrder) command;
                book.cancel(c.tsNanos(), c.accountId(), c.orderId(), c.clientOrderId());
            }
            case CANCEL_ALL -> {
                Command.CancelAll c = (Command.CancelAll) command;
                book.cancelAll(c.tsNanos(), c.accountId());
            }
            case AMEND -> amend((Command.AmendOrder) command);
            case MARK_PRICE -> {
                Command.UpdateMarkPrice c = (Command.UpdateMarkPrice) command;
                book.updateMarkPrice(c.tsNanos(), c.markPriceE8());
            }
        }
    }

    private void place(Command.PlaceOrder c) {
        RejectReason reason = checkDecimals(c);
        if (reason != null) {
            recorder.rejected(c.tsNanos(), CommandKind.PLACE, c.accountId(), c.clientOrderId(), 0L, reason);
            return;
        }
        if (tradingHalted) {
            recorder.rejected(c.tsNanos(), CommandKind.PLACE, c.accountId(), c.clientOrderId(), 0L, RejectReason.TRADING_HALTED);
            return;
        }
        OrderType type = c.type();
        long priceTicks = type.hasLimitPrice() ? c.priceE8() / instrument.tickSizeE8()
                : type == OrderType.MARKET ? risk.marketProtectionTicks(c.side()) : OrderBook.NO_PRICE;
        long stopTicks = type.isTriggered() ? c.stopPriceE8() / instrument.tickSizeE8() : OrderBook.NO_PRICE;
        RejectReason riskReason = risk.check(c.accountId(), c.side(), type, priceTicks, c.qtyE8() / instrument.stepSizeE8(),
                stopTicks, c.reduceOnly());
        if (riskReason != null) {
            recorder.rejected(c.tsNanos(), CommandKind.PLACE, c.accountId(), c.clientOrderId(), 0L, riskReason);
            return;
        }
        book.place(c.tsNanos(), c.accountId(), c.clientOrderId(), c.side(), type, c.timeInForce(), priceTicks,
                c.qtyE8() / instrument.stepSizeE8(), stopTicks, c.workingType(), c.reduceOnly(), c.stpMode());
    }

    /** Stages 1–4 on the E8 decimals: what the book, which sees only ticks and lots, cannot tell. */
    private RejectReason checkDecimals(Command.PlaceOrder c) {
        OrderType type = c.type();
        if (c.side() == null || type == null || c.stpMode() == null
                || (type.hasLimitPrice() && c.timeInForce() == null) || (type.isTriggered() && c.workingType() == null)) {
            return RejectReason.MISSING_FIELD;
        }
        if (c.accountId() <= 0) {
            return RejectReason.INVALID_ACCOUNT;
        }
        if (c.tsNanos() < 0) {
            return RejectReason.INVALID_TIMESTAMP;
        }
        if (type.isTriggered() && type.hasLimitPrice() && c.timeInForce() == TimeInForce.GTX) {
            return RejectReason.INVALID_TIME_IN_FORCE;
        }
        if ((!type.hasLimitPrice() && c.priceE8() != 0) || (!type.isTriggered() && c.stopPriceE8() != 0)) {
            return RejectReason.PARAMETER_NOT_REQUIRED;
        }
        if (type.hasLimitPrice()) {
            RejectReason r = checkPriceE8(c.priceE8(), false);
            if (r != null) {
                return r;
            }
        }
        if (type.isTriggered()) {
            RejectReason r = checkPriceE8(c.stopPriceE8(), true);
            if (r != null) {
                return r;
            }
        }
        RejectReason q = checkQtyE8(c.qtyE8(), type.hasLimitPrice() ? instrument.maxQtyE8() : instrument.marketMaxQtyE8());
        if (q != null) {
            return q;
        }
        // Notional, as the book checks it (market orders at the last price, triggered market orders at the stop).
        long refTicks = type.hasLimitPrice() ? c.priceE8() / instrument.tickSizeE8()
                : type.isTriggered() ? c.stopPriceE8() / instrument.tickSizeE8() : book.lastPriceTicks();
        if (!c.reduceOnly() && refTicks != OrderBook.NO_PRICE
                && refTicks * (c.qtyE8() / instrument.stepSizeE8()) < instrument.minNotionalTickLots()) {
            return RejectReason.NOTIONAL_BELOW_MIN;
        }
        return null;
    }

    private RejectReason checkPriceE8(long priceE8, boolean stop) {
        if (priceE8 <= 0) {
            return stop ? RejectReason.STOP_PRICE_NOT_POSITIVE : RejectReason.PRICE_NOT_POSITIVE;
        }
        if (priceE8 % instrument.tickSizeE8() != 0) {
            return stop ? RejectReason.STOP_PRICE_OFF_TICK : RejectReason.PRICE_OFF_TICK;
        }
        if (priceE8 < instrument.minPriceE8()) {
            return stop ? RejectReason.STOP_PRICE_BELOW_MIN : RejectReason.PRICE_BELOW_MIN;
        }
        if (priceE8 > instrument.maxPriceE8()) {
            return stop ? RejectReason.STOP_PRICE_ABOVE_MAX : RejectReason.PRICE_ABOVE_MAX;
        }
        return null;
    }

    private RejectReason checkQtyE8(long qtyE8, long maxE8) {
        if (qtyE8 <= 0) {
            return RejectReason.QTY_NOT_POSITIVE;
        }
        if (qtyE8 % instrument.stepSizeE8() != 0) {
            return RejectReason.QTY_OFF_STEP;
        }
        if (qtyE8 < instrument.minQtyE8()) {
            return RejectReason.QTY_BELOW_MIN;
        }
        if (qtyE8 > maxE8) {
            return RejectReason.QTY_ABOVE_MAX;
        }
        return null;
    }

    private void amend(Command.AmendOrder c) {
        RejectReason reason = null;
        if (c.accountId() <= 0) {
            reason = RejectReason.INVALID_ACCOUNT;
        } else if (c.tsNanos() < 0) {
            reason = RejectReason.INVALID_TIMESTAMP;
        } else {
            reason = checkPriceE8(c.priceE8(), false);
            if (reason == null) {
                reason = checkQtyE8(c.qtyE8(), instrument.maxQtyE8());
            }
            if (reason == null && tradingHalted) {
                reason = RejectReason.TRADING_HALTED;
            }
        }
        if (reason != null) {
            recorder.rejected(c.tsNanos(), CommandKind.AMEND, c.accountId(), 0L, c.orderId(), reason);
            return;
        }
        book.amend(c.tsNanos(), c.accountId(), c.orderId(), c.priceE8() / instrument.tickSizeE8(),
                c.qtyE8() / instrument.stepSizeE8());
    }

    // ---- queries, in E8 ----

    public long bestBidE8() {
        return instrument.priceE8(book.bestBidTicks());
    }

    public long bestAskE8() {
        return instrument.priceE8(book.bestAskTicks());
    }

    public long lastPriceE8() {
        return instrument.priceE8(book.lastPriceTicks());
    }

    /** Top {@code maxLevels} aggregated levels of a side, best first. */
    public List<PriceLevel> depth(Side side, int maxLevels) {
        int n = Math.min(maxLevels, book.levelCount(side));
        long[] prices = new long[n];
        long[] qtys = new long[n];
        int[] counts = new int[n];
        int k = book.depth(side, n, prices, qtys, counts);
        List<PriceLevel> levels = new ArrayList<>(k);
        for (int i = 0; i < k; i++) {
            levels.add(new PriceLevel(instrument.priceE8(prices[i]), instrument.qtyE8(qtys[i]), counts[i]));
        }
        return levels;
    }

    /** Every resting order of a side in priority order. */
    public List<RestingOrder> l3(Side side) {
        List<RestingOrder> orders = new ArrayList<>();
        book.forEachResting(side, (id, account, priceTicks, remaining, total) -> orders.add(new RestingOrder(id, account,
                side, instrument.priceE8(priceTicks), instrument.qtyE8(remaining), instrument.qtyE8(total))));
        return orders;
    }

    /** Impact price (E8) for a market order of {@code takerSide} worth {@code notionalE8}; 0 if the book is too thin. */
    public long impactPriceE8(Side takerSide, long notionalE8) {
        return book.impactPriceE8(takerSide, notionalE8);
    }
}
