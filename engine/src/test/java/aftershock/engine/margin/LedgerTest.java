package aftershock.engine.margin;

import aftershock.engine.api.DecimalE8;
import aftershock.engine.api.Instruments;
import aftershock.engine.api.Side;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Accounting rules of the ledger, with hand-computed figures; conservation checked after every step. */
class LedgerTest {
    static final int BTC = 0;
    static final long ALICE = 1;
    static final long BOB = 2;
    static final long CAROL = 3;

    Ledger ledger;

    static long e8(String s) {
        return DecimalE8.parse(s);
    }

    /** BTCUSDT price in ticks of 0.10. */
    static long ticks(String price) {
        return e8(price) / Instruments.BTCUSDT.tickSizeE8();
    }

    /** BTC quantity in lots of 0.001. */
    static long lots(String qty) {
        return e8(qty) / Instruments.BTCUSDT.stepSizeE8();
    }

    @BeforeEach
    void setUp() {
        ledger = new Ledger(List.of(new Ledger.SymbolSpec(Instruments.BTCUSDT, BracketTables.BTCUSDT_2025,
                FeeSchedule.BINANCE_VIP0, 20)));
        assertNull(ledger.deposit(ALICE, e8("10000")));
        assertNull(ledger.deposit(BOB, e8("10000")));
        assertNull(ledger.deposit(CAROL, e8("10000")));
    }

    /** Alice buys (taker) from Bob (maker): both sides of one trade. */
    void trade(long buyer, long seller, String price, String qty, boolean buyerIsTaker) {
        ledger.applyFill(buyer, BTC, Side.BUY, ticks(price), lots(qty), !buyerIsTaker);
        ledger.applyFill(seller, BTC, Side.SELL, ticks(price), lots(qty), buyerIsTaker);
        ledger.checkConservation();
    }

    @Test
    void feesAreChargedOnTheFillNotionalTakerAndMaker() {
        trade(ALICE, BOB, "100000", "1", true);
        // 100,000 × 0.05% = 50 taker; × 0.02% = 20 maker.
        assertEquals(e8("50"), ledger.feesPaidE8(ALICE));
        assertEquals(e8("20"), ledger.feesPaidE8(BOB));
        assertEquals(e8("9950"), ledger.walletBalanceE8(ALICE));
        assertEquals(e8("70"), ledger.feesCollectedE8());
    }

    @Test
    void unrealizedPnlFollowsTheMarkBothWays() {
        trade(ALICE, BOB, "100000", "1", true);
        ledger.setMarkPrice(BTC, e8("101000"));
        assertEquals(e8("1000"), ledger.unrealizedPnlE8(ALICE, BTC));
        assertEquals(e8("-1000"), ledger.unrealizedPnlE8(BOB, BTC));
        assertEquals(e8("101000"), ledger.notionalE8(ALICE, BTC));
        assertEquals(e8("100000"), ledger.entryPriceE8(ALICE, BTC));
    }

    @Test
    void reducingRealizesPnlOnTheClosedPartAtTheAverageEntry() {
        trade(ALICE, BOB, "100000", "0.5", true);
        trade(ALICE, BOB, "102000", "0.5", true);   // average entry 101,000
        assertEquals(e8("101000"), ledger.entryPriceE8(ALICE, BTC));
        trade(CAROL, ALICE, "103000", "0.4", true); // Alice sells 0.4 at 103,000 as maker
        // realized = 0.4 × (103,000 − 101,000) = 800
        assertEquals(e8("800"), ledger.realizedPnlE8(ALICE));
        assertEquals(lots("0.6"), ledger.positionLots(ALICE, BTC));
        assertEquals(e8("101000"), ledger.entryPriceE8(ALICE, BTC));
    }

    @Test
    void flippingClosesThenOpensAtTheFillPrice() {
        trade(ALICE, BOB, "100000", "1", true);
        trade(BOB, ALICE, "99000", "1.5", true);     // Alice sells 1.5: closes 1 (−1,000), opens 0.5 short at 99,000
        assertEquals(e8("-1000"), ledger.realizedPnlE8(ALICE));
        assertEquals(-lots("0.5"), ledger.positionLots(ALICE, BTC));
        assertEquals(e8("99000"), ledger.entryPriceE8(ALICE, BTC));
    }

