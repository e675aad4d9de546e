package aftershock.engine.api;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.SplittableRandom;

import static aftershock.engine.api.RejectReason.AMEND_NOT_SUPPORTED;
import static aftershock.engine.api.RejectReason.AMEND_NO_CHANGE;
import static aftershock.engine.api.RejectReason.AMEND_QTY_NOT_ABOVE_FILLED;
import static aftershock.engine.api.RejectReason.DUPLICATE_CLIENT_ORDER_ID;
import static aftershock.engine.api.RejectReason.FOK_WOULD_NOT_FILL;
import static aftershock.engine.api.RejectReason.INVALID_ACCOUNT;
import static aftershock.engine.api.RejectReason.INVALID_TIMESTAMP;
import static aftershock.engine.api.RejectReason.INVALID_TIME_IN_FORCE;
import static aftershock.engine.api.RejectReason.MISSING_FIELD;
import static aftershock.engine.api.RejectReason.NOTIONAL_BELOW_MIN;
import static aftershock.engine.api.RejectReason.PARAMETER_NOT_REQUIRED;
import static aftershock.engine.api.RejectReason.POST_ONLY_WOULD_TAKE;
import static aftershock.engine.api.RejectReason.PRICE_ABOVE_MAX;
import static aftershock.engine.api.RejectReason.PRICE_BELOW_MIN;
import static aftershock.engine.api.RejectReason.PRICE_NOT_POSITIVE;
import static aftershock.engine.api.RejectReason.PRICE_OFF_TICK;
import static aftershock.engine.api.RejectReason.QTY_ABOVE_MAX;
import static aftershock.engine.api.RejectReason.QTY_BELOW_MIN;
import static aftershock.engine.api.RejectReason.QTY_NOT_POSITIVE;
import static aftershock.engine.api.RejectReason.QTY_OFF_STEP;
import static aftershock.engine.api.RejectReason.REDUCE_ONLY_REJECTED;
import static aftershock.engine.api.RejectReason.STOP_PRICE_ABOVE_MAX;
import static aftershock.engine.api.RejectReason.STOP_PRICE_BELOW_MIN;
import static aftershock.engine.api.RejectReason.STOP_PRICE_NOT_POSITIVE;
import static aftershock.engine.api.RejectReason.STOP_PRICE_OFF_TICK;
import static aftershock.engine.api.RejectReason.STOP_WOULD_TRIGGER_IMMEDIATELY;
import static aftershock.engine.api.Side.BUY;
import static aftershock.engine.api.Side.SELL;
import static aftershock.engine.api.TestCommands.TS;
import static aftershock.engine.api.TestCommands.amend;
import static aftershock.engine.api.TestCommands.cancel;
import static aftershock.engine.api.TestCommands.cancelAll;
import static aftershock.engine.api.TestCommands.cancelByClientId;
import static aftershock.engine.api.TestCommands.e8;
import static aftershock.engine.api.TestCommands.gtc;
import static aftershock.engine.api.TestCommands.limit;
import static aftershock.engine.api.TestCommands.markPrice;
import static aftershock.engine.api.TestCommands.market;
import static aftershock.engine.api.TestCommands.stopLimit;
import static aftershock.engine.api.TestCommands.stopMarket;
import static aftershock.engine.api.TestCommands.takeProfitMarket;
import static aftershock.engine.api.TimeInForce.FOK;
import static aftershock.engine.api.TimeInForce.GTC;
import static aftershock.engine.api.TimeInForce.GTX;
import static aftershock.engine.api.TimeInForce.IOC;
import static aftershock.engine.api.WorkingType.CONTRACT_PRICE;
import static aftershock.engine.api.WorkingType.MARK_PRICE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Example tests of the venue's order semantics (Binance USDⓈ-M futures) on BTCUSDT: tick 0.10, step 0.001, min
 * notional 100 USDT. Each test drives {@link Venue#submit} with {@link Command} records and states the exact events
 * as {@link Event#toLogLine()} without its leading sequence number and timestamp (those are checked once, in
 * {@link EventNumbering}). Order ids and trade ids count from 1 in every test.
 */
class VenueTest {
    static final long ALICE = 1;
    static final long BOB = 2;
    static final long CAROL = 3;
    static final long DAN = 4;
    /** Bystanders that print one trade to give the venue a last price (see {@link #lastPriceIs}). */
    static final long PRINT_SELLER = 8;
    static final long PRINT_BUYER = 9;
    /** What the venue's own command factories use (Binance's default); written out where a test builds a command. */
    static final StpMode DEFAULT_STP = Command.PlaceOrder.DEFAULT_STP;

    final Venue venue = new Venue(Instruments.BTCUSDT);

    // ---- driving the venue ----

    /** Submits a command and returns its events as log lines without the "seq tsNanos " prefix. */
    List<String> submit(Command command) {
        return lines(venue.submit(command));
    }

    static List<String> lines(List<Event> events) {
        List<String> out = new ArrayList<>(events.size());
        for (Event e : events) {
            String line = e.toLogLine();
            String prefix = e.seq() + " " + e.tsNanos() + " ";
            assertTrue(line.startsWith(prefix), line);
            out.add(line.substring(prefix.length()));
        }
        return out;
    }

    /** Submits a command and asserts exactly these events, in this order (none if none are given). */
    void expect(Command command, String... events) {
        assertEquals(String.join("\n", events), String.join("\n", submit(command)));
    }

    /** Places a set-up order that must be accepted and rest (or wait for its trigger) untouched; returns its id. */
    long rest(Command.PlaceOrder order) {
        List<Event> events = venue.submit(order);
        assertEquals(1, events.size(), () -> "set-up order should only be accepted: " + lines(events));
        assertEquals(Event.Kind.ACCEPTED, events.get(0).kind(), () -> lines(events).toString());
        return ((Event.OrderAccepted) events.get(0)).orderId();
    }

    /** Prints one 0.1 BTC trade at {@code price} between the bystanders. Uses orders 1–2 and trade 1. */
    void lastPriceIs(String price) {
        assertEquals(1, rest(gtc(PRINT_SELLER, SELL, price, "0.1")));
        expect(market(PRINT_BUYER, BUY, "0.1"),
                "ACCEPTED order=2 account=9 client=0 BUY MARKET IOC price=0 qty=0.1 stop=0",
                "TRADE id=1 price=" + DecimalE8.format(e8(price)) + " qty=0.1 aggressor=BUY taker=2/9 maker=1/8");
        assertEquals(e8(price), venue.lastPriceE8());
    }

    static String rejectedPlace(long account, RejectReason reason) {
        return "REJECTED PLACE account=" + account + " client=0 order=0 reason=" + reason;
    }

    static RestingOrder resting(long orderId, long account, Side side, String price, String remaining, String total) {
        return new RestingOrder(orderId, account, side, e8(price), e8(remaining), e8(total));
    }

    static PriceLevel level(String price, String qty, int orders) {
        return new PriceLevel(e8(price), e8(qty), orders);
    }

    List<Long> idsInPriority(Side side) {
        List<Long> ids = new ArrayList<>();
        for (RestingOrder o : venue.l3(side)) {
            ids.add(o.orderId());
        }
        return ids;
    }

    // =================================================================================================
    @Nested
    class GtcLimitOrders {
        @Test
        void limitOrderThatDoesNotCrossRestsOnTheBook() {
            expect(gtc(ALICE, BUY, "108000.0", "0.5"),
                    "ACCEPTED order=1 account=1 client=0 BUY LIMIT GTC price=108000 qty=0.5 stop=0");

            assertEquals(List.of(resting(1, ALICE, BUY, "108000.0", "0.5", "0.5")), venue.l3(BUY));
            assertEquals(e8("108000.0"), venue.bestBidE8());
            assertEquals(0, venue.bestAskE8());
            assertEquals(0, venue.lastPriceE8());
        }

        @Test
        void makersAtOnePriceFillInArrivalOrder() {
            rest(gtc(ALICE, SELL, "108000.0", "0.2"));  // 1
            rest(gtc(BOB, SELL, "108000.0", "0.3"));    // 2
            rest(gtc(CAROL, SELL, "108000.0", "0.1"));  // 3

            expect(gtc(DAN, BUY, "108000.0", "0.4"),
                    "ACCEPTED order=4 account=4 client=0 BUY LIMIT GTC price=108000 qty=0.4 stop=0",
                    "TRADE id=1 price=108000 qty=0.2 aggressor=BUY taker=4/4 maker=1/1",
                    "TRADE id=2 price=108000 qty=0.2 aggressor=BUY taker=4/4 maker=2/2");

            assertEquals(List.of(
                    resting(2, BOB, SELL, "108000.0", "0.1", "0.3"),
                    resting(3, CAROL, SELL, "108000.0", "0.1", "0.1")), venue.l3(SELL));
            assertEquals(List.of(), venue.l3(BUY));
        }

        @Test
        void betterPriceFillsFirstAndEachTradeIsAtTheMakersPrice() {
            rest(gtc(ALICE, SELL, "108001.0", "0.1"));  // 1: first in time, but a worse price than 2
            rest(gtc(BOB, SELL, "108000.0", "0.2"));    // 2
            rest(gtc(CAROL, SELL, "108002.0", "0.3"));  // 3

            // The buyer would pay up to 108002 but trades at each maker's own price.
            expect(gtc(DAN, BUY, "108002.0", "0.5"),
                    "ACCEPTED order=4 account=4 client=0 BUY LIMIT GTC price=108002 qty=0.5 stop=0",
                    "TRADE id=1 price=108000 qty=0.2 aggressor=BUY taker=4/4 maker=2/2",
                    "TRADE id=2 price=108001 qty=0.1 aggressor=BUY taker=4/4 maker=1/1",
                    "TRADE id=3 price=108002 qty=0.2 aggressor=BUY taker=4/4 maker=3/3");

            assertEquals(List.of(resting(3, CAROL, SELL, "108002.0", "0.1", "0.3")), venue.l3(SELL));
            assertEquals(List.of(), venue.l3(BUY));
            assertEquals(e8("108002.0"), venue.lastPriceE8());
        }

        @Test
        void sellTakerHitsTheHighestBidFirstAndIsTheAggressor() {
            rest(gtc(ALICE, BUY, "107999.0", "0.3"));  // 1
            rest(gtc(BOB, BUY, "108000.0", "0.1"));    // 2

            expect(gtc(CAROL, SELL, "107999.0", "0.2"),
                    "ACCEPTED order=3 account=3 client=0 SELL LIMIT GTC price=107999 qty=0.2 stop=0",
                    "TRADE id=1 price=108000 qty=0.1 aggressor=SELL taker=3/3 maker=2/2",
                    "TRADE id=2 price=107999 qty=0.1 aggressor=SELL taker=3/3 maker=1/1");

            assertEquals(List.of(resting(1, ALICE, BUY, "107999.0", "0.2", "0.3")), venue.l3(BUY));
        }

        @Test
        void unfilledRemainderRestsAtTheLimitPrice() {
            rest(gtc(ALICE, SELL, "108000.0", "0.1"));  // 1
            rest(gtc(BOB, SELL, "108000.5", "0.1"));    // 2
            rest(gtc(BOB, SELL, "108001.0", "0.1"));    // 3: beyond the buyer's limit

            expect(gtc(DAN, BUY, "108000.5", "0.5"),
                    "ACCEPTED order=4 account=4 client=0 BUY LIMIT GTC price=108000.5 qty=0.5 stop=0",
                    "TRADE id=1 price=108000 qty=0.1 aggressor=BUY taker=4/4 maker=1/1",
                    "TRADE id=2 price=108000.5 qty=0.1 aggressor=BUY taker=4/4 maker=2/2");

            assertEquals(List.of(resting(4, DAN, BUY, "108000.5", "0.3", "0.5")), venue.l3(BUY));
            assertEquals(e8("108000.5"), venue.bestBidE8());
            assertEquals(e8("108001.0"), venue.bestAskE8());
        }
    }

    // =================================================================================================
    @Nested
    class TimeInForceRules {
        @Test
        void iocTradesWhatItCanThenExpiresTheRemainder() {
            rest(gtc(ALICE, SELL, "108000.0", "0.2"));  // 1
            rest(gtc(BOB, SELL, "108010.0", "0.2"));    // 2: above the IOC's limit

            expect(limit(DAN, BUY, IOC, "108000.0", "0.5"),
                    "ACCEPTED order=3 account=4 client=0 BUY LIMIT IOC price=108000 qty=0.5 stop=0",
                    "TRADE id=1 price=108000 qty=0.2 aggressor=BUY taker=3/4 maker=1/1",
                    "EXPIRED order=3 account=4 remaining=0.3 reason=IOC_REMAINDER");

            assertEquals(List.of(), venue.l3(BUY));
            assertEquals(List.of(resting(2, BOB, SELL, "108010.0", "0.2", "0.2")), venue.l3(SELL));
        }

        @Test
        void fokThatCannotFillInFullIsRejectedAndLeavesTheBookUntouched() {
            rest(gtc(ALICE, SELL, "108000.0", "0.2"));  // 1
            rest(gtc(BOB, SELL, "108010.0", "0.2"));    // 2

            // Binance (-5021, since 2023-03-22) rejects a FOK order that cannot be filled in full, rather than
            // accepting and expiring it. 0.4 is offered up to 108010: 0.5 cannot be filled.
            expect(limit(DAN, BUY, FOK, "108010.0", "0.5"), rejectedPlace(DAN, FOK_WOULD_NOT_FILL));
            // Only 0.2 is offered at or below 108000: the limit bounds what counts.
            expect(limit(DAN, BUY, FOK, "108000.0", "0.3"), rejectedPlace(DAN, FOK_WOULD_NOT_FILL));

            assertEquals(List.of(level("108000.0", "0.2", 1), level("108010.0", "0.2", 1)), venue.depth(SELL, 10));
            assertEquals(List.of(), venue.l3(BUY));
            assertEquals(0, venue.lastPriceE8());
            assertEquals(2, venue.book().lastOrderId());
        }

        @Test
        void triggeredFokStopThatCannotFillInFullExpiresWithoutTrading() {
            lastPriceIs("108000.0");                    // orders 1-2, trade 1
            rest(gtc(ALICE, SELL, "108100.0", "0.1"));  // 3
            rest(new Command.PlaceOrder(TS, CAROL, 0, BUY, OrderType.STOP, FOK, e8("108100.0"), e8("0.3"),
                    e8("108100.0"), CONTRACT_PRICE, false, DEFAULT_STP));  // 4: fillability is checked when it fires

            expect(market(DAN, BUY, "0.05"),
                    "ACCEPTED order=5 account=4 client=0 BUY MARKET IOC price=0 qty=0.05 stop=0",
                    "TRADE id=2 price=108100 qty=0.05 aggressor=BUY taker=5/4 maker=3/1",
                    "TRIGGERED order=4 account=3 stop=108100 on=CONTRACT_PRICE at=108100",
                    "EXPIRED order=4 account=3 remaining=0.3 reason=FOK_NOT_FILLED");

            assertEquals(List.of(resting(3, ALICE, SELL, "108100.0", "0.05", "0.1")), venue.l3(SELL));
            assertEquals(List.of(), venue.l3(BUY));
        }

        @Test
        void fokThatCanFillInFullFillsAcrossLevels() {
            rest(gtc(ALICE, SELL, "108000.0", "0.2"));  // 1
            rest(gtc(BOB, SELL, "108010.0", "0.2"));    // 2

            expect(limit(DAN, BUY, FOK, "108010.0", "0.4"),
                    "ACCEPTED order=3 account=4 client=0 BUY LIMIT FOK price=108010 qty=0.4 stop=0",
                    "TRADE id=1 price=108000 qty=0.2 aggressor=BUY taker=3/4 maker=1/1",
                    "TRADE id=2 price=108010 qty=0.2 aggressor=BUY taker=3/4 maker=2/2");

            assertEquals(List.of(), venue.depth(SELL, 10));
            assertEquals(List.of(), venue.depth(BUY, 10));
        }

        @Test
        void gtxOrderThatWouldTakeIsRejected() {
            rest(gtc(ALICE, SELL, "108000.0", "0.2"));  // 1

            expect(limit(BOB, BUY, GTX, "108000.0", "0.1"), rejectedPlace(BOB, POST_ONLY_WOULD_TAKE));
            expect(limit(BOB, BUY, GTX, "108050.0", "0.1"), rejectedPlace(BOB, POST_ONLY_WOULD_TAKE));

            assertEquals(List.of(level("108000.0", "0.2", 1)), venue.depth(SELL, 10));
            assertEquals(List.of(), venue.l3(BUY));
        }

        @Test
        void gtxOrderThatWouldNotTakeRestsAsMaker() {
            rest(gtc(ALICE, SELL, "108000.0", "0.2"));  // 1

            expect(limit(BOB, BUY, GTX, "107999.9", "0.1"),
                    "ACCEPTED order=2 account=2 client=0 BUY LIMIT GTX price=107999.9 qty=0.1 stop=0");

            assertEquals(List.of(resting(2, BOB, BUY, "107999.9", "0.1", "0.1")), venue.l3(BUY));
        }
    }

    // =================================================================================================
    @Nested
    class MarketOrders {
        @Test
        void marketOrderSweepsLevelsBestFirst() {
            rest(gtc(ALICE, SELL, "108000.0", "0.1"));  // 1
            rest(gtc(BOB, SELL, "108050.0", "0.2"));    // 2
            rest(gtc(CAROL, SELL, "108100.0", "0.3"));  // 3

            expect(market(DAN, BUY, "0.4"),
                    "ACCEPTED order=4 account=4 client=0 BUY MARKET IOC price=0 qty=0.4 stop=0",
                    "TRADE id=1 price=108000 qty=0.1 aggressor=BUY taker=4/4 maker=1/1",
                    "TRADE id=2 price=108050 qty=0.2 aggressor=BUY taker=4/4 maker=2/2",
                    "TRADE id=3 price=108100 qty=0.1 aggressor=BUY taker=4/4 maker=3/3");

            assertEquals(List.of(resting(3, CAROL, SELL, "108100.0", "0.2", "0.3")), venue.l3(SELL));
            assertEquals(e8("108100.0"), venue.lastPriceE8());
        }

        @Test
        void marketOrderExpiresWhatTheBookCannotFill() {
            rest(gtc(ALICE, BUY, "108000.0", "0.1"));  // 1

            expect(market(DAN, SELL, "0.3"),
                    "ACCEPTED order=2 account=4 client=0 SELL MARKET IOC price=0 qty=0.3 stop=0",
                    "TRADE id=1 price=108000 qty=0.1 aggressor=SELL taker=2/4 maker=1/1",
                    "EXPIRED order=2 account=4 remaining=0.2 reason=NO_LIQUIDITY");

            assertEquals(List.of(), venue.l3(BUY));
            assertEquals(List.of(), venue.l3(SELL));
        }

        @Test
        void marketOrderAgainstAnEmptySideExpiresWhole() {
            rest(gtc(ALICE, SELL, "108000.0", "0.1"));  // 1: asks only; a market sell needs bids

            expect(market(DAN, SELL, "0.1"),
                    "ACCEPTED order=2 account=4 client=0 SELL MARKET IOC price=0 qty=0.1 stop=0",
                    "EXPIRED order=2 account=4 remaining=0.1 reason=NO_LIQUIDITY");

            assertEquals(List.of(resting(1, ALICE, SELL, "108000.0", "0.1", "0.1")), venue.l3(SELL));
        }

        @Test
        void timeInForceOfAMarketOrderIsIgnored() {
            rest(gtc(ALICE, SELL, "108000.0", "0.1"));  // 1

            expect(new Command.PlaceOrder(TS, DAN, 0, BUY, OrderType.MARKET, null, 0, e8("0.1"), 0, null, false,
                            DEFAULT_STP),
                    "ACCEPTED order=2 account=4 client=0 BUY MARKET IOC price=0 qty=0.1 stop=0",
                    "TRADE id=1 price=108000 qty=0.1 aggressor=BUY taker=2/4 maker=1/1");
        }
    }

    // =================================================================================================
    @Nested
    class TriggeredOrders {
        @Test
        void buyStopMarketFiresWhenTheLastPriceRisesToItsStop() {
            lastPriceIs("108000.0");                    // orders 1-2, trade 1
            rest(gtc(ALICE, SELL, "108050.0", "0.1"));  // 3
            rest(gtc(ALICE, SELL, "108100.0", "0.1"));  // 4
            rest(gtc(ALICE, SELL, "108200.0", "0.5"));  // 5
            expect(stopMarket(CAROL, BUY, "108100.0", "0.2", CONTRACT_PRICE),
                    "ACCEPTED order=6 account=3 client=0 BUY STOP_MARKET IOC price=0 qty=0.2 stop=108100");
            assertTrue(venue.book().isUntriggered(6));

            // A rise short of the stop does not fire it.
            expect(market(DAN, BUY, "0.1"),
                    "ACCEPTED order=7 account=4 client=0 BUY MARKET IOC price=0 qty=0.1 stop=0",
                    "TRADE id=2 price=108050 qty=0.1 aggressor=BUY taker=7/4 maker=3/1");
            assertTrue(venue.book().isUntriggered(6));

            // A trade at the stop fires it; it then buys as a market order.
            expect(market(DAN, BUY, "0.05"),
                    "ACCEPTED order=8 account=4 client=0 BUY MARKET IOC price=0 qty=0.05 stop=0",
                    "TRADE id=3 price=108100 qty=0.05 aggressor=BUY taker=8/4 maker=4/1",
                    "TRIGGERED order=6 account=3 stop=108100 on=CONTRACT_PRICE at=108100",
                    "TRADE id=4 price=108100 qty=0.05 aggressor=BUY taker=6/3 maker=4/1",
                    "TRADE id=5 price=108200 qty=0.15 aggressor=BUY taker=6/3 maker=5/1");
            assertFalse(venue.book().isUntriggered(6));
            assertEquals(-1, venue.book().remainingLots(6));
        }

        @Test
        void sellStopMarketFiresWhenTheLastPriceFallsToItsStop() {
            lastPriceIs("108000.0");                    // orders 1-2, trade 1
            rest(gtc(ALICE, BUY, "107900.0", "0.1"));   // 3
            rest(gtc(ALICE, BUY, "107800.0", "1.0"));   // 4
            expect(stopMarket(CAROL, SELL, "107900.0", "0.3", CONTRACT_PRICE),
                    "ACCEPTED order=5 account=3 client=0 SELL STOP_MARKET IOC price=0 qty=0.3 stop=107900");

            expect(market(DAN, SELL, "0.05"),
                    "ACCEPTED order=6 account=4 client=0 SELL MARKET IOC price=0 qty=0.05 stop=0",
                    "TRADE id=2 price=107900 qty=0.05 aggressor=SELL taker=6/4 maker=3/1",
                    "TRIGGERED order=5 account=3 stop=107900 on=CONTRACT_PRICE at=107900",
                    "TRADE id=3 price=107900 qty=0.05 aggressor=SELL taker=5/3 maker=3/1",
                    "TRADE id=4 price=107800 qty=0.25 aggressor=SELL taker=5/3 maker=4/1");
        }

        @Test
        void takeProfitSellFiresOnARiseWhileTakeProfitBuyWaitsForAFall() {
            lastPriceIs("108000.0");                    // orders 1-2, trade 1
            rest(gtc(ALICE, BUY, "108000.0", "1.0"));   // 3: the bid the take-profit sell will hit
            rest(gtc(ALICE, SELL, "108100.0", "0.1"));  // 4
            expect(takeProfitMarket(CAROL, SELL, "108100.0", "0.2", CONTRACT_PRICE),
                    "ACCEPTED order=5 account=3 client=0 SELL TAKE_PROFIT_MARKET IOC price=0 qty=0.2 stop=108100");
            expect(takeProfitMarket(CAROL, BUY, "107900.0", "0.2", CONTRACT_PRICE),
                    "ACCEPTED order=6 account=3 client=0 BUY TAKE_PROFIT_MARKET IOC price=0 qty=0.2 stop=107900");

            expect(market(DAN, BUY, "0.1"),
                    "ACCEPTED order=7 account=4 client=0 BUY MARKET IOC price=0 qty=0.1 stop=0",
                    "TRADE id=2 price=108100 qty=0.1 aggressor=BUY taker=7/4 maker=4/1",
                    "TRIGGERED order=5 account=3 stop=108100 on=CONTRACT_PRICE at=108100",
                    "TRADE id=3 price=108000 qty=0.2 aggressor=SELL taker=5/3 maker=3/1");

            assertTrue(venue.book().isUntriggered(6));
        }

        @Test
        void takeProfitBuyFiresWhenTheLastPriceFallsToItsStop() {
            lastPriceIs("108000.0");                    // orders 1-2, trade 1
            rest(gtc(ALICE, BUY, "107900.0", "0.1"));   // 3
            rest(gtc(BOB, SELL, "107950.0", "0.5"));    // 4: the ask the take-profit buy will lift
            expect(takeProfitMarket(CAROL, BUY, "107900.0", "0.2", CONTRACT_PRICE),
                    "ACCEPTED order=5 account=3 client=0 BUY TAKE_PROFIT_MARKET IOC price=0 qty=0.2 stop=107900");

            expect(market(DAN, SELL, "0.1"),
                    "ACCEPTED order=6 account=4 client=0 SELL MARKET IOC price=0 qty=0.1 stop=0",
                    "TRADE id=2 price=107900 qty=0.1 aggressor=SELL taker=6/4 maker=3/1",
                    "TRIGGERED order=5 account=3 stop=107900 on=CONTRACT_PRICE at=107900",
                    "TRADE id=3 price=107950 qty=0.2 aggressor=BUY taker=5/3 maker=4/2");
        }

        @Test
        void stopThatWouldTriggerImmediatelyIsRejected() {
            lastPriceIs("108000.0");

            // At a last price of 108000: a STOP buy fires at or above its stop, a STOP sell at or below;
            // TAKE_PROFIT the other way round. Each of these would fire at once.
            expect(stopMarket(CAROL, BUY, "108000.0", "0.1", CONTRACT_PRICE),
                    rejectedPlace(CAROL, STOP_WOULD_TRIGGER_IMMEDIATELY));
            expect(stopMarket(CAROL, BUY, "107900.0", "0.1", CONTRACT_PRICE),
                    rejectedPlace(CAROL, STOP_WOULD_TRIGGER_IMMEDIATELY));
            expect(stopMarket(CAROL, SELL, "108000.0", "0.1", CONTRACT_PRICE),
                    rejectedPlace(CAROL, STOP_WOULD_TRIGGER_IMMEDIATELY));
            expect(takeProfitMarket(CAROL, SELL, "107900.0", "0.1", CONTRACT_PRICE),
                    rejectedPlace(CAROL, STOP_WOULD_TRIGGER_IMMEDIATELY));
            expect(takeProfitMarket(CAROL, BUY, "108100.0", "0.1", CONTRACT_PRICE),
                    rejectedPlace(CAROL, STOP_WOULD_TRIGGER_IMMEDIATELY));

            // One tick away on the waiting side is fine.
            expect(stopMarket(CAROL, BUY, "108000.1", "0.1", CONTRACT_PRICE),
                    "ACCEPTED order=3 account=3 client=0 BUY STOP_MARKET IOC price=0 qty=0.1 stop=108000.1");
            expect(stopMarket(CAROL, SELL, "107999.9", "0.1", CONTRACT_PRICE),
                    "ACCEPTED order=4 account=3 client=0 SELL STOP_MARKET IOC price=0 qty=0.1 stop=107999.9");
        }

        @Test
        void markPriceStopWatchesTheMarkNotTheLastPrice() {
            lastPriceIs("108000.0");                    // orders 1-2, trade 1
            rest(gtc(ALICE, BUY, "107500.0", "1.0"));   // 3
            expect(stopMarket(CAROL, SELL, "107900.0", "0.2", MARK_PRICE),
                    "ACCEPTED order=4 account=3 client=0 SELL STOP_MARKET IOC price=0 qty=0.2 stop=107900");

            // The last price falls through the stop: a MARK_PRICE stop ignores it.
            expect(market(BOB, SELL, "0.1"),
                    "ACCEPTED order=5 account=2 client=0 SELL MARKET IOC price=0 qty=0.1 stop=0",
                    "TRADE id=2 price=107500 qty=0.1 aggressor=SELL taker=5/2 maker=3/1");
            assertTrue(venue.book().isUntriggered(4));

            // The mark need not be on the tick. Just above the stop nothing fires; just below, the stop fires.
            expect(markPrice("107900.05"));
            expect(markPrice("107899.99"),
                    "TRIGGERED order=4 account=3 stop=107900 on=MARK_PRICE at=107899.99",
                    "TRADE id=3 price=107500 qty=0.2 aggressor=SELL taker=4/3 maker=3/1");
        }

        @Test
        void markPriceStopThatWouldTriggerImmediatelyIsRejected() {
            expect(markPrice("108000.0"));

            expect(stopMarket(CAROL, BUY, "107900.0", "0.1", MARK_PRICE),
                    rejectedPlace(CAROL, STOP_WOULD_TRIGGER_IMMEDIATELY));
            expect(stopMarket(CAROL, BUY, "108000.1", "0.1", MARK_PRICE),
                    "ACCEPTED order=1 account=3 client=0 BUY STOP_MARKET IOC price=0 qty=0.1 stop=108000.1");
        }

        @Test
        void fillsOfATriggeredStopCanTriggerTheNextStop() {
            lastPriceIs("108000.0");                    // orders 1-2, trade 1
            rest(gtc(ALICE, BUY, "107900.0", "0.1"));   // 3
            rest(gtc(ALICE, BUY, "107800.0", "0.1"));   // 4
            rest(gtc(ALICE, BUY, "107000.0", "1.0"));   // 5
            rest(stopMarket(BOB, SELL, "107900.0", "0.1", CONTRACT_PRICE));    // 6
            rest(stopMarket(CAROL, SELL, "107800.0", "0.2", CONTRACT_PRICE));  // 7

            // Dan's sale prints 107900 and fires Bob's stop; Bob's sale prints 107800 and fires Carol's.
            expect(market(DAN, SELL, "0.1"),
                    "ACCEPTED order=8 account=4 client=0 SELL MARKET IOC price=0 qty=0.1 stop=0",
                    "TRADE id=2 price=107900 qty=0.1 aggressor=SELL taker=8/4 maker=3/1",
                    "TRIGGERED order=6 account=2 stop=107900 on=CONTRACT_PRICE at=107900",
                    "TRADE id=3 price=107800 qty=0.1 aggressor=SELL taker=6/2 maker=4/1",
                    "TRIGGERED order=7 account=3 stop=107800 on=CONTRACT_PRICE at=107800",
                    "TRADE id=4 price=107000 qty=0.2 aggressor=SELL taker=7/3 maker=5/1");

            assertEquals(e8("107000.0"), venue.lastPriceE8());
            assertEquals(List.of(resting(5, ALICE, BUY, "107000.0", "0.8", "1.0")), venue.l3(BUY));
        }

        @Test
        void stopsAtTheSamePriceFireInPlacementOrder() {
            lastPriceIs("108000.0");                    // orders 1-2, trade 1
            rest(gtc(ALICE, BUY, "107900.0", "1.0"));   // 3
            rest(stopMarket(CAROL, SELL, "107900.0", "0.1", CONTRACT_PRICE));  // 4
            rest(stopMarket(BOB, SELL, "107900.0", "0.1", CONTRACT_PRICE));    // 5

            expect(market(DAN, SELL, "0.1"),
                    "ACCEPTED order=6 account=4 client=0 SELL MARKET IOC price=0 qty=0.1 stop=0",
                    "TRADE id=2 price=107900 qty=0.1 aggressor=SELL taker=6/4 maker=3/1",
                    "TRIGGERED order=4 account=3 stop=107900 on=CONTRACT_PRICE at=107900",
                    "TRADE id=3 price=107900 qty=0.1 aggressor=SELL taker=4/3 maker=3/1",
                    "TRIGGERED order=5 account=2 stop=107900 on=CONTRACT_PRICE at=107900",
                    "TRADE id=4 price=107900 qty=0.1 aggressor=SELL taker=5/2 maker=3/1");
        }

        @Test
        void stopLimitOrderRestsAtItsLimitPriceAfterTriggering() {
            lastPriceIs("108000.0");                    // orders 1-2, trade 1
            rest(gtc(ALICE, SELL, "108100.0", "0.1"));  // 3
            expect(stopLimit(CAROL, BUY, "108100.0", "108150.0", "0.3"),
                    "ACCEPTED order=4 account=3 client=0 BUY STOP GTC price=108150 qty=0.3 stop=108100");
            assertEquals(List.of(), venue.l3(BUY), "an untriggered order is not on the book");

            expect(market(DAN, BUY, "0.05"),
                    "ACCEPTED order=5 account=4 client=0 BUY MARKET IOC price=0 qty=0.05 stop=0",
                    "TRADE id=2 price=108100 qty=0.05 aggressor=BUY taker=5/4 maker=3/1",
                    "TRIGGERED order=4 account=3 stop=108100 on=CONTRACT_PRICE at=108100",
                    "TRADE id=3 price=108100 qty=0.05 aggressor=BUY taker=4/3 maker=3/1");

            assertEquals(List.of(resting(4, CAROL, BUY, "108150.0", "0.25", "0.3")), venue.l3(BUY));
            assertFalse(venue.book().isUntriggered(4));
        }

        @Test
        void triggeredStopMarketExpiresWhatTheBookCannotFill() {
            // ExpireReason's javadoc on IOC_REMAINDER mentions "a triggered market order's" remainder, but the
            // book (and the reference book) report NO_LIQUIDITY, like any market order: this pins the latter.
            lastPriceIs("108000.0");                    // orders 1-2, trade 1
            rest(gtc(ALICE, BUY, "107900.0", "0.1"));   // 3
            rest(stopMarket(CAROL, SELL, "107900.0", "0.5", CONTRACT_PRICE));  // 4

            expect(market(DAN, SELL, "0.05"),
                    "ACCEPTED order=5 account=4 client=0 SELL MARKET IOC price=0 qty=0.05 stop=0",
                    "TRADE id=2 price=107900 qty=0.05 aggressor=SELL taker=5/4 maker=3/1",
                    "TRIGGERED order=4 account=3 stop=107900 on=CONTRACT_PRICE at=107900",
                    "TRADE id=3 price=107900 qty=0.05 aggressor=SELL taker=4/3 maker=3/1",
                    "EXPIRED order=4 account=3 remaining=0.45 reason=NO_LIQUIDITY");
        }
    }

    // =================================================================================================
    @Nested
    class SelfTradePrevention {
        /** Asks: Bob 0.1 @ 108000 (1), Alice 0.1 @ 108000 (2, behind Bob), Bob 0.1 @ 108010 (3). */
        void asksWithAliceBehindBob() {
            rest(gtc(BOB, SELL, "108000.0", "0.1"));
            rest(gtc(ALICE, SELL, "108000.0", "0.1"));
            rest(gtc(BOB, SELL, "108010.0", "0.1"));
        }

        @Test
        void expireTakerStopsTheTakerAtItsOwnOrder() {
            asksWithAliceBehindBob();

            expect(gtc(ALICE, BUY, "108010.0", "0.3").withStp(StpMode.EXPIRE_TAKER),
                    "ACCEPTED order=4 account=1 client=0 BUY LIMIT GTC price=108010 qty=0.3 stop=0",
                    "TRADE id=1 price=108000 qty=0.1 aggressor=BUY taker=4/1 maker=1/2",
                    "EXPIRED order=4 account=1 remaining=0.2 reason=STP_TAKER");

            assertEquals(List.of(
                    resting(2, ALICE, SELL, "108000.0", "0.1", "0.1"),
                    resting(3, BOB, SELL, "108010.0", "0.1", "0.1")), venue.l3(SELL));
            assertEquals(List.of(), venue.l3(BUY));
        }

        @Test
        void expireMakerRemovesTheOwnOrderAndMatchingGoesOn() {
            asksWithAliceBehindBob();

            expect(gtc(ALICE, BUY, "108010.0", "0.3").withStp(StpMode.EXPIRE_MAKER),
                    "ACCEPTED order=4 account=1 client=0 BUY LIMIT GTC price=108010 qty=0.3 stop=0",
                    "TRADE id=1 price=108000 qty=0.1 aggressor=BUY taker=4/1 maker=1/2",
                    "EXPIRED order=2 account=1 remaining=0.1 reason=STP_MAKER",
                    "TRADE id=2 price=108010 qty=0.1 aggressor=BUY taker=4/1 maker=3/2");

            assertEquals(List.of(), venue.l3(SELL));
            assertEquals(List.of(resting(4, ALICE, BUY, "108010.0", "0.1", "0.3")), venue.l3(BUY));
        }

        @Test
        void expireBothRemovesTheOwnOrderAndStopsTheTaker() {
            asksWithAliceBehindBob();

            expect(gtc(ALICE, BUY, "108010.0", "0.3").withStp(StpMode.EXPIRE_BOTH),
                    "ACCEPTED order=4 account=1 client=0 BUY LIMIT GTC price=108010 qty=0.3 stop=0",
                    "TRADE id=1 price=108000 qty=0.1 aggressor=BUY taker=4/1 maker=1/2",
                    "EXPIRED order=2 account=1 remaining=0.1 reason=STP_MAKER",
                    "EXPIRED order=4 account=1 remaining=0.2 reason=STP_TAKER");

            assertEquals(List.of(resting(3, BOB, SELL, "108010.0", "0.1", "0.1")), venue.l3(SELL));
            assertEquals(List.of(), venue.l3(BUY));
        }

        @Test
        void noneLetsTheSelfTradeHappen() {
            asksWithAliceBehindBob();

            expect(gtc(ALICE, BUY, "108010.0", "0.3").withStp(StpMode.NONE),
                    "ACCEPTED order=4 account=1 client=0 BUY LIMIT GTC price=108010 qty=0.3 stop=0",
                    "TRADE id=1 price=108000 qty=0.1 aggressor=BUY taker=4/1 maker=1/2",
                    "TRADE id=2 price=108000 qty=0.1 aggressor=BUY taker=4/1 maker=2/1",
                    "TRADE id=3 price=108010 qty=0.1 aggressor=BUY taker=4/1 maker=3/2");

            assertEquals(List.of(), venue.l3(SELL));
            assertEquals(List.of(), venue.l3(BUY));
        }

        @Test
        void theTakersModeDecidesNotTheMakers() {
            rest(gtc(ALICE, SELL, "108000.0", "0.1").withStp(StpMode.EXPIRE_BOTH));  // 1

            expect(gtc(ALICE, BUY, "108000.0", "0.1").withStp(StpMode.NONE),
                    "ACCEPTED order=2 account=1 client=0 BUY LIMIT GTC price=108000 qty=0.1 stop=0",
                    "TRADE id=1 price=108000 qty=0.1 aggressor=BUY taker=2/1 maker=1/1");
        }

        @Test
        void commandFactoriesDefaultToExpireMaker() {
            // Binance USDⓈ-M's default since 2024-12-10.
            assertEquals(StpMode.EXPIRE_MAKER, DEFAULT_STP);
            rest(gtc(ALICE, SELL, "108000.0", "0.1"));  // 1

            expect(Command.PlaceOrder.limit(TS, ALICE, BUY, GTC, e8("108000.0"), e8("0.1")),
                    "ACCEPTED order=2 account=1 client=0 BUY LIMIT GTC price=108000 qty=0.1 stop=0",
                    "EXPIRED order=1 account=1 remaining=0.1 reason=STP_MAKER");

            assertEquals(List.of(resting(2, ALICE, BUY, "108000.0", "0.1", "0.1")), venue.l3(BUY));
            assertEquals(List.of(), venue.l3(SELL));
        }
    }

    // =================================================================================================
    @Nested
    class Cancels {
        @Test
        void cancelByOrderIdRemovesTheOrderAndReportsWhatWasLeft() {
            rest(gtc(ALICE, BUY, "108000.0", "0.5"));  // 1
            expect(market(BOB, SELL, "0.2"),
                    "ACCEPTED order=2 account=2 client=0 SELL MARKET IOC price=0 qty=0.2 stop=0",
                    "TRADE id=1 price=108000 qty=0.2 aggressor=SELL taker=2/2 maker=1/1");

            expect(cancel(ALICE, 1), "CANCELLED order=1 account=1 remaining=0.3 reason=USER");

            assertEquals(List.of(), venue.l3(BUY));
            assertEquals(0, venue.book().openOrderCount());
        }

        @Test
        void cancelByClientOrderIdWhenTheOrderIdIsZero() {
            rest(gtc(ALICE, BUY, "108000.0", "0.5").withClientOrderId(42));  // 1

            expect(cancelByClientId(ALICE, 42), "CANCELLED order=1 account=1 remaining=0.5 reason=USER");

            assertEquals(List.of(), venue.l3(BUY));
        }

        @Test
        void cancelOfAnotherAccountsOrderIsRejectedAsUnknown() {
            rest(gtc(ALICE, BUY, "108000.0", "0.5").withClientOrderId(42));  // 1

            expect(cancel(BOB, 1), "REJECTED CANCEL account=2 client=0 order=1 reason=UNKNOWN_ORDER");
            expect(cancelByClientId(BOB, 42), "REJECTED CANCEL account=2 client=42 order=0 reason=UNKNOWN_ORDER");

            assertEquals(List.of(resting(1, ALICE, BUY, "108000.0", "0.5", "0.5")), venue.l3(BUY));
        }

        @Test
        void cancelOfAClosedOrNeverPlacedOrderIsRejectedAsUnknown() {
            rest(gtc(ALICE, BUY, "108000.0", "0.5"));  // 1
            expect(cancel(ALICE, 1), "CANCELLED order=1 account=1 remaining=0.5 reason=USER");

            expect(cancel(ALICE, 1), "REJECTED CANCEL account=1 client=0 order=1 reason=UNKNOWN_ORDER");
            expect(cancel(ALICE, 999), "REJECTED CANCEL account=1 client=0 order=999 reason=UNKNOWN_ORDER");
            expect(cancelByClientId(ALICE, 7), "REJECTED CANCEL account=1 client=7 order=0 reason=UNKNOWN_ORDER");
        }

        @Test
        void cancelAllCancelsTheAccountsRestingAndUntriggeredOrdersOldestFirst() {
            lastPriceIs("108000.0");                                            // orders 1-2
            rest(gtc(CAROL, BUY, "107000.0", "0.1"));                           // 3
            rest(stopMarket(CAROL, SELL, "107500.0", "0.1", CONTRACT_PRICE));   // 4
            rest(gtc(DAN, BUY, "107100.0", "0.1"));                             // 5: Dan's, stays
            rest(gtc(CAROL, SELL, "109000.0", "0.1"));                          // 6

            expect(cancelAll(CAROL),
                    "CANCELLED order=3 account=3 remaining=0.1 reason=CANCEL_ALL",
                    "CANCELLED order=4 account=3 remaining=0.1 reason=CANCEL_ALL",
                    "CANCELLED order=6 account=3 remaining=0.1 reason=CANCEL_ALL");

            assertEquals(List.of(resting(5, DAN, BUY, "107100.0", "0.1", "0.1")), venue.l3(BUY));
            assertEquals(List.of(), venue.l3(SELL));
            assertEquals(1, venue.book().openOrderCount());
            assertFalse(venue.book().isUntriggered(4));
        }

        @Test
        void cancelAllWithNothingOpenProducesNoEvents() {
            rest(gtc(DAN, BUY, "107100.0", "0.1"));  // 1: another account's

            expect(cancelAll(CAROL));

            assertEquals(1, venue.book().openOrderCount());
        }
    }

    // =================================================================================================
    @Nested
    class ClientOrderIds {
        @Test
        void duplicateClientOrderIdAmongTheAccountsOpenOrdersIsRejected() {
            lastPriceIs("108000.0");                                                          // orders 1-2
            rest(gtc(ALICE, BUY, "108000.0", "0.1").withClientOrderId(7));                    // 3
            rest(stopMarket(ALICE, SELL, "107000.0", "0.1", CONTRACT_PRICE).withClientOrderId(8));  // 4

            expect(gtc(ALICE, BUY, "107000.0", "0.1").withClientOrderId(7),
                    "REJECTED PLACE account=1 client=7 order=0 reason=DUPLICATE_CLIENT_ORDER_ID");
            // An untriggered order holds its client id too.
            expect(gtc(ALICE, BUY, "107000.0", "0.1").withClientOrderId(8),
                    "REJECTED PLACE account=1 client=8 order=0 reason=DUPLICATE_CLIENT_ORDER_ID");
            // Client ids are per account.
            expect(gtc(BOB, BUY, "107000.0", "0.1").withClientOrderId(7),
                    "ACCEPTED order=5 account=2 client=7 BUY LIMIT GTC price=107000 qty=0.1 stop=0");
        }

        @Test
        void clientOrderIdMayBeReusedOnceTheFirstOrderIsClosed() {
            rest(gtc(ALICE, BUY, "108000.0", "0.1").withClientOrderId(7));  // 1
            expect(cancel(ALICE, 1), "CANCELLED order=1 account=1 remaining=0.1 reason=USER");

            expect(gtc(ALICE, BUY, "108000.0", "0.1").withClientOrderId(7),
                    "ACCEPTED order=2 account=1 client=7 BUY LIMIT GTC price=108000 qty=0.1 stop=0");

            // Closed by a fill this time.
            expect(market(BOB, SELL, "0.1"),
                    "ACCEPTED order=3 account=2 client=0 SELL MARKET IOC price=0 qty=0.1 stop=0",
                    "TRADE id=1 price=108000 qty=0.1 aggressor=SELL taker=3/2 maker=2/1");
            expect(gtc(ALICE, BUY, "108000.0", "0.1").withClientOrderId(7),
                    "ACCEPTED order=4 account=1 client=7 BUY LIMIT GTC price=108000 qty=0.1 stop=0");
        }
    }

    // =================================================================================================
    @Nested
    class Amend {
        @Test
        void quantityDecreaseKeepsTimePriority() {
            rest(gtc(ALICE, BUY, "108000.0", "0.5"));  // 1
            rest(gtc(BOB, BUY, "108000.0", "0.3"));    // 2

            expect(amend(ALICE, 1, "108000.0", "0.2"),
                    "AMENDED order=1 account=1 price=108000 qty=0.2 remaining=0.2 priorityKept");

            assertEquals(List.of(1L, 2L), idsInPriority(BUY));
            expect(market(CAROL, SELL, "0.2"),
                    "ACCEPTED order=3 account=3 client=0 SELL MARKET IOC price=0 qty=0.2 stop=0",
                    "TRADE id=1 price=108000 qty=0.2 aggressor=SELL taker=3/3 maker=1/1");
        }

        @Test
        void quantityIncreaseLosesTimePriority() {
            rest(gtc(ALICE, BUY, "108000.0", "0.5"));  // 1
            rest(gtc(BOB, BUY, "108000.0", "0.3"));    // 2

            expect(amend(ALICE, 1, "108000.0", "0.6"),
                    "AMENDED order=1 account=1 price=108000 qty=0.6 remaining=0.6 priorityLost");

            assertEquals(List.of(2L, 1L), idsInPriority(BUY));
            expect(market(CAROL, SELL, "0.3"),
                    "ACCEPTED order=3 account=3 client=0 SELL MARKET IOC price=0 qty=0.3 stop=0",
                    "TRADE id=1 price=108000 qty=0.3 aggressor=SELL taker=3/3 maker=2/2");
        }

        @Test
        void priceChangeLosesTimePriority() {
            rest(gtc(ALICE, BUY, "107990.0", "0.5"));  // 1
            rest(gtc(BOB, BUY, "108000.0", "0.3"));    // 2

            expect(amend(ALICE, 1, "108000.0", "0.4"),
                    "AMENDED order=1 account=1 price=108000 qty=0.4 remaining=0.4 priorityLost");

            assertEquals(List.of(2L, 1L), idsInPriority(BUY));
            assertEquals(List.of(level("108000.0", "0.7", 2)), venue.depth(BUY, 10));
        }

        @Test
        void amendToACrossingPriceTradesAtOnce() {
            rest(gtc(BOB, SELL, "108010.0", "0.2"));    // 1
            rest(gtc(ALICE, BUY, "108000.0", "0.5"));   // 2

            expect(amend(ALICE, 2, "108010.0", "0.5"),
                    "AMENDED order=2 account=1 price=108010 qty=0.5 remaining=0.5 priorityLost",
                    "TRADE id=1 price=108010 qty=0.2 aggressor=BUY taker=2/1 maker=1/2");

            assertEquals(List.of(resting(2, ALICE, BUY, "108010.0", "0.3", "0.5")), venue.l3(BUY));
            assertEquals(List.of(), venue.l3(SELL));
        }

        @Test
        void amendedQuantityIsTheNewTotalIncludingWhatHasFilled() {
            rest(gtc(ALICE, BUY, "108000.0", "0.5"));  // 1
            submit(market(BOB, SELL, "0.2"));          // 2: fills 0.2 of order 1

            expect(amend(ALICE, 1, "108000.0", "0.3"),
                    "AMENDED order=1 account=1 price=108000 qty=0.3 remaining=0.1 priorityKept");

            assertEquals(List.of(resting(1, ALICE, BUY, "108000.0", "0.1", "0.3")), venue.l3(BUY));
        }

        @Test
        void amendToAQuantityNotAboveWhatHasFilledIsRejected() {
            rest(gtc(ALICE, BUY, "108000.0", "0.5"));  // 1
            submit(market(BOB, SELL, "0.2"));          // 2: fills 0.2 of order 1

            expect(amend(ALICE, 1, "108000.0", "0.2"),
                    "REJECTED AMEND account=1 client=0 order=1 reason=AMEND_QTY_NOT_ABOVE_FILLED");
            expect(amend(ALICE, 1, "108000.0", "0.1"),
                    "REJECTED AMEND account=1 client=0 order=1 reason=AMEND_QTY_NOT_ABOVE_FILLED");

            assertEquals(List.of(resting(1, ALICE, BUY, "108000.0", "0.3", "0.5")), venue.l3(BUY));
        }

        @Test
        void amendThatChangesNothingIsRejected() {
            rest(gtc(ALICE, BUY, "108000.0", "0.5"));  // 1

            expect(amend(ALICE, 1, "108000.0", "0.5"),
                    "REJECTED AMEND account=1 client=0 order=1 reason=AMEND_NO_CHANGE");
        }

        @Test
        void amendOfAnUntriggeredOrderIsRejected() {
            lastPriceIs("108000.0");                                                     // orders 1-2
            rest(stopLimit(CAROL, BUY, "108100.0", "108150.0", "0.3"));                  // 3
            rest(stopMarket(CAROL, SELL, "107900.0", "0.3", CONTRACT_PRICE));            // 4

            expect(amend(CAROL, 3, "108200.0", "0.3"),
                    "REJECTED AMEND account=3 client=0 order=3 reason=AMEND_NOT_SUPPORTED");
            expect(amend(CAROL, 4, "107800.0", "0.3"),
                    "REJECTED AMEND account=3 client=0 order=4 reason=AMEND_NOT_SUPPORTED");
        }

        @Test
        void amendOfAnotherAccountsOrUnknownOrderIsRejectedAsUnknown() {
            rest(gtc(ALICE, BUY, "108000.0", "0.5"));  // 1

            expect(amend(BOB, 1, "108000.0", "0.4"),
                    "REJECTED AMEND account=2 client=0 order=1 reason=UNKNOWN_ORDER");
            expect(amend(ALICE, 99, "108000.0", "0.4"),
                    "REJECTED AMEND account=1 client=0 order=99 reason=UNKNOWN_ORDER");

            assertEquals(List.of(resting(1, ALICE, BUY, "108000.0", "0.5", "0.5")), venue.l3(BUY));
        }

        @Test
        void amendOfAPostOnlyOrderToACrossingPriceIsRejected() {
            rest(gtc(BOB, SELL, "108010.0", "0.2"));                   // 1
            rest(limit(ALICE, BUY, GTX, "108000.0", "0.5"));           // 2

            expect(amend(ALICE, 2, "108010.0", "0.5"),
                    "REJECTED AMEND account=1 client=0 order=2 reason=POST_ONLY_WOULD_TAKE");

            assertEquals(List.of(resting(2, ALICE, BUY, "108000.0", "0.5", "0.5")), venue.l3(BUY));
        }

        @Test
        void amendedPriceAndQuantityAreValidatedLikeANewOrder() {
            rest(gtc(ALICE, BUY, "108000.0", "0.5"));  // 1

            expect(amend(ALICE, 1, "108000.05", "0.5"), "REJECTED AMEND account=1 client=0 order=1 reason=PRICE_OFF_TICK");
            expect(amend(ALICE, 1, "0", "0.5"), "REJECTED AMEND account=1 client=0 order=1 reason=PRICE_NOT_POSITIVE");
            expect(amend(ALICE, 1, "900000.0", "0.5"), "REJECTED AMEND account=1 client=0 order=1 reason=PRICE_ABOVE_MAX");
            expect(amend(ALICE, 1, "108000.0", "0.0005"), "REJECTED AMEND account=1 client=0 order=1 reason=QTY_OFF_STEP");
            expect(amend(ALICE, 1, "108000.0", "1000.001"),
                    "REJECTED AMEND account=1 client=0 order=1 reason=QTY_ABOVE_MAX");
            // 0.001 BTC at 50,000 = 50 USDT < 100 USDT.
            expect(amend(ALICE, 1, "50000.0", "0.001"),
                    "REJECTED AMEND account=1 client=0 order=1 reason=NOTIONAL_BELOW_MIN");
            // Two faults: the price is checked before the quantity.
            expect(amend(ALICE, 1, "108000.05", "0.0005"),
                    "REJECTED AMEND account=1 client=0 order=1 reason=PRICE_OFF_TICK");

            assertEquals(List.of(resting(1, ALICE, BUY, "108000.0", "0.5", "0.5")), venue.l3(BUY));
        }

        @Test
        void amendWithABadPriceOfAnOrderNotOursReportsThePriceFirst() {
            rest(gtc(ALICE, BUY, "108000.0", "0.5"));  // 1

            // Price and quantity (stages PRICE, QUANTITY) are checked before the order is looked up (stage STATE),
            // so the reason cannot tell an account whether another account's order id exists.

            expect(amend(BOB, 1, "108000.05", "0.5"), "REJECTED AMEND account=2 client=0 order=1 reason=PRICE_OFF_TICK");
            expect(amend(BOB, 99, "108000.05", "0.5"), "REJECTED AMEND account=2 client=0 order=99 reason=PRICE_OFF_TICK");
        }
    }

    // =================================================================================================
    @Nested
    class ReduceOnly {
        @Test
        void reduceOnlyOrderWithoutAPositionIsRejected() {
            expect(gtc(ALICE, SELL, "108100.0", "0.1").withReduceOnly(true), rejectedPlace(ALICE, REDUCE_ONLY_REJECTED));
            expect(market(ALICE, BUY, "0.1").withReduceOnly(true), rejectedPlace(ALICE, REDUCE_ONLY_REJECTED));
        }

        @Test
        void reduceOnlyOrderThatReducesThePositionIsAccepted() {
            rest(gtc(BOB, SELL, "108000.0", "0.3"));  // 1
            expect(market(ALICE, BUY, "0.3"),
                    "ACCEPTED order=2 account=1 client=0 BUY MARKET IOC price=0 qty=0.3 stop=0",
                    "TRADE id=1 price=108000 qty=0.3 aggressor=BUY taker=2/1 maker=1/2");
            assertEquals(300, venue.positions().positionLots(ALICE), "Alice long 0.3 BTC (300 lots)");
            assertEquals(-300, venue.positions().positionLots(BOB), "Bob short 0.3 BTC");

            expect(gtc(ALICE, SELL, "108100.0", "0.2").withReduceOnly(true),
                    "ACCEPTED order=3 account=1 client=0 SELL LIMIT GTC price=108100 qty=0.2 stop=0 reduceOnly");
            // Buying more, or selling more than the position, would not only reduce it.
            expect(gtc(ALICE, BUY, "107900.0", "0.1").withReduceOnly(true), rejectedPlace(ALICE, REDUCE_ONLY_REJECTED));
            expect(gtc(ALICE, SELL, "108100.0", "0.4").withReduceOnly(true), rejectedPlace(ALICE, REDUCE_ONLY_REJECTED));

            // Bob, short, may buy back.
            expect(market(BOB, BUY, "0.2").withReduceOnly(true),
                    "ACCEPTED order=4 account=2 client=0 BUY MARKET IOC price=0 qty=0.2 stop=0 reduceOnly",
                    "TRADE id=2 price=108100 qty=0.2 aggressor=BUY taker=4/2 maker=3/1");
            assertEquals(100, venue.positions().positionLots(ALICE));
            assertEquals(-100, venue.positions().positionLots(BOB));
        }

        @Test
        void reduceOnlyOrderIsExemptFromTheMinimumNotional() {
            rest(gtc(BOB, SELL, "108000.0", "0.3"));  // 1
            submit(market(ALICE, BUY, "0.3"));        // 2: Alice long 0.3

            // 0.001 BTC at 90,000 = 90 USDT < 100 USDT: too small to open, but a reduce-only order may close it.
            expect(gtc(ALICE, SELL, "90000.0", "0.001"), rejectedPlace(ALICE, NOTIONAL_BELOW_MIN));
            expect(gtc(ALICE, SELL, "90000.0", "0.001").withReduceOnly(true),
                    "ACCEPTED order=3 account=1 client=0 SELL LIMIT GTC price=90000 qty=0.001 stop=0 reduceOnly");
        }

        @Test
        void amendCannotGrowAReduceOnlyOrderBeyondThePosition() {
            rest(gtc(BOB, SELL, "108000.0", "0.3"));                          // 1
            submit(market(ALICE, BUY, "0.3"));                                // 2: Alice long 0.3
            rest(gtc(ALICE, SELL, "108100.0", "0.1").withReduceOnly(true));   // 3

            expect(amend(ALICE, 3, "108100.0", "0.6"),
                    "REJECTED AMEND account=1 client=0 order=3 reason=REDUCE_ONLY_REJECTED");
        }

        @Test
        void restingReduceOnlyOrdersNeverFlipThePosition() {
            rest(gtc(BOB, SELL, "108000.0", "0.3"));                          // 1
            submit(market(ALICE, BUY, "0.3"));                                // 2: Alice long 0.3
            rest(gtc(ALICE, SELL, "108100.0", "0.3").withReduceOnly(true));   // 3
            rest(gtc(ALICE, SELL, "108200.0", "0.3").withReduceOnly(true));   // 4

            // The first fill closes Alice's long; the second reduce-only order then has nothing to reduce and expires.
            expect(market(CAROL, BUY, "0.6"),
                    "ACCEPTED order=5 account=3 client=0 BUY MARKET IOC price=0 qty=0.6 stop=0",
                    "TRADE id=2 price=108100 qty=0.3 aggressor=BUY taker=5/3 maker=3/1",
                    "EXPIRED order=4 account=1 remaining=0.3 reason=REDUCE_ONLY",
                    "EXPIRED order=5 account=3 remaining=0.3 reason=NO_LIQUIDITY");
            assertEquals(0, venue.positions().positionLots(ALICE), "Alice closed her long and must not be short");
        }

        @Test
        void reduceOnlyOrderBelowTheMinimumNotionalCanBeAmended() {
            rest(gtc(BOB, SELL, "108000.0", "0.3"));                            // 1
            submit(market(ALICE, BUY, "0.3"));                                  // 2: Alice long 0.3
            rest(gtc(ALICE, SELL, "90000.0", "0.001").withReduceOnly(true));    // 3: 90 USDT

            expect(amend(ALICE, 3, "95000.0", "0.001"),
                    "AMENDED order=3 account=1 price=95000 qty=0.001 remaining=0.001 priorityLost");
        }

        @Test
        void triggeredReduceOnlyStopExpiresWhenThePositionIsGone() {
            rest(gtc(BOB, SELL, "108000.0", "0.3"));  // 1
            submit(market(ALICE, BUY, "0.3"));        // 2: Alice long 0.3, last price 108000
            expect(stopMarket(ALICE, SELL, "107900.0", "0.3", CONTRACT_PRICE).withReduceOnly(true),
                    "ACCEPTED order=3 account=1 client=0 SELL STOP_MARKET IOC price=0 qty=0.3 stop=107900 reduceOnly");

            // Alice closes the position by other means before the stop fires.
            rest(gtc(CAROL, BUY, "108000.0", "0.3"));  // 4
            expect(market(ALICE, SELL, "0.3"),
                    "ACCEPTED order=5 account=1 client=0 SELL MARKET IOC price=0 qty=0.3 stop=0",
                    "TRADE id=2 price=108000 qty=0.3 aggressor=SELL taker=5/1 maker=4/3");
            assertEquals(0, venue.positions().positionLots(ALICE));

            rest(gtc(DAN, BUY, "107900.0", "1.0"));    // 6
            expect(market(BOB, SELL, "0.1"),
                    "ACCEPTED order=7 account=2 client=0 SELL MARKET IOC price=0 qty=0.1 stop=0",
                    "TRADE id=3 price=107900 qty=0.1 aggressor=SELL taker=7/2 maker=6/4",
                    "TRIGGERED order=3 account=1 stop=107900 on=CONTRACT_PRICE at=107900",
                    "EXPIRED order=3 account=1 remaining=0.3 reason=REDUCE_ONLY");
        }
    }

    // =================================================================================================
    @Nested
    class BadInput {
        @Test
        void priceOffTheTickIsRejected() {
            expect(gtc(ALICE, BUY, "108000.05", "0.1"), rejectedPlace(ALICE, PRICE_OFF_TICK));
        }

        @Test
        void priceThatIsNotPositiveIsRejected() {
            expect(gtc(ALICE, BUY, "0", "0.1"), rejectedPlace(ALICE, PRICE_NOT_POSITIVE));
            expect(gtc(ALICE, BUY, "-108000.0", "0.1"), rejectedPlace(ALICE, PRICE_NOT_POSITIVE));
        }

        @Test
        void priceOutsideTheInstrumentsRangeIsRejected() {
            // BTCUSDT PRICE_FILTER: 261.10 to 809484.
            expect(gtc(ALICE, BUY, "261.0", "1"), rejectedPlace(ALICE, PRICE_BELOW_MIN));
            expect(gtc(ALICE, SELL, "809484.1", "0.1"), rejectedPlace(ALICE, PRICE_ABOVE_MAX));
            expect(gtc(ALICE, SELL, "809484.0", "0.001"),
                    "ACCEPTED order=1 account=1 client=0 SELL LIMIT GTC price=809484 qty=0.001 stop=0");
        }

        @Test
        void hugePriceIsRejectedNotOverflowed() {
            long hugeOnTick = Long.MAX_VALUE - Long.MAX_VALUE % Instruments.BTCUSDT.tickSizeE8();

            // Long.MAX_VALUE is not a multiple of the tick, and the tick is checked before the range.
            expect(Command.PlaceOrder.limit(TS, ALICE, BUY, GTC, Long.MAX_VALUE, e8("0.1")),
                    rejectedPlace(ALICE, PRICE_OFF_TICK));
            expect(Command.PlaceOrder.limit(TS, ALICE, BUY, GTC, hugeOnTick, e8("1000")),
                    rejectedPlace(ALICE, PRICE_ABOVE_MAX));
            expect(Command.PlaceOrder.stopMarket(TS, ALICE, BUY, hugeOnTick, e8("1"), CONTRACT_PRICE),
                    rejectedPlace(ALICE, STOP_PRICE_ABOVE_MAX));
            expect(Command.PlaceOrder.limit(TS, ALICE, BUY, GTC, e8("108000.0"), Long.MAX_VALUE),
                    rejectedPlace(ALICE, QTY_OFF_STEP));
            long hugeQtyOnStep = Long.MAX_VALUE - Long.MAX_VALUE % Instruments.BTCUSDT.stepSizeE8();
            expect(Command.PlaceOrder.limit(TS, ALICE, BUY, GTC, e8("809484.0"), hugeQtyOnStep),
                    rejectedPlace(ALICE, QTY_ABOVE_MAX));

            rest(gtc(ALICE, BUY, "108000.0", "0.1"));  // 1
            expect(new Command.AmendOrder(TS, ALICE, 1, hugeOnTick, e8("1000")),
                    "REJECTED AMEND account=1 client=0 order=1 reason=PRICE_ABOVE_MAX");
            expect(new Command.UpdateMarkPrice(TS, Long.MAX_VALUE));
        }

        @Test
        void quantityOffTheStepIsRejected() {
            expect(gtc(ALICE, BUY, "108000.0", "0.0005"), rejectedPlace(ALICE, QTY_OFF_STEP));
            expect(market(ALICE, BUY, "0.0015"), rejectedPlace(ALICE, QTY_OFF_STEP));
        }

        @Test
        void quantityThatIsNotPositiveIsRejected() {
            expect(gtc(ALICE, BUY, "108000.0", "0"), rejectedPlace(ALICE, QTY_NOT_POSITIVE));
            expect(gtc(ALICE, BUY, "108000.0", "-0.1"), rejectedPlace(ALICE, QTY_NOT_POSITIVE));
        }

        @Test
        void quantityBelowTheMinimumIsRejected() {
            // BTCUSDT's minimum quantity equals its step, so no on-step quantity is below it: this instrument has
            // step 0.001 and minimum 0.010.
            Instrument coarse = Instrument.of("TESTUSDT", "TEST", "USDT",
                    "0.10", "0.10", "1000000", "0.001", "0.010", "1000", "100", "5");
            Venue coarseVenue = new Venue(coarse);

            assertEquals(List.of(rejectedPlace(ALICE, QTY_BELOW_MIN)),
                    lines(coarseVenue.submit(gtc(ALICE, BUY, "1000.0", "0.009"))));
            assertEquals(List.of("ACCEPTED order=1 account=1 client=0 BUY LIMIT GTC price=1000 qty=0.01 stop=0"),
                    lines(coarseVenue.submit(gtc(ALICE, BUY, "1000.0", "0.010"))));
        }

        @Test
        void quantityAboveTheMaximumIsRejected() {
            // BTCUSDT LOT_SIZE and MARKET_LOT_SIZE both allow at most 1000 BTC.
            expect(gtc(ALICE, BUY, "108000.0", "1000.001"), rejectedPlace(ALICE, QTY_ABOVE_MAX));
            expect(market(ALICE, BUY, "1000.001"), rejectedPlace(ALICE, QTY_ABOVE_MAX));
            expect(stopMarket(ALICE, BUY, "108000.0", "1000.001", CONTRACT_PRICE), rejectedPlace(ALICE, QTY_ABOVE_MAX));
            expect(gtc(ALICE, BUY, "108000.0", "1000"),
                    "ACCEPTED order=1 account=1 client=0 BUY LIMIT GTC price=108000 qty=1000 stop=0");
        }

        @Test
        void marketOrdersHaveTheirOwnMaximumQuantity() {
            // ETHUSDT: LOT_SIZE allows 10,000 ETH on a limit order, MARKET_LOT_SIZE only 2,000 ETH on a market order.
            Venue eth = new Venue(Instruments.ETHUSDT);

            assertEquals(List.of(rejectedPlace(ALICE, QTY_ABOVE_MAX)), lines(eth.submit(market(ALICE, BUY, "2000.001"))));
            assertEquals(List.of(rejectedPlace(ALICE, QTY_ABOVE_MAX)),
                    lines(eth.submit(stopMarket(ALICE, BUY, "2600.00", "2000.001", CONTRACT_PRICE))));
            assertEquals(List.of("ACCEPTED order=1 account=1 client=0 BUY LIMIT GTC price=2500 qty=2000.001 stop=0"),
                    lines(eth.submit(gtc(ALICE, BUY, "2500.00", "2000.001"))));
        }

        @Test
        void notionalBelowTheMinimumIsRejected() {
            // 0.001 BTC at 50,000 USDT = 50 USDT < 100 USDT; at 100,000 USDT it is exactly 100 USDT.
            expect(gtc(ALICE, BUY, "50000.0", "0.001"), rejectedPlace(ALICE, NOTIONAL_BELOW_MIN));
            expect(gtc(ALICE, BUY, "100000.0", "0.001"),
                    "ACCEPTED order=1 account=1 client=0 BUY LIMIT GTC price=100000 qty=0.001 stop=0");
        }

        @Test
        void marketNotionalIsValuedAtTheLastPriceAndStopMarketNotionalAtTheStop() {
            lastPriceIs("50000.0");  // orders 1-2

            expect(market(BOB, BUY, "0.001"), rejectedPlace(BOB, NOTIONAL_BELOW_MIN));
            expect(market(BOB, BUY, "0.002"),
                    "ACCEPTED order=3 account=2 client=0 BUY MARKET IOC price=0 qty=0.002 stop=0",
                    "EXPIRED order=3 account=2 remaining=0.002 reason=NO_LIQUIDITY");
            // 0.001 BTC at a stop of 60,000 = 60 USDT.
            expect(stopMarket(BOB, BUY, "60000.0", "0.001", CONTRACT_PRICE), rejectedPlace(BOB, NOTIONAL_BELOW_MIN));
        }

        @Test
        void priceOrStopPriceOnAnOrderTypeThatTakesNoneIsRejected() {
            expect(new Command.PlaceOrder(TS, ALICE, 0, BUY, OrderType.MARKET, IOC, e8("108000.0"), e8("0.1"), 0,
                    CONTRACT_PRICE, false, DEFAULT_STP), rejectedPlace(ALICE, PARAMETER_NOT_REQUIRED));
            expect(new Command.PlaceOrder(TS, ALICE, 0, BUY, OrderType.STOP_MARKET, GTC, e8("108000.0"), e8("0.1"),
                    e8("108100.0"), CONTRACT_PRICE, false, DEFAULT_STP), rejectedPlace(ALICE, PARAMETER_NOT_REQUIRED));
            expect(new Command.PlaceOrder(TS, ALICE, 0, BUY, OrderType.LIMIT, GTC, e8("108000.0"), e8("0.1"),
                    e8("108100.0"), CONTRACT_PRICE, false, DEFAULT_STP), rejectedPlace(ALICE, PARAMETER_NOT_REQUIRED));
        }

        @Test
        void missingFieldIsRejected() {
            expect(new Command.PlaceOrder(TS, ALICE, 0, null, OrderType.LIMIT, GTC, e8("108000.0"), e8("0.1"), 0,
                    CONTRACT_PRICE, false, DEFAULT_STP), rejectedPlace(ALICE, MISSING_FIELD));
            expect(new Command.PlaceOrder(TS, ALICE, 0, BUY, null, GTC, e8("108000.0"), e8("0.1"), 0,
                    CONTRACT_PRICE, false, DEFAULT_STP), rejectedPlace(ALICE, MISSING_FIELD));
            expect(new Command.PlaceOrder(TS, ALICE, 0, BUY, OrderType.LIMIT, null, e8("108000.0"), e8("0.1"), 0,
                    CONTRACT_PRICE, false, DEFAULT_STP), rejectedPlace(ALICE, MISSING_FIELD));
            expect(new Command.PlaceOrder(TS, ALICE, 0, BUY, OrderType.STOP_MARKET, GTC, 0, e8("0.1"), e8("108100.0"),
                    null, false, DEFAULT_STP), rejectedPlace(ALICE, MISSING_FIELD));
            expect(new Command.PlaceOrder(TS, ALICE, 0, BUY, OrderType.LIMIT, GTC, e8("108000.0"), e8("0.1"), 0,
                    CONTRACT_PRICE, false, null), rejectedPlace(ALICE, MISSING_FIELD));
        }

        @Test
        void accountMustBePositive() {
            expect(gtc(0, BUY, "108000.0", "0.1"), rejectedPlace(0, INVALID_ACCOUNT));
            expect(gtc(-1, BUY, "108000.0", "0.1"), rejectedPlace(-1, INVALID_ACCOUNT));
            rest(gtc(ALICE, BUY, "108000.0", "0.1"));  // 1
            expect(cancel(0, 1), "REJECTED CANCEL account=0 client=0 order=1 reason=INVALID_ACCOUNT");
            expect(cancelAll(0), "REJECTED CANCEL_ALL account=0 client=0 order=0 reason=INVALID_ACCOUNT");
            expect(amend(0, 1, "108000.0", "0.05"), "REJECTED AMEND account=0 client=0 order=1 reason=INVALID_ACCOUNT");

            assertEquals(List.of(resting(1, ALICE, BUY, "108000.0", "0.1", "0.1")), venue.l3(BUY));
        }

        @Test
        void negativeTimestampIsRejectedOnEveryCommand() {
            expect(Command.PlaceOrder.limit(-1, ALICE, BUY, GTC, e8("108000.0"), e8("0.1")),
                    rejectedPlace(ALICE, INVALID_TIMESTAMP));
            rest(gtc(ALICE, BUY, "108000.0", "0.1"));  // 1

            expect(new Command.AmendOrder(-1, ALICE, 1, e8("108000.0"), e8("0.05")),
                    "REJECTED AMEND account=1 client=0 order=1 reason=INVALID_TIMESTAMP");
            expect(new Command.CancelOrder(-1, ALICE, 1, 0),
                    "REJECTED CANCEL account=1 client=0 order=1 reason=INVALID_TIMESTAMP");
            expect(new Command.CancelAll(-1, ALICE),
                    "REJECTED CANCEL_ALL account=1 client=0 order=0 reason=INVALID_TIMESTAMP");
            expect(new Command.UpdateMarkPrice(-1, e8("108000.0")),
                    "REJECTED MARK_PRICE account=0 client=0 order=0 reason=INVALID_TIMESTAMP");

            assertEquals(List.of(resting(1, ALICE, BUY, "108000.0", "0.1", "0.1")), venue.l3(BUY));
        }

        @Test
        void stopLimitOrderCannotBePostOnly() {
            expect(new Command.PlaceOrder(TS, ALICE, 0, BUY, OrderType.STOP, GTX, e8("108150.0"), e8("0.1"),
                    e8("108100.0"), CONTRACT_PRICE, false, DEFAULT_STP), rejectedPlace(ALICE, INVALID_TIME_IN_FORCE));
        }

        @Test
        void badStopPriceIsRejected() {
            expect(stopMarket(ALICE, BUY, "0", "0.1", CONTRACT_PRICE), rejectedPlace(ALICE, STOP_PRICE_NOT_POSITIVE));
            expect(stopMarket(ALICE, BUY, "108100.05", "0.1", CONTRACT_PRICE), rejectedPlace(ALICE, STOP_PRICE_OFF_TICK));
            expect(stopMarket(ALICE, BUY, "261.0", "1", CONTRACT_PRICE), rejectedPlace(ALICE, STOP_PRICE_BELOW_MIN));
            expect(stopMarket(ALICE, BUY, "809484.1", "0.1", CONTRACT_PRICE), rejectedPlace(ALICE, STOP_PRICE_ABOVE_MAX));
        }

        @Test
        void markPriceMustBePositive() {
            expect(markPrice("0"), "REJECTED MARK_PRICE account=0 client=0 order=0 reason=PRICE_NOT_POSITIVE");
            expect(markPrice("-1"), "REJECTED MARK_PRICE account=0 client=0 order=0 reason=PRICE_NOT_POSITIVE");
        }

        @Test
        void rejectedOrdersTakeNoOrderId() {
            submit(gtc(ALICE, BUY, "108000.05", "0.1"));
            submit(gtc(0, BUY, "108000.0", "0.1"));
            submit(limit(ALICE, BUY, FOK, "108000.0", "0.0005"));

            expect(gtc(ALICE, BUY, "108000.0", "0.1"),
                    "ACCEPTED order=1 account=1 client=0 BUY LIMIT GTC price=108000 qty=0.1 stop=0");
        }

        /** A command with two faults, the same command with only the later fault, and the two reasons. */
        record TwoFaults(String faults, Command both, Command laterOnly, RejectReason first, RejectReason later) {
        }

        @Test
        void commandWithTwoFaultsReportsTheFirstInDeclaredOrder() {
            lastPriceIs("108000.0");                                        // orders 1-2
            rest(gtc(BOB, SELL, "108000.0", "0.5"));                        // 3: an ask a post-only buy would take
            rest(gtc(ALICE, BUY, "107000.0", "0.1").withClientOrderId(7));  // 4: holds client id 7; Alice has no position

            List<TwoFaults> cases = List.of(
                    new TwoFaults("no side, account 0",
                            new Command.PlaceOrder(TS, 0, 0, null, OrderType.LIMIT, GTC, e8("108000.0"), e8("0.1"), 0,
                                    CONTRACT_PRICE, false, DEFAULT_STP),
                            gtc(0, BUY, "108000.0", "0.1"),
                            MISSING_FIELD, INVALID_ACCOUNT),
                    new TwoFaults("account 0, price off tick",
                            gtc(0, BUY, "108000.05", "0.1"),
                            gtc(ALICE, BUY, "108000.05", "0.1"),
                            INVALID_ACCOUNT, PRICE_OFF_TICK),
                    new TwoFaults("market order with a price, quantity off step",
                            new Command.PlaceOrder(TS, ALICE, 0, BUY, OrderType.MARKET, IOC, e8("108000.0"),
                                    e8("0.0005"), 0, CONTRACT_PRICE, false, DEFAULT_STP),
                            market(ALICE, BUY, "0.0005"),
                            PARAMETER_NOT_REQUIRED, QTY_OFF_STEP),
                    new TwoFaults("price off tick and below min",
                            gtc(ALICE, BUY, "100.05", "2"),
                            gtc(ALICE, BUY, "100.0", "2"),
                            PRICE_OFF_TICK, PRICE_BELOW_MIN),
                    new TwoFaults("price above max, stop price off tick",
                            stopLimit(ALICE, BUY, "108100.05", "900000.0", "0.1"),
                            stopLimit(ALICE, BUY, "108100.05", "108150.0", "0.1"),
                            PRICE_ABOVE_MAX, STOP_PRICE_OFF_TICK),
                    new TwoFaults("price above max, quantity off step",
                            gtc(ALICE, BUY, "900000.0", "0.0005"),
                            gtc(ALICE, BUY, "108000.0", "0.0005"),
                            PRICE_ABOVE_MAX, QTY_OFF_STEP),
                    new TwoFaults("quantity off step, notional below min",
                            gtc(ALICE, BUY, "50000.0", "0.0015"),
                            gtc(ALICE, BUY, "50000.0", "0.001"),
                            QTY_OFF_STEP, NOTIONAL_BELOW_MIN),
                    new TwoFaults("notional below min, duplicate client id",
                            gtc(ALICE, BUY, "50000.0", "0.001").withClientOrderId(7),
                            gtc(ALICE, BUY, "107000.0", "0.1").withClientOrderId(7),
                            NOTIONAL_BELOW_MIN, DUPLICATE_CLIENT_ORDER_ID),
                    new TwoFaults("duplicate client id, reduce-only without a position",
                            gtc(ALICE, SELL, "109000.0", "0.1").withClientOrderId(7).withReduceOnly(true),
                            gtc(ALICE, SELL, "109000.0", "0.1").withReduceOnly(true),
                            DUPLICATE_CLIENT_ORDER_ID, REDUCE_ONLY_REJECTED),
                    new TwoFaults("reduce-only without a position, post-only would take",
                            limit(ALICE, BUY, GTX, "108000.0", "0.1").withReduceOnly(true),
                            limit(ALICE, BUY, GTX, "108000.0", "0.1"),
                            REDUCE_ONLY_REJECTED, POST_ONLY_WOULD_TAKE),
                    new TwoFaults("reduce-only without a position, FOK cannot fill",
                            limit(ALICE, BUY, FOK, "108000.0", "1.0").withReduceOnly(true),
                            limit(ALICE, BUY, FOK, "108000.0", "1.0"),
                            REDUCE_ONLY_REJECTED, FOK_WOULD_NOT_FILL),
                    new TwoFaults("reduce-only without a position, stop would trigger at once",
                            stopMarket(ALICE, BUY, "108000.0", "0.1", CONTRACT_PRICE).withReduceOnly(true),
                            stopMarket(ALICE, BUY, "108000.0", "0.1", CONTRACT_PRICE),
                            REDUCE_ONLY_REJECTED, STOP_WOULD_TRIGGER_IMMEDIATELY));

            for (TwoFaults c : cases) {
                assertTrue(c.first().compareTo(c.later()) < 0, c.faults() + ": list the earlier reason first");
                assertEquals(c.later(), reasonOf(venue.submit(c.laterOnly())), c.faults() + ": the later fault alone");
                assertEquals(c.first(), reasonOf(venue.submit(c.both())), c.faults() + ": both faults");
            }
            assertEquals(4, venue.book().lastOrderId(), "every case was rejected");
        }

        private RejectReason reasonOf(List<Event> events) {
            assertEquals(1, events.size(), () -> lines(events).toString());
            assertEquals(Event.Kind.REJECTED, events.get(0).kind(), () -> lines(events).toString());
            return ((Event.OrderRejected) events.get(0)).reason();
        }
    }

    // =================================================================================================
    @Nested
    class Queries {
        @Test
        void emptyVenueHasNoPrices() {
            assertEquals(0, venue.bestBidE8());
            assertEquals(0, venue.bestAskE8());
            assertEquals(0, venue.lastPriceE8());
            assertEquals(List.of(), venue.depth(BUY, 5));
            assertEquals(List.of(), venue.l3(SELL));
            assertEquals(0, venue.impactPriceE8(BUY, e8("1000")));
        }

        @Test
        void bestBidBestAskAndLastPriceFollowTheBook() {
            rest(gtc(ALICE, BUY, "107990.0", "0.2"));  // 1
            rest(gtc(ALICE, BUY, "107995.5", "0.2"));  // 2
            rest(gtc(BOB, SELL, "108010.0", "0.2"));   // 3
            rest(gtc(BOB, SELL, "108005.0", "0.2"));   // 4
            assertEquals(e8("107995.5"), venue.bestBidE8());
            assertEquals(e8("108005.0"), venue.bestAskE8());
            assertEquals(0, venue.lastPriceE8());

            submit(market(CAROL, BUY, "0.3"));  // takes 108005 whole and 0.1 of 108010
            assertEquals(e8("108010.0"), venue.bestAskE8());
            assertEquals(e8("108010.0"), venue.lastPriceE8());
        }

        @Test
        void depthAggregatesEachLevelWithItsOrderCountBestFirst() {
            rest(gtc(ALICE, BUY, "108000.0", "0.1"));  // 1
            rest(gtc(BOB, BUY, "107980.0", "0.4"));    // 2
            rest(gtc(BOB, BUY, "108000.0", "0.2"));    // 3
            rest(gtc(CAROL, BUY, "107990.0", "0.3"));  // 4
            rest(gtc(ALICE, SELL, "108020.0", "0.5")); // 5
            rest(gtc(BOB, SELL, "108010.0", "0.25"));  // 6

            assertEquals(List.of(level("108000.0", "0.3", 2), level("107990.0", "0.3", 1)), venue.depth(BUY, 2));
            assertEquals(List.of(level("108000.0", "0.3", 2), level("107990.0", "0.3", 1), level("107980.0", "0.4", 1)),
                    venue.depth(BUY, 10));
            assertEquals(List.of(level("108010.0", "0.25", 1), level("108020.0", "0.5", 1)), venue.depth(SELL, 10));
        }

        @Test
        void l3ListsRestingOrdersInPriorityOrder() {
            rest(gtc(ALICE, BUY, "107990.0", "0.1"));  // 1
            rest(gtc(BOB, BUY, "108000.0", "0.2"));    // 2
            rest(gtc(CAROL, BUY, "108000.0", "0.3"));  // 3
            rest(gtc(DAN, SELL, "108020.0", "0.4"));   // 4
            rest(gtc(ALICE, SELL, "108010.0", "0.5")); // 5

            assertEquals(List.of(
                    resting(2, BOB, BUY, "108000.0", "0.2", "0.2"),
                    resting(3, CAROL, BUY, "108000.0", "0.3", "0.3"),
                    resting(1, ALICE, BUY, "107990.0", "0.1", "0.1")), venue.l3(BUY));
            assertEquals(List.of(
                    resting(5, ALICE, SELL, "108010.0", "0.5", "0.5"),
                    resting(4, DAN, SELL, "108020.0", "0.4", "0.4")), venue.l3(SELL));
        }

        @Test
        void pricesWhoseOrdersHaveAllLeftDropOutOfEveryQuery() {
            rest(gtc(ALICE, BUY, "108000.0", "0.1"));  // 1
            rest(gtc(ALICE, BUY, "107990.0", "0.1"));  // 2
            rest(gtc(ALICE, BUY, "107980.0", "0.1"));  // 3
            rest(gtc(ALICE, BUY, "107970.0", "0.1"));  // 4
            submit(cancel(ALICE, 2));
            submit(cancel(ALICE, 3));

            assertEquals(List.of(level("108000.0", "0.1", 1), level("107970.0", "0.1", 1)), venue.depth(BUY, 10));
            assertEquals(2, venue.book().levelCount(BUY));
            // 15,000 USDT = 10,800 at 108,000 + 4,200 at 107,970 (the emptied prices hold nothing):
            // 15,000 × 107,970 / (0.1 × 107,970 + 4,200) = 1,619,550,000 / 14,997 = 107,991.598319663…
            assertEquals(e8("107991.59831966"), venue.impactPriceE8(SELL, e8("15000")));

            // With the best bid gone, the next bid is the next price that still holds an order.
            expect(cancel(ALICE, 1), "CANCELLED order=1 account=1 remaining=0.1 reason=USER");
            assertEquals(e8("107970.0"), venue.bestBidE8());

            // An order at an emptied price queues there as at any other.
            rest(gtc(BOB, BUY, "107990.0", "0.2"));    // 5
            expect(market(CAROL, SELL, "0.3"),
                    "ACCEPTED order=6 account=3 client=0 SELL MARKET IOC price=0 qty=0.3 stop=0",
                    "TRADE id=1 price=107990 qty=0.2 aggressor=SELL taker=6/3 maker=5/2",
                    "TRADE id=2 price=107970 qty=0.1 aggressor=SELL taker=6/3 maker=4/1");
            assertEquals(0, venue.bestBidE8());
        }

        @Test
        void depthAndMatchingAreUnchangedAfterManyPricesEmpty() {
            // 200 bid levels 107000.0, 107001.0, … 107199.0, 0.01 BTC each; then 150 of them (all but every fourth,
            // never the best) are cancelled, enough to make the book tidy its side array.
            for (int i = 0; i < 200; i++) {
                rest(gtc(ALICE, BUY, (107_000 + i) + ".0", "0.01"));  // order i + 1
            }
            for (int i = 0; i < 200; i++) {
                if (i % 4 != 3) {
                    submit(cancel(ALICE, i + 1));
                }
            }

            List<PriceLevel> expected = new ArrayList<>();
            for (int i = 199; i >= 3; i -= 4) {
                expected.add(level((107_000 + i) + ".0", "0.01", 1));
            }
            assertEquals(expected, venue.depth(BUY, 100));
            assertEquals(50, venue.book().levelCount(BUY));
            assertEquals(50, venue.l3(BUY).size());

            List<Event> sweep = venue.submit(market(BOB, SELL, "0.5"));  // order 201
            assertEquals(51, sweep.size(), "accepted + 50 trades");
            for (int k = 0; k < 50; k++) {
                Event.Trade t = (Event.Trade) sweep.get(k + 1);
                assertEquals(expected.get(k).priceE8(), t.priceE8(), "trade " + (k + 1) + " is at the next best price");
            }
            assertEquals(List.of(), venue.depth(BUY, 10));
        }

        /** Asks 0.5 @ 108000 (54,000 USDT) and 1.0 @ 108010 (108,010 USDT): 162,010 USDT in all. */
        void twoAskLevels() {
            rest(gtc(ALICE, SELL, "108000.0", "0.5"));
            rest(gtc(BOB, SELL, "108010.0", "1.0"));
        }

        @Test
        void impactPriceAveragesAcrossLevelsUsingTheLastLevelFractionally() {
            twoAskLevels();

            // 100,000 USDT: 54,000 buys 0.5 BTC at 108,000; the other 46,000 buys 46,000 / 108,010 BTC at 108,010.
            // Average = 100,000 / (0.5 + 46,000 / 108,010) = 100,000 × 108,010 / (54,005 + 46,000)
            //         = 10,801,000,000 / 100,005 = 108,004.599770011499…, rounded to 8 decimals: 108004.59977001.
            assertEquals(e8("108004.59977001"), venue.impactPriceE8(BUY, e8("100000")));
        }

        @Test
        void impactBidAveragesDownTheBids() {
            rest(gtc(ALICE, BUY, "108000.0", "0.5"));
            rest(gtc(BOB, BUY, "107990.0", "1.0"));

            // 100,000 USDT = 54,000 at 108,000 + 46,000 at 107,990:
            // 100,000 × 107,990 / (0.5 × 107,990 + 46,000) = 10,799,000,000 / 99,995 = 107,995.399769988…
            assertEquals(e8("107995.39976999"), venue.impactPriceE8(SELL, e8("100000")));
        }

        @Test
        void impactPriceWithinTheFirstLevelIsThatLevelsPrice() {
            twoAskLevels();

            assertEquals(e8("108000.0"), venue.impactPriceE8(BUY, e8("10000")));
            assertEquals(e8("108000.0"), venue.impactPriceE8(BUY, e8("54000")));
        }

        @Test
        void impactPriceOfTheWholeSideIsItsAveragePrice() {
            twoAskLevels();

            // 162,010 USDT / 1.5 BTC = 108,006.666666666…
            assertEquals(e8("108006.66666667"), venue.impactPriceE8(BUY, e8("162010")));
        }

        @Test
        void impactPriceIsZeroWhenTheBookIsTooThin() {
            twoAskLevels();

            assertEquals(0, venue.impactPriceE8(BUY, e8("162010.00000001")));
            assertEquals(0, venue.impactPriceE8(SELL, e8("100")), "no bids at all");
            assertEquals(0, venue.impactPriceE8(BUY, 0), "a notional must be positive");
        }
    }

    // =================================================================================================
    @Nested
    class EventNumbering {
        @Test
        void eventsAreNumberedConsecutivelyAcrossCommandsAndCarryTheCommandsTimestamp() {
            List<Event> events = new ArrayList<>();
            events.addAll(venue.submit(Command.PlaceOrder.limit(5, ALICE, SELL, GTC, e8("108000.0"), e8("0.1"))));
            events.addAll(venue.submit(Command.PlaceOrder.market(7, BOB, BUY, e8("0.1"))));
            events.addAll(venue.submit(new Command.CancelOrder(9, ALICE, 1, 0)));  // filled: unknown now

            List<String> log = new ArrayList<>();
            for (Event e : events) {
                log.add(e.toLogLine());
            }
            assertEquals(List.of(
                    "1 5 ACCEPTED order=1 account=1 client=0 SELL LIMIT GTC price=108000 qty=0.1 stop=0",
                    "2 7 ACCEPTED order=2 account=2 client=0 BUY MARKET IOC price=0 qty=0.1 stop=0",
                    "3 7 TRADE id=1 price=108000 qty=0.1 aggressor=BUY taker=2/2 maker=1/1",
                    "4 9 REJECTED CANCEL account=1 client=0 order=1 reason=UNKNOWN_ORDER"), log);
            assertEquals(new Event.Trade(3, 7, 1, e8("108000.0"), e8("0.1"), BUY, 2, BOB, 1, ALICE), events.get(2));
        }

        @Test
        void streamingSubmitDeliversTheSameEventsInTheSameOrder() {
            Venue listed = new Venue(Instruments.BTCUSDT);
            Venue streamed = new Venue(Instruments.BTCUSDT);
            List<Command> commands = List.of(gtc(ALICE, SELL, "108000.0", "0.1"), gtc(BOB, SELL, "108010.0", "0.1"),
                    market(CAROL, BUY, "0.15"));

            List<Event> fromLists = new ArrayList<>();
            List<Event> fromStream = new ArrayList<>();
            for (Command c : commands) {
                fromLists.addAll(listed.submit(c));
                streamed.submit(c, fromStream::add);
            }

            assertEquals(5, fromLists.size());
            assertEquals(fromLists, fromStream);
        }
    }

    // =================================================================================================
    @Nested
    class Determinism {
        static final long SEED = 20_251_107L;
        static final int COMMANDS = 5_000;

        @Test
        void sameCommandsGiveTheSameEventLogWhateverTheInitialStorage() {
            List<Command> commands = randomCommands(SEED, COMMANDS);

            List<Event> presized = run(commands, BookConfig.defaults());
            List<Event> growing = run(commands, new BookConfig(1_000_000, 1, 1));

            assertEquals(sha256(presized), sha256(growing), "seed=" + SEED + ": event logs differ");
            assertEquals(presized.size(), growing.size(), "seed=" + SEED);
            assertTrue(presized.size() > 1_000, "seed=" + SEED + ": only " + presized.size() + " events");
            long trades = presized.stream().filter(e -> e.kind() == Event.Kind.TRADE).count();
            long triggers = presized.stream().filter(e -> e.kind() == Event.Kind.TRIGGERED).count();
            assertTrue(trades > 200, "seed=" + SEED + ": only " + trades + " trades");
            assertTrue(triggers > 0, "seed=" + SEED + ": no stop ever triggered");
            System.out.println("seed=" + SEED + " commands=" + COMMANDS + " events=" + presized.size() + " trades=" + trades
                    + " triggers=" + triggers + " sha256=" + sha256(presized));
        }

        static List<Event> run(List<Command> commands, BookConfig config) {
            Venue venue = new Venue(Instruments.BTCUSDT, config);
            List<Event> events = new ArrayList<>();
            for (Command c : commands) {
                venue.submit(c, events::add);
            }
            return events;
        }

        static String sha256(List<Event> events) {
            MessageDigest digest;
            try {
                digest = MessageDigest.getInstance("SHA-256");
            } catch (NoSuchAlgorithmException e) {
                throw new AssertionError("SHA-256 is required of every JDK", e);
            }
            for (Event e : events) {
                digest.update((e.toLogLine() + "\n").getBytes(StandardCharsets.UTF_8));
            }
            return HexFormat.of().formatHex(digest.digest());
        }

        /**
         * Commands around a drifting mid price of ~108,000: limit orders of every time in force (some with client ids,
         * STP or reduce-only), market orders, all four triggered types on both working prices, cancels by id and by
         * client id (many of unknown orders), cancel-alls, amends, mark-price updates and a few off-tick prices.
         */
        static List<Command> randomCommands(long seed, int count) {
            SplittableRandom rnd = new SplittableRandom(seed);
            long tick = Instruments.BTCUSDT.tickSizeE8();
            long step = Instruments.BTCUSDT.stepSizeE8();
            TimeInForce[] tifs = {GTC, GTC, GTC, GTC, GTC, GTC, IOC, IOC, FOK, GTX};
            OrderType[] triggered = {
                    OrderType.STOP_MARKET, OrderType.TAKE_PROFIT_MARKET, OrderType.STOP, OrderType.TAKE_PROFIT};
            List<Command> out = new ArrayList<>(count);
            long midTicks = 1_080_000;
            long ts = 0;
            long places = 0;
            for (int i = 0; i < count; i++) {
                ts += 1 + rnd.nextInt(1_000);
                midTicks += rnd.nextInt(-1, 2);
                long account = 1 + rnd.nextInt(6);
                Side side = rnd.nextBoolean() ? BUY : SELL;
                long priceE8 = (midTicks + rnd.nextInt(-15, 16)) * tick;
                long qtyE8 = (1 + rnd.nextInt(40)) * step;
                long client = rnd.nextInt(4) == 0 ? 1 + rnd.nextInt(5) : 0;
                boolean reduceOnly = rnd.nextInt(15) == 0;
                StpMode stp = rnd.nextInt(5) == 0 ? StpMode.values()[rnd.nextInt(4)] : StpMode.NONE;
                int roll = rnd.nextInt(100);
                if (roll < 50) {
                    TimeInForce tif = tifs[rnd.nextInt(tifs.length)];
                    out.add(new Command.PlaceOrder(ts, account, client, side, OrderType.LIMIT, tif, priceE8, qtyE8, 0,
                            CONTRACT_PRICE, reduceOnly, stp));
                    places++;
                } else if (roll < 60) {
                    out.add(new Command.PlaceOrder(ts, account, client, side, OrderType.MARKET, IOC, 0, qtyE8, 0,
                            CONTRACT_PRICE, reduceOnly, stp));
                    places++;
                } else if (roll < 68) {
                    OrderType type = triggered[rnd.nextInt(triggered.length)];
                    long stopE8 = (midTicks + rnd.nextInt(-30, 31)) * tick;
                    out.add(new Command.PlaceOrder(ts, account, client, side, type, GTC, type.hasLimitPrice() ? priceE8 : 0,
                            qtyE8, stopE8, rnd.nextBoolean() ? CONTRACT_PRICE : MARK_PRICE, reduceOnly, stp));
                    places++;
                } else if (roll < 78) {
                    out.add(rnd.nextInt(4) == 0
                            ? new Command.CancelOrder(ts, account, 0, 1 + rnd.nextInt(5))
                            : new Command.CancelOrder(ts, account, 1 + rnd.nextLong(places + 1), 0));
                } else if (roll < 80) {
                    out.add(new Command.CancelAll(ts, account));
                } else if (roll < 90) {
                    out.add(new Command.AmendOrder(ts, account, 1 + rnd.nextLong(places + 1), priceE8, qtyE8));
                } else if (roll < 97) {
                    out.add(new Command.UpdateMarkPrice(ts, (midTicks + rnd.nextInt(-30, 31)) * tick + rnd.nextLong(tick)));
                } else {
                    out.add(new Command.PlaceOrder(ts, account, client, side, OrderType.LIMIT, GTC, priceE8 + tick / 2,
                            qtyE8, 0, CONTRACT_PRICE, false, DEFAULT_STP));
                }
            }
            return out;
        }
    }
}
