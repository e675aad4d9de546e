package aftershock.engine.exchange;

import aftershock.engine.api.Command;
import aftershock.engine.api.DecimalE8;
import aftershock.engine.api.Event;
import aftershock.engine.api.Instruments;
import aftershock.engine.api.RejectReason;
import aftershock.engine.api.Side;
import aftershock.engine.api.TimeInForce;
import aftershock.engine.margin.BracketTables;
import aftershock.engine.margin.FeeSchedule;
import aftershock.engine.margin.MarginMode;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The exchange end to end: orders through risk, book and ledger; prices and funding on the clock. */
class ExchangeTest {
    static final long S = 1_000_000_000L;
    static final long H = 3600 * S;
    static final String BTC = "BTCUSDT";

    Exchange ex;

    static long e8(String s) {
        return DecimalE8.parse(s);
    }

    @BeforeEach
    void setUp() {
        ex = new Exchange(List.of(new Exchange.SymbolSetup(Instruments.BTCUSDT, BracketTables.BTCUSDT_2025,
                FeeSchedule.BINANCE_VIP0, 20, List.of("coinbase", "binance"), e8("0.003"), e8("-0.003"), 8)),
                Exchange.Config.binance().withChecks(true));
    }

    List<ExchangeEvent> run(ExchangeCommand c) {
        return ex.submit(c);
    }

    static ExchangeCommand limit(long ts, long account, Side side, String price, String qty) {
        return new ExchangeCommand.Order(ts, BTC, Command.PlaceOrder.limit(ts, account, side, TimeInForce.GTC, e8(price), e8(qty)));
    }

    static ExchangeCommand market(long ts, long account, Side side, String qty) {
        return new ExchangeCommand.Order(ts, BTC, Command.PlaceOrder.market(ts, account, side, e8(qty)));
    }

    void spot(long ts, String price) {
        run(new ExchangeCommand.SpotPrice(ts, BTC, "coinbase", e8(price)));
        run(new ExchangeCommand.SpotPrice(ts, BTC, "binance", e8(price)));
    }

    @Test
    void anOrderFromAnAccountWithoutMoneyIsRejected() {
        List<ExchangeEvent> ev = run(limit(0, 9, Side.BUY, "100000", "0.1"));
        Event.OrderRejected r = (Event.OrderRejected) ((ExchangeEvent.Book) ev.get(0)).event();
        assertEquals(RejectReason.UNKNOWN_ACCOUNT, r.reason());
    }

    @Test
    void aTradeBooksFeesAndPositionsToBothAccounts() {
        run(new ExchangeCommand.Deposit(0, 1, e8("10000")));
        run(new ExchangeCommand.Deposit(0, 2, e8("10000")));
        spot(0, "100000");
        run(limit(0, 2, Side.SELL, "100000", "1"));
        List<ExchangeEvent> ev = run(market(S, 1, Side.BUY, "1"));
        List<ExchangeEvent.Fill> fills = new ArrayList<>();
        for (ExchangeEvent e : ev) {
            if (e instanceof ExchangeEvent.Fill f) {
                fills.add(f);
            }
        }
        assertEquals(2, fills.size());
        assertEquals(e8("50"), fills.get(0).feeE8());   // taker 0.05%
        assertEquals(e8("20"), fills.get(1).feeE8());   // maker 0.02%
        assertEquals(e8("1"), fills.get(0).positionQtyE8());
        assertEquals(e8("-1"), fills.get(1).positionQtyE8());
        int btc = ex.ledger().symbolIndex(BTC);
        assertEquals(1000, ex.ledger().positionLots(1, btc));
        assertEquals(0, ex.ledger().openOrderMarginE8(2, btc));
    }

    @Test
    void anOrderBeyondTheAvailableBalanceIsRejectedForMargin() {
        run(new ExchangeCommand.Deposit(0, 1, e8("1010")));
        spot(0, "100000");
        // 20×: 0.2 BTC at 100,000 needs 1,000 of initial margin + up to 10 of taker fee; 0.21 needs 1,050 + 10.5.
        List<ExchangeEvent> ev = run(limit(0, 1, Side.BUY, "100000", "0.21"));
        assertEquals(RejectReason.INSUFFICIENT_MARGIN, ((Event.OrderRejected) ((ExchangeEvent.Book) ev.get(0)).event()).reason());
        ev = run(limit(0, 1, Side.BUY, "100000", "0.2"));
        assertTrue(((ExchangeEvent.Book) ev.get(0)).event() instanceof Event.OrderAccepted);
        assertEquals(e8("10"), ex.ledger().availableBalanceE8(1));
        // A withdrawal now would breach the open order's margin.
        ev = run(new ExchangeCommand.Withdraw(0, 1, e8("10.00000001")));
        assertEquals("INSUFFICIENT_BALANCE", ((ExchangeEvent.Rejected) ev.get(0)).reason());
        // Cancelling frees it.
        run(new ExchangeCommand.Order(0, BTC, new Command.CancelAll(0, 1)));
        assertEquals(e8("1010"), ex.ledger().availableBalanceE8(1));
    }