    @Test
    void fundingMovesMoneyFromLongsToShortsWhenPositive() {
        trade(ALICE, BOB, "100000", "1", true);
        ledger.setMarkPrice(BTC, e8("100000"));
        long aliceBefore = ledger.walletBalanceE8(ALICE);
        long bobBefore = ledger.walletBalanceE8(BOB);
        List<Ledger.FundingPayment> pays = ledger.settleFunding(BTC, e8("0.0001"));
        // 1 BTC × 100,000 × 0.01% = 10 USDT
        assertEquals(List.of(new Ledger.FundingPayment(ALICE, -e8("10")), new Ledger.FundingPayment(BOB, e8("10"))), pays);
        assertEquals(aliceBefore - e8("10"), ledger.walletBalanceE8(ALICE));
        assertEquals(bobBefore + e8("10"), ledger.walletBalanceE8(BOB));
        assertEquals(e8("10"), ledger.fundingPaidE8(ALICE));
        assertEquals(0, ledger.fundingRemainderE8());
        ledger.checkConservation();
    }

    @Test
    void fundingRoundingRemainderStaysWithTheVenueAndIsNeverNegative() {
        trade(ALICE, BOB, "100000.1", "0.003", true);
        trade(ALICE, CAROL, "100000.1", "0.004", true);
        ledger.setMarkPrice(BTC, e8("100000.12345678"));
        ledger.settleFunding(BTC, e8("0.00012345"));
        assertTrue(ledger.fundingRemainderE8() >= 0, "remainder " + ledger.fundingRemainderE8());
        ledger.checkConservation();
    }

    @Test
    void maintenanceMarginUsesTheBracketOfTheNotional() {
        BracketTable t = BracketTables.BTCUSDT_2025;
        assertEquals(e8("400"), t.maintenanceMarginE8(e8("100000")));          // 100,000 × 0.4%
        assertEquals(e8("2200"), t.maintenanceMarginE8(e8("500000")));         // 500,000 × 0.5% − 300
        assertEquals(e8("18000"), t.maintenanceMarginE8(e8("3000000")));       // 3,000,000 × 1% − 12,000
        assertEquals(150, t.maxLeverage());
        assertEquals(e8("300000"), t.maxNotionalE8(150));
        assertEquals(e8("12000000"), t.maxNotionalE8(50));
    }

