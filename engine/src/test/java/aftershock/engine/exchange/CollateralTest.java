package aftershock.engine.exchange;

import aftershock.engine.api.Command;
import aftershock.engine.api.DecimalE8;
import aftershock.engine.api.Instruments;
import aftershock.engine.api.Side;
import aftershock.engine.api.TimeInForce;
import aftershock.engine.margin.BracketTables;
import aftershock.engine.margin.CollateralAsset;
import aftershock.engine.margin.CollateralPriceSource;
import aftershock.engine.margin.CollateralPricing;
import aftershock.engine.margin.FeeSchedule;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Multi-asset collateral: non-USDT assets count in cross margin at units × price × (1 − haircut). A trader holding
 * only collateral buys 1 BTC at 100,000 (20×, taker fee 50 charged in USDT, so the USDT balance is −50); the market
 * then quotes 99,900 / 100,100 around a mark of 100,000, where maintenance margin is 400 (0.4%).
 */
class CollateralTest {
    static final long S = 1_000_000_000L;
    static final String BTC = "BTCUSDT";
    static final long TRADER = 1;
    static final long SELLER = 2;
    static final long MAKER = 3;

    static long e8(String s) {
        return DecimalE8.parse(s);
    }

    static final CollateralAsset USDE_ON_BOOK = CollateralAsset.of("USDE", e8("0.1"), CollateralPricing.SPOT_BOOK);
    static final CollateralAsset USDE_REDEEMED = new CollateralAsset("USDE", e8("0.1"), CollateralPricing.REDEMPTION,
            e8("0.5"), e8("0.9"));

    Exchange ex;
    final List<ExchangeEvent> events = new ArrayList<>();

    void open(CollateralAsset... assets) {
        ex = new Exchange(List.of(new Exchange.SymbolSetup(Instruments.BTCUSDT, BracketTables.BTCUSDT_2025,
                FeeSchedule.BINANCE_VIP0, 20, List.of("spot"), e8("0.003"), e8("-0.003"), 8)),
                Exchange.Config.binance().withChecks(true).withCollateral(assets));
    }

    List<ExchangeEvent> run(ExchangeCommand c) {
        List<ExchangeEvent> ev = ex.submit(c);
        events.addAll(ev);
        return ev;
    }

    void limit(long ts, long account, Side side, String price, String qty) {
        run(new ExchangeCommand.Order(ts, BTC, Command.PlaceOrder.limit(ts, account, side, TimeInForce.GTC, e8(price), e8(qty))));
    }

    /** The trader, holding {@code units} of {@code asset} priced {@code price} by {@code source}, goes long 1 BTC. */
    void longOnCollateral(String asset, String units, CollateralPriceSource source, String price) {
        run(new ExchangeCommand.Deposit(0, Exchange.INSURANCE_FUND, e8("1000000")));
        run(new ExchangeCommand.Deposit(0, SELLER, e8("1000000")));
        run(new ExchangeCommand.Deposit(0, MAKER, e8("10000000")));
        run(new ExchangeCommand.CollateralPrice(0, asset, source, e8(price)));
        run(new ExchangeCommand.DepositCollateral(0, TRADER, asset, e8(units)));
        run(new ExchangeCommand.SpotPrice(0, BTC, "spot", e8("100000")));
        limit(0, SELLER, Side.SELL, "100000", "1");
        run(new ExchangeCommand.Order(0, BTC, Command.PlaceOrder.market(0, TRADER, Side.BUY, e8("1"))));
        limit(0, MAKER, Side.BUY, "99900", "5");
        limit(0, MAKER, Side.SELL, "100100", "5");
        run(new ExchangeCommand.AdvanceTime(5 * S));
        assertEquals(e8("100000"), ex.markPriceE8(BTC));
        assertEquals(1000, ex.ledger().positionLots(TRADER, 0));
        assertEquals(e8("-50"), ex.ledger().walletBalanceE8(TRADER));
    }

    List<String> stages() {
        return events.stream().filter(e -> e instanceof ExchangeEvent.Liquidation).map(e -> ((ExchangeEvent.Liquidation) e).stage()).toList();
    }

