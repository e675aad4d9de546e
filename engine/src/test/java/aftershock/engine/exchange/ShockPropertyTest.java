package aftershock.engine.exchange;

import aftershock.engine.api.Command;
import aftershock.engine.api.DecimalE8;
import aftershock.engine.api.Instruments;
import aftershock.engine.api.OrderType;
import aftershock.engine.api.Side;
import aftershock.engine.api.TimeInForce;
import aftershock.engine.api.WorkingType;
import aftershock.engine.halt.CircuitBreaker;
import aftershock.engine.halt.CircuitBreaker.DuringHalt;
import aftershock.engine.halt.CircuitBreaker.Resumption;
import aftershock.engine.halt.CircuitBreaker.Tier;
import aftershock.engine.halt.CircuitBreaker.TriggerPrice;
import aftershock.engine.liquidation.AdlPolicy;
import aftershock.engine.liquidation.Backstop;
import aftershock.engine.liquidation.LiquidationPolicy;
import aftershock.engine.margin.BracketTables;
import aftershock.engine.margin.CollateralAsset;
import aftershock.engine.margin.CollateralPriceSource;
import aftershock.engine.margin.CollateralPricing;
import aftershock.engine.margin.FeeSchedule;
import aftershock.engine.margin.MarginMode;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Property test: random order flow on two symbols with random shocks — index gaps (mark moves), collateral depegs
 * on the venue's book, oracle moves, haircut changes, and the halts they trip — under every liquidation policy, ADL
 * policies, the backstop vault and circuit-breaker policies. After every command the exchange audits itself
 * ({@link Exchange#checkInvariants}: conservation to the unit in USDT and in collateral units, zero-sum positions,
 * no trader left with negative equity unless a socialized loss was recorded, books sound); this test also checks the
 * conservation statement and that the venue never holds a halted book's mark. Seeded: a failure names the seed and
 * step; {@code -Dproperty.seed=N} replays one seed, {@code -Dproperty.steps=N} runs longer.
 */
class ShockPropertyTest {
    private static final int STEPS = Integer.getInteger("property.steps", 2_500);
    private static final long SEED = Long.getLong("property.seed", 20251010L);
    private static final long S = 1_000_000_000L;
    private static final String BTC = "BTCUSDT";
    private static final String ETH = "ETHUSDT";

    static long e8(String s) {
        return DecimalE8.parse(s);
    }

    record Setup(String name, Exchange.Config config) {
    }

    static List<Setup> setups() {
        CircuitBreaker lastQueueAuction = CircuitBreaker.of(TriggerPrice.LAST, 60 * S, DuringHalt.QUEUE, Resumption.AUCTION,
                new Tier(e8("0.04"), 30 * S, e8("0.08")), new Tier(e8("0.09"), 60 * S, 0));
        CircuitBreaker markRejectResume = CircuitBreaker.of(TriggerPrice.MARK, 120 * S, DuringHalt.REJECT, Resumption.RESUME,
                new Tier(e8("0.05"), 20 * S, 0));
        CircuitBreaker lastQueueResume = CircuitBreaker.of(TriggerPrice.LAST, 30 * S, DuringHalt.QUEUE, Resumption.RESUME,
                new Tier(e8("0.03"), 15 * S, 0), new Tier(e8("0.07"), 45 * S, 0));
        CollateralAsset usdeOnBook = CollateralAsset.of("USDE", e8("0.1"), CollateralPricing.SPOT_BOOK);
        CollateralAsset usdeRedeemed = new CollateralAsset("USDE", e8("0.1"), CollateralPricing.REDEMPTION, e8("0.5"), e8("0.9"));
        Exchange.Config base = Exchange.Config.binance().withChecks(true);
        return List.of(
                new Setup("binance", base.withCollateral(CollateralAsset.BTC, usdeOnBook, CollateralAsset.LP)),
                new Setup("binance+vault+auction", base.withBackstop(Backstop.Reference.BANKRUPTCY, e8("0.01"))
                        .withCircuitBreaker(lastQueueAuction).withCollateral(CollateralAsset.BTC, usdeRedeemed, CollateralAsset.LP)),
                new Setup("hyperliquid+markHalts", base.withLiquidationPolicy(LiquidationPolicy.HYPERLIQUID)
                        .withAdlPolicy(AdlPolicy.HYPERLIQUID).withBackstop(Backstop.Reference.MARK, e8("0.005"))
                        .withCircuitBreaker(markRejectResume).withCollateral(CollateralAsset.BTC, usdeOnBook, CollateralAsset.LP)),
                new Setup("bybit+proRata+queue", base.withLiquidationPolicy(LiquidationPolicy.BYBIT).withAdlPolicy(AdlPolicy.PRO_RATA)
                        .withCircuitBreaker(lastQueueResume).withCollateral(CollateralAsset.BTC, usdeOnBook, CollateralAsset.LP)),
                new Setup("binance+minDeviation+bands", base.withAdlPolicy(AdlPolicy.MIN_DEVIATION)
                        .withProtection(e8("0.05"), e8("0.03")).withCircuitBreaker(lastQueueAuction)
                        .withLiquidationFee(ETH, e8("0.005")).withCollateral(CollateralAsset.BTC, usdeOnBook)),
                new Setup("bybit+vault+hlAdl", base.withLiquidationPolicy(LiquidationPolicy.BYBIT).withAdlPolicy(AdlPolicy.HYPERLIQUID)
                        .withBackstop(Backstop.Reference.MARK, e8("0.02")).withCollateral(CollateralAsset.ETH, usdeRedeemed)));
    }

    @Test
    void everyInvariantHoldsUnderRandomFlowAndShocks() {
        Map<String, Integer> totals = new TreeMap<>();
        List<Setup> setups = setups();
        for (int i = 0; i < setups.size(); i++) {
            Map<String, Integer> seen = run(setups.get(i), SEED + i);
            seen.remove("log");
            seen.forEach((k, v) -> totals.merge(k, v, Integer::sum));
        }
        System.out.println("seed=" + SEED + " steps=" + STEPS + " per setup, coverage=" + totals);
        assertTrue(totals.getOrDefault("liquidation", 0) > 0, "the shocks should liquidate someone: " + totals);
        assertTrue(totals.getOrDefault("halt", 0) > 0, "the shocks should trip a breaker: " + totals);
        assertTrue(totals.getOrDefault("collateral settled", 0) > 0, "collateral should be taken by the fund: " + totals);
        assertTrue(totals.getOrDefault("auction", 0) > 0, "a halt should end in an auction: " + totals);
        assertTrue(totals.getOrDefault("stage BACKSTOP", 0) > 0, "the vault should take something over: " + totals);
    }

    @Test
    void theSameSeedGivesTheSameEventLog() {
        Setup setup = setups().get(1);
        Map<String, Integer> first = run(setup, SEED);
        Map<String, Integer> second = run(setup, SEED);
        assertEquals(first.get("log"), second.get("log"), "event-log digest of seed " + SEED);
        assertEquals(first, second);
    }

    /** One seeded run; returns what happened (for coverage). */
    Map<String, Integer> run(Setup setup, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        Exchange ex = new Exchange(List.of(
                new Exchange.SymbolSetup(Instruments.BTCUSDT, BracketTables.BTCUSDT_2025, FeeSchedule.BINANCE_VIP0, 20,
                        List.of("spot"), e8("0.003"), e8("-0.003"), 8),
                new Exchange.SymbolSetup(Instruments.ETHUSDT, BracketTables.ETHUSDT_2025, FeeSchedule.BINANCE_VIP0, 20,
                        List.of("spot"), e8("0.003"), e8("-0.003"), 8)), setup.config());
        List<String> assets = setup.config().collateralAssets().stream().map(CollateralAsset::name).toList();
        Map<String, Integer> seen = new TreeMap<>();
        long[] mid = {100_000, 4_000};          // whole USDT
        long[] assetPrice = new long[assets.size()];
        long ts = 0;
        int step = 0;
        ExchangeCommand c = null;
        try {
            // Setup: a fund, a vault, makers with USDT, traders with a little USDT and some collateral.
            step(ex, new ExchangeCommand.Deposit(0, Exchange.INSURANCE_FUND, e8(Long.toString(2_000 + r.nextInt(20_000)))), seen);
            step(ex, new ExchangeCommand.Deposit(0, Exchange.BACKSTOP_VAULT, e8(Long.toString(50_000 + r.nextInt(500_000)))), seen);
            for (int k = 0; k < assets.size(); k++) {
                String a = assets.get(k);
                assetPrice[k] = a.equals("BTC") ? e8("100000") : a.equals("ETH") ? e8("4000") : a.equals("LP") ? e8("50") : e8("1");
                step(ex, new ExchangeCommand.CollateralPrice(0, a, CollateralPriceSource.ORACLE, assetPrice[k]), seen);
                step(ex, new ExchangeCommand.CollateralPrice(0, a, CollateralPriceSource.SPOT_BOOK, assetPrice[k]), seen);
                step(ex, new ExchangeCommand.CollateralPrice(0, a, CollateralPriceSource.REDEMPTION, assetPrice[k]), seen);
            }
            for (long a = 1; a <= 4; a++) {
                step(ex, new ExchangeCommand.Deposit(0, a, e8("3000000")), seen);
            }
            for (long a = 5; a <= 12; a++) {
                step(ex, new ExchangeCommand.Deposit(0, a, e8(Long.toString(2_000 + r.nextInt(15_000)))), seen);
                step(ex, new ExchangeCommand.SetLeverage(0, a, r.nextBoolean() ? BTC : ETH, 20 + r.nextInt(80)), seen);
                if (!assets.isEmpty() && r.nextInt(3) > 0) {
                    int k = r.nextInt(assets.size());
                    long value = e8(Long.toString(3_000 + r.nextInt(20_000)));
                    step(ex, new ExchangeCommand.DepositCollateral(0, a, assets.get(k),
                            aftershock.engine.margin.Fixed.mulDiv(value, aftershock.engine.margin.Fixed.E8, assetPrice[k],
                                    aftershock.engine.margin.Fixed.Round.FLOOR)), seen);
                }
                if (r.nextInt(4) == 0) {
                    step(ex, new ExchangeCommand.SetMarginMode(0, a, r.nextBoolean() ? BTC : ETH, MarginMode.ISOLATED), seen);
                }
            }
            step(ex, new ExchangeCommand.SpotPrice(0, BTC, "spot", e8(Long.toString(mid[0]))), seen);
            step(ex, new ExchangeCommand.SpotPrice(0, ETH, "spot", e8(Long.toString(mid[1]))), seen);
            for (step = 0; step < STEPS; step++) {
                ts += r.nextInt(4) * S + r.nextInt(1000) * 1_000_000L;
                int sym = r.nextInt(4) == 0 ? 1 : 0;
                String symbol = sym == 0 ? BTC : ETH;
                long unit = sym == 0 ? 100 : 5;   // price noise in whole USDT
                int roll = r.nextInt(100);
                if (roll < 40) {
                    // Makers quote around the mid; traders take or quote with size.
                    long account = roll < 25 ? 1 + r.nextInt(4) : 5 + r.nextInt(8);
                    Side side = r.nextBoolean() ? Side.BUY : Side.SELL;
                    long price = Math.max(1, mid[sym] + (r.nextInt(21) - 10) * unit / 2);
                    String qty = DecimalE8.format((sym == 0 ? 1 + r.nextInt(400) : 25 + r.nextInt(4000)) * 100_000L);
                    Command.PlaceOrder p = r.nextInt(4) == 0
                            ? Command.PlaceOrder.market(ts, account, side, e8(qty))
                            : new Command.PlaceOrder(ts, account, 0, side, OrderType.LIMIT, r.nextInt(5) == 0 ? TimeInForce.IOC : TimeInForce.GTC,
                            e8(Long.toString(price)), e8(qty), 0, WorkingType.CONTRACT_PRICE, false, Command.PlaceOrder.DEFAULT_STP);
                    c = new ExchangeCommand.Order(ts, symbol, p);
                } else if (roll < 48) {
                    c = new ExchangeCommand.Order(ts, symbol, new Command.CancelAll(ts, 1 + r.nextInt(12)));
                } else if (roll < 62) {
                    // The index drifts, sometimes gaps (a shock that moves the mark).
                    long move = r.nextInt(30) == 0 ? (r.nextBoolean() ? 1 : -1) * mid[sym] * (5 + r.nextInt(10)) / 100
                            : (r.nextInt(11) - 5) * unit;
                    mid[sym] = Math.max(sym == 0 ? 20_000 : 800, mid[sym] + move);
                    c = new ExchangeCommand.SpotPrice(ts, symbol, "spot", e8(Long.toString(mid[sym])));
                    seen.merge(Math.abs(move) > 10 * unit ? "index gap" : "index drift", 1, Integer::sum);
                } else if (roll < 70 && !assets.isEmpty()) {
                    // A collateral price: the venue's book depegs and recovers, the oracle follows its market.
                    int k = r.nextInt(assets.size());
                    String a = assets.get(k);
                    CollateralPriceSource source = CollateralPriceSource.values()[r.nextInt(3)];
                    long price = assetPrice[k];
                    if (r.nextInt(5) == 0) {
                        price = aftershock.engine.margin.Fixed.mulDiv(price, 20 + r.nextInt(80), 100, aftershock.engine.margin.Fixed.Round.FLOOR);
                        seen.merge("depeg", 1, Integer::sum);
                    }
                    c = new ExchangeCommand.CollateralPrice(ts, a, source, Math.max(1, price));
                } else if (roll < 73 && !assets.isEmpty()) {
                    long haircut = r.nextInt(10) == 0 ? e8("0.9") : r.nextInt(50) * 1_000_000L;
                    c = new ExchangeCommand.SetHaircut(ts, assets.get(r.nextInt(assets.size())), haircut);
                    seen.merge("haircut", 1, Integer::sum);
                } else if (roll < 76 && !assets.isEmpty()) {
                    int k = r.nextInt(assets.size());
                    c = new ExchangeCommand.DepositCollateral(ts, 5 + r.nextInt(8), assets.get(k),
                            aftershock.engine.margin.Fixed.mulDiv(e8("1000"), aftershock.engine.margin.Fixed.E8, assetPrice[k],
                                    aftershock.engine.margin.Fixed.Round.FLOOR));
                } else if (roll < 80) {
                    c = new ExchangeCommand.Withdraw(ts, 1 + r.nextInt(12), e8(Long.toString(1 + r.nextInt(500))));
                } else if (roll < 83) {
                    c = new ExchangeCommand.Deposit(ts, 5 + r.nextInt(8), e8(Long.toString(500 + r.nextInt(5000))));
                } else if (roll < 85) {
                    long account = 5 + r.nextInt(8);
                    c = new ExchangeCommand.SetLeverage(ts, account, symbol, 1 + r.nextInt(100));
                } else {
                    c = new ExchangeCommand.AdvanceTime(ts + r.nextInt(120) * S);
                }
                step(ex, c, seen);
                ts = ex.nowNanos();
            }
            // Let every halt end and every queue drain.
            c = new ExchangeCommand.AdvanceTime(ts + 3_600 * S);
            step(ex, c, seen);
        } catch (RuntimeException | AssertionError e) {
            throw new AssertionError("setup=" + setup.name() + " seed=" + seed + " step " + step + " " + c + ": " + e
                    + "\n" + describe(ex), e);
        }
        assertTrue(ex.conservation().balanced(), "seed=" + seed + ": " + ex.conservation());
        return seen;
    }

    /** The traders' state, for a failure message. */
    static String describe(Exchange ex) {
        StringBuilder sb = new StringBuilder();
        aftershock.engine.margin.Ledger l = ex.ledger();
        for (long a : l.accountIds()) {
            sb.append("account ").append(a).append(": wallet ").append(DecimalE8.format(l.walletBalanceE8(a)))
                    .append(" cross ").append(DecimalE8.format(l.crossWalletE8(a)))
                    .append(" collateral ").append(DecimalE8.format(l.collateralValueE8(a)))
                    .append(" margin ").append(DecimalE8.format(l.crossMarginBalanceE8(a)))
                    .append(" mm ").append(DecimalE8.format(l.crossMaintenanceMarginE8(a)))
                    .append(" liquidatable ").append(l.crossLiquidatable(a));
            for (int s = 0; s < l.symbolCount(); s++) {
                if (l.positionLots(a, s) != 0) {
                    sb.append(" | ").append(l.spec(s).instrument().symbol()).append(' ').append(l.positionLots(a, s))
                            .append(' ').append(l.marginMode(a, s)).append(" lp ").append(DecimalE8.format(l.liquidationPriceE8(a, s)))
                            .append(" mark ").append(DecimalE8.format(l.markPriceE8(s))).append(" tier ").append(l.riskTier(a, s))
                            .append(" iso ").append(DecimalE8.format(l.isolatedWalletE8(a, s)));
                }
            }
            sb.append('\n');
        }
        return sb.toString();
    }

    private static void step(Exchange ex, ExchangeCommand c, Map<String, Integer> seen) {
        List<ExchangeEvent> events = ex.submit(c);   // the exchange audits every invariant after the command
        Exchange.Conservation statement = ex.conservation();
        assertTrue(statement.balanced(), statement.toString());
        for (ExchangeEvent e : events) {
            seen.merge("log", e.toString().hashCode(), (x, y) -> 31 * x + y);   // a digest of the whole event log
            if (e instanceof ExchangeEvent.Liquidation l) {
                seen.merge("stage " + l.stage(), 1, Integer::sum);
                if (l.stage().equals("START")) {
                    seen.merge("liquidation", 1, Integer::sum);
                }
            } else if (e instanceof ExchangeEvent.Halt h && h.stage().equals("START")) {
                seen.merge("halt", 1, Integer::sum);
            } else if (e instanceof ExchangeEvent.Auction a) {
                seen.merge(a.qtyE8() > 0 ? "auction" : "auction empty", 1, Integer::sum);
            } else if (e instanceof ExchangeEvent.CollateralChanged cc && cc.reason().equals("SETTLED_TO_FUND") && cc.unitsE8() < 0) {
                seen.merge("collateral settled", 1, Integer::sum);
            } else if (e instanceof ExchangeEvent.QueuedOrder q) {
                seen.merge("queued " + q.action(), 1, Integer::sum);
            }
        }
        for (String symbol : ex.symbols()) {
            if (!ex.isHalted(symbol)) {
                assertEquals(ex.markPriceE8(symbol), ex.book(symbol).markPriceE8(), "an open book has the current mark");
            }
            assertEquals(0, ex.isHalted(symbol) ? 0 : ex.haltEndNanos(symbol));
        }
    }
}