    @Test
    void aBracketTableBreakingTheMaintenanceRecurrenceIsRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> BracketTable.of("X", "d", "test",
                new String[][] {{"100", "0", "1000", "0.01", "0"}, {"50", "1000", "5000", "0.02", "11"}}));
        assertTrue(e.getMessage().contains("recurrence"), e.getMessage());
    }

    @Test
    void isolatedLongLiquidationAndBankruptcyPrices() {
        assertNull(ledger.setMarginMode(ALICE, BTC, MarginMode.ISOLATED));
        assertNull(ledger.setLeverage(ALICE, BTC, 10));
        trade(ALICE, BOB, "100000", "1", true);
        ledger.setMarkPrice(BTC, e8("100000"));
        // Opening moved 100,000 / 10 = 10,000 into the position's margin.
        assertEquals(e8("10000"), ledger.isolatedWalletE8(ALICE, BTC));
        // LP = (10,000 − 100,000) / (1 × 0.004 − 1) = 90,361.44578313…, rounded up for a long.
        assertEquals(e8("90361.44578314"), ledger.liquidationPriceE8(ALICE, BTC));
        // BP = (10,000 − 100,000) / (−1) = 90,000.
        assertEquals(e8("90000"), ledger.bankruptcyPriceE8(ALICE, BTC));
    }

    @Test
    void crossShortLiquidationPriceUsesTheWholeWallet() {
        trade(ALICE, BOB, "100000", "1", true); // Bob short 1 at 100,000 (maker fee 20): cross wallet 9,980
        ledger.setMarkPrice(BTC, e8("100000"));
        // LP = (9,980 + 0 + 100,000) / (1 × 0.004 + 1) = 109,541.83266932…, rounded down for a short.
        assertEquals(e8("109541.83266932"), ledger.liquidationPriceE8(BOB, BTC));
        assertEquals(e8("109980"), ledger.bankruptcyPriceE8(BOB, BTC));
    }

    @Test
    void withdrawalThatWouldBreachInitialMarginIsRefused() {
        trade(ALICE, BOB, "100000", "1", true);  // 20× default: IM 5,000; Alice wallet 9,950
        ledger.setMarkPrice(BTC, e8("100000"));
        assertEquals(e8("4950"), ledger.availableBalanceE8(ALICE));
        assertEquals(Ledger.Refusal.INSUFFICIENT_BALANCE, ledger.withdraw(ALICE, e8("4950.00000001")));
        assertNull(ledger.withdraw(ALICE, e8("4950")));
        ledger.checkConservation();
    }

    @Test
    void leverageIsLimitedByTheBracketOfTheOpenPosition() {
        trade(ALICE, BOB, "100000", "4", true); // notional 400,000: above tier 1's cap (300,000, 150×)
        ledger.setMarkPrice(BTC, e8("100000"));
        assertEquals(Ledger.Refusal.POSITION_TOO_LARGE_FOR_LEVERAGE, ledger.setLeverage(ALICE, BTC, 125));
        assertNull(ledger.setLeverage(ALICE, BTC, 100));
        assertEquals(Ledger.Refusal.LEVERAGE_OUT_OF_RANGE, ledger.setLeverage(ALICE, BTC, 151));
        assertEquals(Ledger.Refusal.POSITION_OPEN, ledger.setMarginMode(ALICE, BTC, MarginMode.ISOLATED));
    }

    @Test
    void isolatedMarginCanBeAddedAndRemovedDownToInitialMargin() {
        assertNull(ledger.setMarginMode(ALICE, BTC, MarginMode.ISOLATED));
        assertNull(ledger.setLeverage(ALICE, BTC, 10));
        trade(ALICE, BOB, "100000", "0.5", true);
        ledger.setMarkPrice(BTC, e8("100000"));
        assertEquals(e8("5000"), ledger.isolatedWalletE8(ALICE, BTC));
        assertNull(ledger.adjustIsolatedMargin(ALICE, BTC, e8("1000")));
        assertEquals(e8("6000"), ledger.isolatedWalletE8(ALICE, BTC));
        assertEquals(Ledger.Refusal.ISOLATED_MARGIN_TOO_LOW, ledger.adjustIsolatedMargin(ALICE, BTC, -e8("1000.00000001")));
        assertNull(ledger.adjustIsolatedMargin(ALICE, BTC, -e8("1000")));
        ledger.checkConservation();
        // Closing returns the isolated margin and the realized PnL to the cross wallet.
        trade(BOB, ALICE, "101000", "0.5", true);
        assertEquals(0, ledger.isolatedWalletE8(ALICE, BTC));
        assertEquals(e8("500"), ledger.realizedPnlE8(ALICE));
    }

    @Test
    void moneyIsConservedOverRandomTradingFundingAndTransfers() {
        long seed = Long.getLong("property.seed", 20251103L);
        SplittableRandom r = new SplittableRandom(seed);
        long[] accounts = {1, 2, 3, 4, 5, 6};
        for (long a : accounts) {
            ledger.deposit(a, e8("1000000"));
        }
        long mid = ticks("100000");
        for (int i = 0; i < 20_000; i++) {
            mid = Math.max(ticks("1000"), mid + r.nextInt(201) - 100);
            int k = r.nextInt(100);
            try {
                if (k < 70) {
                    long buyer = accounts[r.nextInt(accounts.length)];
                    long seller = accounts[r.nextInt(accounts.length)];
                    long price = mid + r.nextInt(21) - 10;
                    long qty = 1 + r.nextInt(2000);
                    boolean takerBuys = r.nextBoolean();
                    ledger.applyFill(buyer, BTC, Side.BUY, price, qty, !takerBuys);
                    ledger.applyFill(seller, BTC, Side.SELL, price, qty, takerBuys);
                } else if (k < 85) {
                    ledger.setMarkPrice(BTC, mid * Instruments.BTCUSDT.tickSizeE8() + r.nextInt(10_000_000));
                } else if (k < 90) {
                    if (ledger.markPriceE8(BTC) > 0) {
                        ledger.settleFunding(BTC, r.nextInt(2001) - 1000);
                    }
                } else if (k < 94) {
                    ledger.deposit(accounts[r.nextInt(accounts.length)], 1 + r.nextInt(1_000_000_000));
                } else if (k < 97) {
                    if (ledger.markPriceE8(BTC) > 0) {
                        ledger.withdraw(accounts[r.nextInt(accounts.length)], 1 + r.nextInt(1_000_000_000));
                    }
                } else {
                    long a = accounts[r.nextInt(accounts.length)];
                    if (ledger.positionLots(a, BTC) == 0) {
                        ledger.setMarginMode(a, BTC, r.nextBoolean() ? MarginMode.CROSS : MarginMode.ISOLATED);
                    }
                }
                ledger.checkConservation();
            } catch (RuntimeException e) {
                throw new AssertionError("seed=" + seed + " step " + i + ": " + e.getMessage(), e);
            }
        }
    }
}