    <T extends ExchangeEvent> List<T> all(Class<T> type) {
        return events.stream().filter(type::isInstance).map(type::cast).toList();
    }

    @Test
    void collateralCountsAtPriceTimesOneMinusItsHaircut() {
        open(CollateralAsset.BTC);
        longOnCollateral("BTC", "0.1", CollateralPriceSource.ORACLE, "100000");
        // 0.1 BTC × 100,000 × (1 − 5%) = 9,500; the perp's unrealized PnL is 0 at the mark.
        assertEquals(e8("95000"), ex.collateralUnitValueE8("BTC"));
        assertEquals(e8("9500"), ex.ledger().collateralValueE8(TRADER));
        assertEquals(e8("9450"), ex.ledger().crossMarginBalanceE8(TRADER));
        // Available: 9,450 − 5,000 initial margin. Withdrawing USDT is limited by the USDT balance (−50): refused.
        assertEquals(e8("4450"), ex.ledger().availableBalanceE8(TRADER));
        ExchangeEvent.Rejected r = (ExchangeEvent.Rejected) run(new ExchangeCommand.Withdraw(6 * S, TRADER, e8("1"))).get(0);
        assertEquals("INSUFFICIENT_BALANCE", r.reason());
        ExchangeEvent.CollateralChanged deposit = all(ExchangeEvent.CollateralChanged.class).get(0);
        assertEquals(new ExchangeEvent.CollateralChanged(deposit.seq(), 0, TRADER, "BTC", "DEPOSIT", e8("0.1"), e8("0.1"),
                e8("9500")), deposit);
    }

    @Test
    void aHaircutRaisedAfterAnExploitLiquidatesAndTheFundTakesTheCollateral() {
        open(CollateralAsset.BTC);
        longOnCollateral("BTC", "0.1", CollateralPriceSource.ORACLE, "100000");
        // The venue now counts BTC at 4%: 0.1 × 100,000 × 0.04 = 400, margin 350 < maintenance 400.
        run(new ExchangeCommand.SetHaircut(6 * S, "BTC", e8("0.96")));
        ExchangeEvent.CollateralPrice price = all(ExchangeEvent.CollateralPrice.class).get(1);
        assertEquals(new ExchangeEvent.CollateralPrice(price.seq(), 6 * S, "BTC", "ORACLE", e8("100000"), e8("0.96"), e8("4000")), price);
        assertEquals(List.of("START", "ORDER", "FEE", "DONE"), stages());
        // Bankruptcy 100,000 − 350 = 99,650; the IOC sells 1 at 99,900: realized −100, taker fee 49.95, USDT −199.95.
        // The liquidation fee (1.25% of 99,900 = 1,248.75) is capped by the margin left, −199.95 + 400 = 200.05,
        // leaving USDT at −400: the fund takes 0.1 BTC (400 / 4,000 per unit) at its haircut value and pays 400.
        ExchangeEvent.Liquidation fee = all(ExchangeEvent.Liquidation.class).get(2);
        assertEquals(e8("200.05"), fee.amountE8());
        ExchangeEvent.CollateralChanged taken = all(ExchangeEvent.CollateralChanged.class).get(1);
        assertEquals(new ExchangeEvent.CollateralChanged(taken.seq(), 6 * S, TRADER, "BTC", "SETTLED_TO_FUND", e8("-0.1"), 0,
                e8("400")), taken);
        assertEquals(0, ex.ledger().walletBalanceE8(TRADER));
        assertEquals(0, ex.collateralUnitsE8(TRADER, "BTC"));
        assertEquals(e8("0.1"), ex.collateralUnitsE8(Exchange.INSURANCE_FUND, "BTC"));
        assertEquals(e8("1000000") + e8("200.05") - e8("400"), ex.ledger().walletBalanceE8(Exchange.INSURANCE_FUND));
        Exchange.Conservation c = ex.conservation();
        assertTrue(c.balanced(), c.toString());
        assertEquals(Map.of("BTC", e8("0.1")), c.collateralDepositedUnitsE8());
        assertEquals(Map.of("BTC", e8("0.1")), c.collateralHeldUnitsE8());
    }