    @Test
    void aPositionLargerThanTheLeverageBracketAllowsIsRejected() {
        run(new ExchangeCommand.Deposit(0, 1, e8("10000")));
        spot(0, "100000");
        run(new ExchangeCommand.SetLeverage(0, 1, BTC, 150));
        // 150× is allowed up to 300,000 of notional: 3.1 BTC at 100,000 is beyond.
        List<ExchangeEvent> ev = run(limit(0, 1, Side.BUY, "100000", "3.1"));
        assertEquals(RejectReason.MAX_POSITION_EXCEEDED, ((Event.OrderRejected) ((ExchangeEvent.Book) ev.get(0)).event()).reason());
    }

    @Test
    void fundingIsSettledEveryEightHoursFromTheSampledPremium() {
        run(new ExchangeCommand.Deposit(0, 1, e8("100000")));
        run(new ExchangeCommand.Deposit(0, 2, e8("100000")));
        run(new ExchangeCommand.Deposit(0, 3, e8("1000000")));
        spot(0, "100000");
        run(limit(0, 2, Side.SELL, "100000", "1"));
        run(market(0, 1, Side.BUY, "1"));
        // A deep, balanced book around the index: premium 0 → rate = the 0.01% interest.
        run(limit(0, 3, Side.BUY, "99990", "5"));
        run(limit(0, 3, Side.SELL, "100010", "5"));
        List<ExchangeEvent> ev = run(new ExchangeCommand.AdvanceTime(8 * H));
        ExchangeEvent.FundingRate rate = null;
        List<ExchangeEvent.FundingPayment> pays = new ArrayList<>();
        for (ExchangeEvent e : ev) {
            if (e instanceof ExchangeEvent.FundingRate r) {
                rate = r;
            } else if (e instanceof ExchangeEvent.FundingPayment p) {
                pays.add(p);
            }
        }
        assertEquals(e8("0.0001"), rate.rateE8());
        assertEquals(16 * H, rate.nextFundingTimeNanos());
        // The long (account 1) pays 1 × mark × 0.01% to the short (account 2).
        long expected = rate.markPriceE8() / 10_000;
        assertEquals(-expected, pays.get(0).amountE8());
        assertEquals(expected, pays.get(1).amountE8());
        assertEquals(1, pays.get(0).accountId());
    }

    @Test
    void isolatedMarginModeAndAdjustments() {
        run(new ExchangeCommand.Deposit(0, 1, e8("10000")));
        run(new ExchangeCommand.Deposit(0, 2, e8("10000")));
        spot(0, "100000");
        List<ExchangeEvent> ev = run(new ExchangeCommand.SetMarginMode(0, 1, BTC, MarginMode.ISOLATED));
        assertTrue(ev.get(0) instanceof ExchangeEvent.SettingChanged);
        run(limit(0, 2, Side.SELL, "100000", "0.5"));
        run(market(0, 1, Side.BUY, "0.5"));
        int btc = ex.ledger().symbolIndex(BTC);
        assertEquals(e8("2500"), ex.ledger().isolatedWalletE8(1, btc)); // 50,000 / 20
        ev = run(new ExchangeCommand.AdjustIsolatedMargin(0, 1, BTC, e8("500")));
        assertTrue(ev.get(0) instanceof ExchangeEvent.BalanceChanged);
        assertEquals(e8("3000"), ex.ledger().isolatedWalletE8(1, btc));
    }

