package aftershock.engine.exchange;

import aftershock.engine.api.Command;
import aftershock.engine.api.DecimalE8;
import aftershock.engine.api.Event;
import aftershock.engine.api.Instruments;
import aftershock.engine.api.RejectReason;
import aftershock.engine.api.Side;
import aftershock.engine.api.TimeInForce;
import aftershock.engine.halt.CircuitBreaker;
import aftershock.engine.halt.CircuitBreaker.DuringHalt;
import aftershock.engine.halt.CircuitBreaker.Resumption;
import aftershock.engine.halt.CircuitBreaker.Tier;
import aftershock.engine.halt.CircuitBreaker.TriggerPrice;
import aftershock.engine.margin.BracketTables;
import aftershock.engine.margin.FeeSchedule;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Volatility halts on BTCUSDT. The breaker watches the last price over a 300-second window: a fall of more than 7%
 * from the window's high halts trading for 120 s (tier 1); more than 13%, for 120 s again (tier 2). Each test first
 * prints a trade at 100,000 (the window's high), then a seller sweeps the bids.
 */
class HaltTest {
    static final long S = 1_000_000_000L;
    static final String BTC = "BTCUSDT";
    static final long SELLER = 2;
    static final long MAKER = 3;
    static final long BUYER = 4;

    static long e8(String s) {
        return DecimalE8.parse(s);
    }

    static CircuitBreaker breaker(TriggerPrice on, DuringHalt during, Resumption resumption, long tier1BandE8) {
        return CircuitBreaker.of(on, 300 * S, during, resumption,
                new Tier(e8("0.07"), 120 * S, tier1BandE8), new Tier(e8("0.13"), 120 * S, 0));
    }

    Exchange ex;
    final List<ExchangeEvent> events = new ArrayList<>();

    void open(CircuitBreaker breaker, long priceBandE8) {
        ex = new Exchange(List.of(new Exchange.SymbolSetup(Instruments.BTCUSDT, BracketTables.BTCUSDT_2025,
                FeeSchedule.BINANCE_VIP0, 20, List.of("spot"), e8("0.003"), e8("-0.003"), 8)),
                Exchange.Config.binance().withChecks(true).withCircuitBreaker(breaker).withProtection(priceBandE8, 0));
    }

    List<ExchangeEvent> run(ExchangeCommand c) {
        List<ExchangeEvent> ev = ex.submit(c);
        events.addAll(ev);
        return ev;
    }

    List<ExchangeEvent> limit(long ts, long account, Side side, String price, String qty) {
        return run(new ExchangeCommand.Order(ts, BTC, Command.PlaceOrder.limit(ts, account, side, TimeInForce.GTC, e8(price), e8(qty))));
    }

    List<ExchangeEvent> market(long ts, long account, Side side, String qty) {
        return run(new ExchangeCommand.Order(ts, BTC, Command.PlaceOrder.market(ts, account, side, e8(qty))));
    }

    <T extends ExchangeEvent> List<T> all(Class<T> type) {
        return events.stream().filter(type::isInstance).map(type::cast).toList();
    }

    static List<Event> bookEvents(List<ExchangeEvent> ev) {
        return ev.stream().filter(e -> e instanceof ExchangeEvent.Book).map(e -> ((ExchangeEvent.Book) e).event()).toList();
    }

    /** A trade at 100,000 at time 0, bids at 99,000, 95,000 and 92,000 (1 BTC each), asks at 100,500. */
    void market100k() {
        run(new ExchangeCommand.Deposit(0, SELLER, e8("1000000")));
        run(new ExchangeCommand.Deposit(0, MAKER, e8("10000000")));
        run(new ExchangeCommand.Deposit(0, BUYER, e8("1000000")));
        run(new ExchangeCommand.SpotPrice(0, BTC, "spot", e8("100000")));
        limit(0, MAKER, Side.BUY, "100000", "0.1");
        market(0, SELLER, Side.SELL, "0.1");
        limit(0, MAKER, Side.BUY, "99000", "1");
        limit(0, MAKER, Side.BUY, "95000", "1");
        limit(0, MAKER, Side.BUY, "92000", "1");
        limit(0, MAKER, Side.SELL, "100500", "5");
    }

    @Test
    void aFallOfMoreThanSevenPercentWithinTheWindowHaltsTradingAndRejectsOrders() {
        open(breaker(TriggerPrice.LAST, DuringHalt.REJECT, Resumption.RESUME, 0), 0);
        market100k();
        // The sweep fills 1 at 99,000, 1 at 95,000 and 0.5 at 92,000: the last price is 8% under the window's high.
        market(10 * S, SELLER, Side.SELL, "2.5");
        ExchangeEvent.Halt start = all(ExchangeEvent.Halt.class).get(0);
        assertEquals(new ExchangeEvent.Halt(start.seq(), 10 * S, BTC, "START", "PRICE_DOWN", 1, e8("100000"), e8("92000"),
                e8("0.08"), 130 * S), start);
        assertTrue(ex.isHalted(BTC));
        assertEquals(130 * S, ex.haltEndNanos(BTC));
        // During the halt a new order is rejected; a cancel still works.
        Event.OrderRejected rejected = (Event.OrderRejected) bookEvents(limit(20 * S, BUYER, Side.BUY, "93000", "1")).get(0);
        assertEquals(RejectReason.TRADING_HALTED, rejected.reason());
        List<Event> cancelled = bookEvents(run(new ExchangeCommand.Order(20 * S, BTC, new Command.CancelAll(20 * S, MAKER))));
        assertTrue(cancelled.stream().allMatch(e -> e instanceof Event.OrderCancelled) && cancelled.size() == 2, cancelled.toString());
        // Trading resumes at 130 s.
        List<ExchangeEvent> ev = run(new ExchangeCommand.AdvanceTime(130 * S));
        ExchangeEvent.Halt end = all(ExchangeEvent.Halt.class).get(1);
        assertEquals("END", end.stage());
        assertEquals("RESUME", end.reason());
        assertEquals(130 * S, end.tsNanos());
        assertTrue(ev.contains(end));
        assertFalse(ex.isHalted(BTC));
        assertTrue(bookEvents(limit(131 * S, BUYER, Side.BUY, "93000", "1")).get(0) instanceof Event.OrderAccepted);
        assertEquals(1, ex.haltCount(BTC));
    }

    @Test
    void queuedOrdersAreUncrossedAtOnePriceWhenTheHaltEndsWithAnAuction() {
        open(breaker(TriggerPrice.LAST, DuringHalt.QUEUE, Resumption.AUCTION, 0), 0);
        market100k();
        market(10 * S, SELLER, Side.SELL, "2.5");   // halt at 92,000; 0.5 BTC still bid at 92,000
        List<ExchangeEvent> queued = new ArrayList<>();
        queued.addAll(limit(20 * S, MAKER, Side.BUY, "93000", "1"));
        queued.addAll(market(21 * S, BUYER, Side.BUY, "0.5"));
        queued.addAll(limit(22 * S, SELLER, Side.SELL, "92500", "1"));
        List<ExchangeEvent.QueuedOrder> held = queued.stream().filter(e -> e instanceof ExchangeEvent.QueuedOrder)
                .map(e -> (ExchangeEvent.QueuedOrder) e).toList();
        assertEquals(List.of(1, 2, 3), held.stream().map(ExchangeEvent.QueuedOrder::queueSize).toList());
        assertTrue(held.stream().allMatch(e -> e.action().equals("QUEUED")));
        assertTrue(queued.stream().noneMatch(e -> e instanceof ExchangeEvent.Book), "nothing reaches the book");
        run(new ExchangeCommand.AdvanceTime(130 * S));
        // The auction book: bids market 0.5 (at the bound), 93,000 ×1, 92,000 ×0.5; asks 92,500 ×1, 100,500 ×5.
        // 1 BTC clears anywhere from 92,500 to 93,000 with a surplus of 0.5; the reference (last price 92,000) picks
        // 92,500. The sell (newest) is the taker against the market buy, then against the 93,000 bid.
        ExchangeEvent.Auction auction = all(ExchangeEvent.Auction.class).get(0);
        assertEquals(new ExchangeEvent.Auction(auction.seq(), 130 * S, BTC, e8("92500"), e8("1"), e8("92000"), 3), auction);
        List<Event.Trade> trades = events.stream().filter(e -> e instanceof ExchangeEvent.Book b && b.event() instanceof Event.Trade
                && e.tsNanos() == 130 * S).map(e -> (Event.Trade) ((ExchangeEvent.Book) e).event()).toList();
        assertEquals(List.of(e8("0.5"), e8("0.5")), trades.stream().map(Event.Trade::qtyE8).toList());
        assertTrue(trades.stream().allMatch(t -> t.priceE8() == e8("92500") && t.aggressorSide() == Side.SELL));
        assertEquals(List.of(BUYER, MAKER), trades.stream().map(Event.Trade::makerAccountId).toList());
        assertEquals(e8("93000"), ex.book(BTC).instrument().priceE8(ex.book(BTC).bestBidTicks())); // 0.5 left at 93,000
        // The clearing price is 7.5% under the window's high, but tier 1 has been used: only tier 2 (13%) can halt.
        assertEquals(1, ex.haltCount(BTC));
        assertFalse(ex.isHalted(BTC));
    }

    @Test
    void queuedOrdersResumeInArrivalOrderAndACancelDropsAQueuedOrder() {
        open(breaker(TriggerPrice.LAST, DuringHalt.QUEUE, Resumption.RESUME, 0), 0);
        market100k();
        market(10 * S, SELLER, Side.SELL, "2.5");
        run(new ExchangeCommand.Order(20 * S, BTC, new Command.PlaceOrder(20 * S, BUYER, 7, Side.BUY,
                aftershock.engine.api.OrderType.LIMIT, TimeInForce.GTC, e8("91000"), e8("1"), 0,
                aftershock.engine.api.WorkingType.CONTRACT_PRICE, false, Command.PlaceOrder.DEFAULT_STP)));
        limit(21 * S, SELLER, Side.SELL, "92000", "0.2");
        run(new ExchangeCommand.Order(22 * S, BTC, new Command.CancelOrder(22 * S, BUYER, 0, 7)));
        ExchangeEvent.QueuedOrder dropped = all(ExchangeEvent.QueuedOrder.class).get(2);
        assertEquals("DROPPED", dropped.action());
        assertEquals(7, dropped.clientOrderId());
        assertEquals(1, dropped.queueSize());
        List<Event> resumed = bookEvents(run(new ExchangeCommand.AdvanceTime(130 * S)));
        // Only the sell is left; in the continuous book it takes 0.2 of the 0.5 bid at 92,000.
        assertTrue(resumed.get(0) instanceof Event.OrderAccepted a && a.accountId() == SELLER, resumed.toString());
        Event.Trade t = (Event.Trade) resumed.get(1);
        assertEquals(e8("92000"), t.priceE8());
        assertEquals(e8("0.2"), t.qtyE8());
        assertEquals("RESUME", all(ExchangeEvent.Halt.class).get(1).reason());
    }

    @Test
    void tiersEscalateAndTheBandWidensAfterAHalt() {
        open(breaker(TriggerPrice.LAST, DuringHalt.REJECT, Resumption.RESUME, e8("0.10")), e8("0.05"));
        market100k();
        limit(0, MAKER, Side.BUY, "88000", "1");
        limit(0, MAKER, Side.BUY, "86000", "1");
        assertEquals(e8("0.05"), ex.priceBandE8(BTC));
        market(10 * S, SELLER, Side.SELL, "2.5");            // tier 1 at 92,000 (8%)
        assertEquals(e8("0.10"), ex.priceBandE8(BTC));       // the tier's wider band
        run(new ExchangeCommand.AdvanceTime(130 * S));
        market(140 * S, SELLER, Side.SELL, "1.5");           // 0.5 at 92,000 and 1 at 88,000: 12%, under tier 2
        assertEquals(1, ex.haltCount(BTC));
        market(150 * S, SELLER, Side.SELL, "0.5");           // 86,000: 14% under the high of 100,000
        ExchangeEvent.Halt second = all(ExchangeEvent.Halt.class).get(2);
        assertEquals(2, second.tier());
        assertEquals(e8("0.14"), second.moveE8());
        assertEquals(2, ex.haltCount(BTC));
        assertEquals(e8("0.05"), ex.priceBandE8(BTC));       // tier 2 sets no band of its own
        // Once the window has rolled past the last halt (270 s + 300 s), the escalation is forgotten.
        run(new ExchangeCommand.AdvanceTime(600 * S));
        assertFalse(ex.isHalted(BTC));
    }

    @Test
    void theMarkPriceCanTripTheBreaker() {
        open(breaker(TriggerPrice.MARK, DuringHalt.REJECT, Resumption.RESUME, 0), 0);
        run(new ExchangeCommand.Deposit(0, MAKER, e8("10000000")));
        run(new ExchangeCommand.SpotPrice(0, BTC, "spot", e8("100000")));
        limit(0, MAKER, Side.BUY, "99990", "1");
        limit(0, MAKER, Side.SELL, "100010", "1");
        run(new ExchangeCommand.AdvanceTime(10 * S));
        assertEquals(e8("100000"), ex.markPriceE8(BTC));
        // The spot sources fall 10%: P1 = 90,000, P2 = 90,000 + the mean basis (0 so far), no last price: mark 90,000.
        run(new ExchangeCommand.SpotPrice(10 * S, BTC, "spot", e8("90000")));
        ExchangeEvent.Halt start = all(ExchangeEvent.Halt.class).get(0);
        assertEquals(e8("100000"), start.referencePriceE8());
        assertEquals(e8("90000"), start.priceE8());
        assertEquals(e8("0.1"), start.moveE8());
        assertEquals(1, start.tier());
    }

    @Test
    void aLiquidationDuringAHaltSkipsTheBookAndGoesToTheFund() {
        open(breaker(TriggerPrice.LAST, DuringHalt.REJECT, Resumption.RESUME, 0), 0);
        long trader = 1;
        run(new ExchangeCommand.Deposit(0, Exchange.INSURANCE_FUND, e8("1000000")));
        run(new ExchangeCommand.Deposit(0, trader, e8("10050")));
        market100k();
        limit(0, SELLER, Side.SELL, "100000", "1");
        run(new ExchangeCommand.Order(0, BTC, Command.PlaceOrder.market(0, trader, Side.BUY, e8("1"))));
        // The trader is long 1 at 100,000 (the seller's ask), wallet 10,000, bankruptcy price 90,000.
        assertEquals(e8("10000"), ex.ledger().walletBalanceE8(trader));
        market(10 * S, SELLER, Side.SELL, "2.5");           // halt at 92,000
        assertTrue(ex.isHalted(BTC));
        run(new ExchangeCommand.SpotPrice(20 * S, BTC, "spot", e8("85000")));
        run(new ExchangeCommand.AdvanceTime(30 * S));
        List<String> stages = all(ExchangeEvent.Liquidation.class).stream()
                .filter(l -> l.accountId() == trader).map(ExchangeEvent.Liquidation::stage).toList();
        assertEquals(List.of("START", "BOOK_HALTED", "TAKEOVER", "DONE"), stages);
        assertEquals(0, ex.ledger().positionLots(trader, 0));
        assertTrue(ex.isHalted(BTC));
    }
}