    @Test
    void aHaircutThatMakesHundredsLiquidatableAtOnceLiquidatesThemAll() {
        // More accounts than the engine's per-pass buffer (256) cross at once, longs and shorts: every one is
        // liquidated over successive passes (this overflowed the buffer once, found by the simulator).
        open(CollateralAsset.BTC);
        run(new ExchangeCommand.Deposit(0, Exchange.INSURANCE_FUND, e8("1000000")));
        run(new ExchangeCommand.Deposit(0, MAKER, e8("100000000")));
        run(new ExchangeCommand.CollateralPrice(0, "BTC", CollateralPriceSource.ORACLE, e8("100000")));
        run(new ExchangeCommand.SpotPrice(0, BTC, "spot", e8("100000")));
        int pairs = 300;
        for (int i = 0; i < pairs; i++) {
            long longAccount = 10_000 + i;
            long shortAccount = 20_000 + i;
            run(new ExchangeCommand.DepositCollateral(0, longAccount, "BTC", e8("0.001")));
            run(new ExchangeCommand.DepositCollateral(0, shortAccount, "BTC", e8("0.001")));
            limit(0, shortAccount, Side.SELL, "100000", "0.01");
            run(new ExchangeCommand.Order(0, BTC, Command.PlaceOrder.market(0, longAccount, Side.BUY, e8("0.01"))));
        }
        limit(0, MAKER, Side.BUY, "99900", "10");
        limit(0, MAKER, Side.SELL, "100100", "10");
        run(new ExchangeCommand.AdvanceTime(5 * S));
        for (int i = 0; i < pairs; i++) {
            assertEquals(10, ex.ledger().positionLots(10_000 + i, 0));
            assertEquals(-10, ex.ledger().positionLots(20_000 + i, 0));
        }
        // Counted at 1%, 0.001 BTC is worth 1 USDT: below every account's maintenance margin (4 USDT).
        run(new ExchangeCommand.SetHaircut(6 * S, "BTC", e8("0.99")));
        for (int i = 0; i < pairs; i++) {
            assertEquals(0, ex.ledger().positionLots(10_000 + i, 0), "long " + i);
            assertEquals(0, ex.ledger().positionLots(20_000 + i, 0), "short " + i);
        }
        assertEquals(2 * pairs, stages().stream().filter("START"::equals).count());
        assertTrue(ex.conservation().balanced(), ex.conservation().toString());
    }

    @Test
    void aDepegOnTheVenuesOwnBookLiquidates() {
        open(USDE_ON_BOOK);
        longOnCollateral("USDE", "10000", CollateralPriceSource.SPOT_BOOK, "1");
        assertEquals(e8("9000"), ex.ledger().collateralValueE8(TRADER));   // 10,000 × 1.00 × 0.9
        // The venue's thin USDE book prints 0.04: 10,000 × 0.04 × 0.9 = 360; margin 310 < 400.
        run(new ExchangeCommand.CollateralPrice(6 * S, "USDE", CollateralPriceSource.SPOT_BOOK, e8("0.04")));
        assertEquals(List.of("START", "ORDER", "FEE", "DONE"), stages());
        // Bankruptcy 99,690; sold at 99,900: USDT −199.95, fee capped at 160.05, USDT −360 = all 10,000 USDE at 0.036.
        assertEquals(e8("160.05"), all(ExchangeEvent.Liquidation.class).get(2).amountE8());
        assertEquals(0, ex.collateralUnitsE8(TRADER, "USDE"));
        assertEquals(e8("10000"), ex.collateralUnitsE8(Exchange.INSURANCE_FUND, "USDE"));
        assertEquals(0, ex.ledger().walletBalanceE8(TRADER));
    }