    @Test
    void moneyIsConservedOverRandomFlowPricesAndFunding() {
        long seed = 20251103L;
        SplittableRandom r = new SplittableRandom(seed);
        run(new ExchangeCommand.Deposit(0, Exchange.INSURANCE_FUND, e8("5000")));
        for (long a = 1; a <= 8; a++) {
            run(new ExchangeCommand.Deposit(0, a, e8(a <= 4 ? "200000" : "8000")));   // some accounts thin enough to liquidate
        }
        int liquidations = 0;
        long ts = 0;
        long mid = 1_000_000; // ticks
        for (int i = 0; i < 4_000; i++) {
            ts += r.nextInt(20) * S;
            mid = Math.max(700_000, Math.min(1_300_000, mid + r.nextInt(201) - 100 + (r.nextInt(200) == 0 ? (r.nextBoolean() ? 80_000 : -80_000) : 0)));
            long account = 1 + r.nextInt(8);
            Side side = r.nextBoolean() ? Side.BUY : Side.SELL;
            String price = DecimalE8.format((mid + r.nextInt(41) - 20) * 10_000_000L);
            String qty = DecimalE8.format((1 + r.nextInt(300)) * 100_000L);
            ExchangeCommand c = switch (r.nextInt(10)) {
                case 0, 1, 2, 3 -> limit(ts, account, side, price, qty);
                case 4, 5 -> market(ts, account, side, qty);
                case 6 -> new ExchangeCommand.Order(ts, BTC, new Command.CancelAll(ts, account));
                case 7 -> new ExchangeCommand.SpotPrice(ts, BTC, r.nextBoolean() ? "coinbase" : "binance", mid * 10_000_000L);
                case 8 -> new ExchangeCommand.Withdraw(ts, account, e8("10"));
                default -> new ExchangeCommand.AdvanceTime(ts + r.nextInt(3600) * S);
            };
            long markBefore = ex.markPriceE8(BTC);
            long availableBefore = ex.ledger().rawAvailableE8(account);
            try {
                for (ExchangeEvent e : run(c)) { // the exchange audits conservation and the book after every command
                    if (e instanceof ExchangeEvent.Liquidation l && l.stage().equals("START")) {
                        liquidations++;
                    }
                }
            } catch (RuntimeException e) {
                throw new AssertionError("seed=" + seed + " step " + i + " " + c + ": " + e, e);
            }
            boolean limitOrder = c instanceof ExchangeCommand.Order o && o.command() instanceof Command.PlaceOrder p
                    && p.type() == aftershock.engine.api.OrderType.LIMIT;
            if (limitOrder && availableBefore >= 0 && ex.markPriceE8(BTC) == markBefore) {
                assertTrue(ex.ledger().rawAvailableE8(account) >= 0,
                        "seed=" + seed + " step " + i + ": accepting " + c + " left account " + account + " with available "
                                + ex.ledger().rawAvailableE8(account));
            }
            ts = ex.nowNanos();
        }
        assertTrue(ex.nowNanos() > 16 * H, "the run should cross funding times");
        assertTrue(liquidations > 0, "the shocks should liquidate someone");
    }

    @Test
    void priceBandsRejectLimitOrdersFarFromTheMarkAndMarketOrdersStopAtTheTakeBound() {
        ex = new Exchange(List.of(new Exchange.SymbolSetup(Instruments.BTCUSDT, BracketTables.BTCUSDT_2025,
                FeeSchedule.BINANCE_VIP0, 20, List.of("coinbase", "binance"), e8("0.003"), e8("-0.003"), 8)),
                Exchange.Config.binance().withChecks(true).withProtection(e8("0.05"), e8("0.02")));
        run(new ExchangeCommand.Deposit(0, 1, e8("100000")));
        run(new ExchangeCommand.Deposit(0, 2, e8("1000000")));
        spot(0, "100000");
        // Bands ±5% around mark 100,000: a buy above 105,000 or a sell below 95,000 is refused (-4016 / -4024).
        List<ExchangeEvent> ev = run(limit(0, 1, Side.BUY, "105000.1", "0.1"));
        assertEquals(RejectReason.PRICE_OUTSIDE_BAND, ((Event.OrderRejected) ((ExchangeEvent.Book) ev.get(0)).event()).reason());
        ev = run(limit(0, 1, Side.SELL, "94999.9", "0.1"));
        assertEquals(RejectReason.PRICE_OUTSIDE_BAND, ((Event.OrderRejected) ((ExchangeEvent.Book) ev.get(0)).event()).reason());
        assertTrue(((ExchangeEvent.Book) run(limit(0, 1, Side.BUY, "105000", "0.1")).get(0)).event() instanceof Event.OrderAccepted);
        // A thin ask ladder: the market buy stops at mark × 1.02 = 102,000 and the rest expires.
        run(new ExchangeCommand.Order(0, BTC, new Command.CancelAll(0, 1)));
        run(limit(0, 2, Side.SELL, "101000", "0.1"));
        run(limit(0, 2, Side.SELL, "103000", "0.1"));
        ev = run(market(0, 1, Side.BUY, "0.2"));
        Event.OrderExpired expired = ev.stream().filter(e -> e instanceof ExchangeEvent.Book b && b.event() instanceof Event.OrderExpired)
                .map(e -> (Event.OrderExpired) ((ExchangeEvent.Book) e).event()).findFirst().orElseThrow();
        assertEquals(aftershock.engine.api.ExpireReason.PRICE_PROTECTION, expired.reason());
        assertEquals(e8("0.1"), expired.remainingQtyE8());
        assertEquals(100, ex.ledger().positionLots(1, 0));
    }
}