    @Test
    void theSameDepegPricedByRedemptionWithAFloorLiquidatesNothing() {
        open(USDE_REDEEMED);
        run(new ExchangeCommand.CollateralPrice(0, "USDE", CollateralPriceSource.REDEMPTION, e8("1")));
        longOnCollateral("USDE", "10000", CollateralPriceSource.SPOT_BOOK, "1");
        assertEquals(e8("1"), ex.collateralPriceE8("USDE"));
        // 0.5 × 1.00 redemption + 0.5 × 0.04 book = 0.52, under the floor: 0.90 counts, so 10,000 × 0.9 × 0.9 = 8,100.
        run(new ExchangeCommand.CollateralPrice(6 * S, "USDE", CollateralPriceSource.SPOT_BOOK, e8("0.04")));
        assertEquals(e8("0.9"), ex.collateralPriceE8("USDE"));
        assertEquals(e8("8100"), ex.ledger().collateralValueE8(TRADER));
        // A milder print: 0.5 × 1.00 + 0.5 × 0.96 = 0.98, above the floor.
        run(new ExchangeCommand.CollateralPrice(7 * S, "USDE", CollateralPriceSource.SPOT_BOOK, e8("0.96")));
        assertEquals(e8("0.98"), ex.collateralPriceE8("USDE"));
        assertEquals(List.of(), stages());
        assertEquals(1000, ex.ledger().positionLots(TRADER, 0));
    }

    @Test
    void aCandidateThePolicyDoesNotUseChangesNothing() {
        open(CollateralAsset.BTC);
        longOnCollateral("BTC", "0.1", CollateralPriceSource.ORACLE, "100000");
        int before = all(ExchangeEvent.CollateralPrice.class).size();
        run(new ExchangeCommand.CollateralPrice(6 * S, "BTC", CollateralPriceSource.SPOT_BOOK, e8("1000")));
        assertEquals(before, all(ExchangeEvent.CollateralPrice.class).size());
        assertEquals(e8("100000"), ex.collateralPriceE8("BTC"));
        assertEquals(List.of(), stages());
    }

    @Test
    void badCollateralCommandsAreRejected() {
        open(CollateralAsset.BTC);
        assertEquals("UNKNOWN_ASSET", ((ExchangeEvent.Rejected) run(new ExchangeCommand.DepositCollateral(0, TRADER, "DOGE", e8("1"))).get(0)).reason());
        assertEquals("NOT_POSITIVE", ((ExchangeEvent.Rejected) run(new ExchangeCommand.DepositCollateral(0, TRADER, "BTC", 0)).get(0)).reason());
        assertEquals("PRICE_NOT_POSITIVE", ((ExchangeEvent.Rejected) run(new ExchangeCommand.CollateralPrice(0, "BTC",
                CollateralPriceSource.ORACLE, 0)).get(0)).reason());
        assertEquals("HAIRCUT_OUT_OF_RANGE", ((ExchangeEvent.Rejected) run(new ExchangeCommand.SetHaircut(0, "BTC", e8("1.5"))).get(0)).reason());
        assertEquals("UNKNOWN_ASSET", ((ExchangeEvent.Rejected) run(new ExchangeCommand.SetHaircut(0, "ETH", e8("0.1"))).get(0)).reason());
    }

    @Test
    void aFlatAccountsNegativeUsdtIsSettledFromItsCollateral() {
        open(CollateralAsset.BTC);
        longOnCollateral("BTC", "0.1", CollateralPriceSource.ORACLE, "100000");
        // The trader closes at 99,900 (maker's bid): realized −100, taker fee 49.95: USDT −199.95 with no position left.
        run(new ExchangeCommand.Order(6 * S, BTC, Command.PlaceOrder.market(6 * S, TRADER, Side.SELL, e8("1"))));
        // Settled at once: ⌈199.95 / 95,000⌉ = 0.00210474 BTC, worth 199.9503 at the haircut value.
        assertEquals(e8("0.1") - e8("0.00210474"), ex.collateralUnitsE8(TRADER, "BTC"));
        assertEquals(e8("0.0003"), ex.ledger().walletBalanceE8(TRADER));
        assertEquals(e8("0.00210474"), ex.collateralUnitsE8(Exchange.INSURANCE_FUND, "BTC"));
    }
}
