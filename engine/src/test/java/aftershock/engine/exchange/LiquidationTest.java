package aftershock.engine.exchange;

import aftershock.engine.api.Command;
import aftershock.engine.api.DecimalE8;
import aftershock.engine.api.Instruments;
import aftershock.engine.api.Side;
import aftershock.engine.api.TimeInForce;
import aftershock.engine.margin.BracketTables;
import aftershock.engine.margin.FeeSchedule;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The Binance liquidation process on one long: 1 BTC bought at 100,000 with 10,000 of wallet (cross, 20×):
 * liquidation price 90,361.45, bankruptcy price 90,000. The market then drops to 90,300.
 */
class LiquidationTest {
    static final long S = 1_000_000_000L;
    static final String BTC = "BTCUSDT";
    static final long TRADER = 1;
    static final long SELLER = 2;
    static final long MAKER = 3;

    static long e8(String s) {
        return DecimalE8.parse(s);
    }

    Exchange ex = new Exchange(List.of(new Exchange.SymbolSetup(Instruments.BTCUSDT, BracketTables.BTCUSDT_2025,
            FeeSchedule.BINANCE_VIP0, 20, List.of("spot"), e8("0.003"), e8("-0.003"), 8)),
            Exchange.Config.binance().withChecks(true));
    final List<ExchangeEvent.Liquidation> steps = new ArrayList<>();

    void run(ExchangeCommand c) {
        for (ExchangeEvent e : ex.submit(c)) {
            if (e instanceof ExchangeEvent.Liquidation l) {
                steps.add(l);
            }
        }
    }

    void limit(long ts, long account, Side side, String price, String qty) {
        run(new ExchangeCommand.Order(ts, BTC, Command.PlaceOrder.limit(ts, account, side, TimeInForce.GTC, e8(price), e8(qty))));
    }

    /** The trader's long, then the market moves to 90,300 with `bidQty` of bids at 90,200. */
    void crash(String fund, String bidQty) {
        crash(fund, bidQty, "90200", "90300", "90400");
    }

    void crash(String fund, String bidQty, String bid, String spot, String ask) {
        if (e8(fund) > 0) {
            run(new ExchangeCommand.Deposit(0, Exchange.INSURANCE_FUND, e8(fund)));
        }
        run(new ExchangeCommand.Deposit(0, TRADER, e8("10050")));
        run(new ExchangeCommand.Deposit(0, SELLER, e8("100000")));
        run(new ExchangeCommand.Deposit(0, MAKER, e8("10000000")));
        run(new ExchangeCommand.SpotPrice(0, BTC, "spot", e8("100000")));
        limit(0, SELLER, Side.SELL, "100000", "1");
        run(new ExchangeCommand.Order(0, BTC, Command.PlaceOrder.market(0, TRADER, Side.BUY, e8("1"))));
        assertEquals(e8("10000"), ex.ledger().walletBalanceE8(TRADER)); // 10,050 − 50 taker fee
        limit(S, MAKER, Side.BUY, bid, bidQty);
        limit(S, MAKER, Side.SELL, ask, "5");
        run(new ExchangeCommand.SpotPrice(S, BTC, "spot", e8(spot)));
        run(new ExchangeCommand.AdvanceTime(60 * S));
    }

    List<String> stages() {
        return steps.stream().map(ExchangeEvent.Liquidation::stage).toList();
    }

    @Test
    void aLiquidationFilledAboveBankruptcyPaysItsFeeToTheFund() {
        crash("1000000", "2");
        assertEquals(List.of("START", "ORDER", "FEE", "DONE"), stages());
        ExchangeEvent.Liquidation order = steps.get(1);
        assertEquals(e8("1"), order.qtyE8());
        assertEquals(e8("90200"), order.priceE8());
        assertEquals(e8("90000"), order.bankruptcyPriceE8());
        // Wallet after the sale: 10,000 − 9,800 − 45.10 taker fee = 154.90; the 1.25% fee (1,127.50) takes all of it.
        assertEquals(e8("154.9"), steps.get(2).amountE8());
        assertEquals(0, ex.ledger().walletBalanceE8(TRADER));
        assertEquals(0, ex.ledger().positionLots(TRADER, 0));
        assertEquals(e8("1000154.9"), ex.ledger().walletBalanceE8(Exchange.INSURANCE_FUND));
    }

    @Test
    void whatTheBookCannotTakeTheFundTakesOverAtTheBankruptcyPrice() {
        crash("1000000", "0.3");
        assertEquals(List.of("START", "ORDER", "FEE", "TAKEOVER", "DONE"), stages());
        assertEquals(e8("0.3"), steps.get(1).qtyE8());
        ExchangeEvent.Liquidation takeover = steps.get(3);
        assertEquals(e8("0.7"), takeover.qtyE8());
        assertEquals(Exchange.INSURANCE_FUND, takeover.counterpartyId());
        assertEquals(7, ex.ledger().positionLots(Exchange.INSURANCE_FUND, 0) / 100); // the fund now holds 0.7 long
        assertEquals(0, ex.ledger().positionLots(TRADER, 0));
        assertTrue(ex.ledger().walletBalanceE8(TRADER) >= 0 && ex.ledger().walletBalanceE8(TRADER) < 10,
                "the account ends at its bankruptcy: " + ex.ledger().walletBalanceE8(TRADER));
    }

    @Test
    void withAnEmptyFundTheProfitableShortIsAutoDeleveragedAtTheBankruptcyPrice() {
        // The market gaps below the bankruptcy price (bids only at 89,400): the IOC at ≥ 90,000 fills nothing, and
        // the empty fund cannot bear the loss to the mark, so the short on the other side is deleveraged.
        crash("0", "2", "89400", "89500", "89600");
        assertEquals(List.of("START", "ORDER", "ADL", "DONE"), stages());
        assertEquals(0, steps.get(1).qtyE8());
        ExchangeEvent.Liquidation adl = steps.get(2);
        assertEquals(SELLER, adl.counterpartyId());         // the short who sold at 100,000 is in profit
        assertEquals(e8("1"), adl.qtyE8());
        assertEquals(e8("90000"), adl.priceE8());               // the bankruptcy price, 500 above the mark
        assertEquals(e8("89500"), adl.markPriceE8());
        assertEquals(Math.abs(adl.priceE8() - adl.markPriceE8()), adl.deviationE8());
        assertTrue(adl.priceE8() > adl.markPriceE8(), "a long's bankruptcy price sits above the crashed mark");
        assertEquals(0, ex.ledger().positionLots(SELLER, 0));     // the whole short was closed by ADL
        assertEquals(0, ex.ledger().walletBalanceE8(TRADER));
        assertEquals(0, ex.ledger().positionLots(TRADER, 0));
    }

    @Test
    void theAccountsOpenOrdersAreCancelledFirst() {
        run(new ExchangeCommand.Deposit(0, Exchange.INSURANCE_FUND, e8("1000000")));
        run(new ExchangeCommand.Deposit(0, TRADER, e8("10050")));
        run(new ExchangeCommand.Deposit(0, SELLER, e8("100000")));
        run(new ExchangeCommand.Deposit(0, MAKER, e8("10000000")));
        run(new ExchangeCommand.SpotPrice(0, BTC, "spot", e8("100000")));
        limit(0, SELLER, Side.SELL, "100000", "1");
        run(new ExchangeCommand.Order(0, BTC, Command.PlaceOrder.market(0, TRADER, Side.BUY, e8("1"))));
        limit(0, TRADER, Side.BUY, "80000", "0.05");   // an open order holding margin
        limit(S, MAKER, Side.BUY, "90200", "5");
        limit(S, MAKER, Side.SELL, "90400", "5");
        run(new ExchangeCommand.SpotPrice(S, BTC, "spot", e8("90300")));
        run(new ExchangeCommand.AdvanceTime(60 * S));
        // Maintenance margin does not count open orders, so cancelling frees nothing here and the sale follows.
        assertEquals(List.of("START", "ORDERS_CANCELLED", "ORDER"), stages().subList(0, Math.min(3, stages().size())), steps.toString());
        assertEquals(0, ex.ledger().openOrderMarginE8(TRADER, 0));
    }

    // ------------------------------------------------------------------ ADL policies on the same gap

    static final long SELLER2 = 4;

    /** Two shorts against the long (0.6 well funded, 0.4 thinly), then a gap below the bankruptcy price. */
    List<ExchangeEvent.Liquidation> gapWithTwoShorts(aftershock.engine.liquidation.AdlPolicy policy) {
        ex = new Exchange(List.of(new Exchange.SymbolSetup(Instruments.BTCUSDT, BracketTables.BTCUSDT_2025,
                FeeSchedule.BINANCE_VIP0, 20, List.of("spot"), e8("0.003"), e8("-0.003"), 8)),
                Exchange.Config.binance().withChecks(true).withAdlPolicy(policy));
        steps.clear();
        run(new ExchangeCommand.Deposit(0, TRADER, e8("10050")));
        run(new ExchangeCommand.Deposit(0, SELLER, e8("100000")));
        run(new ExchangeCommand.Deposit(0, SELLER2, e8("10000")));
        run(new ExchangeCommand.Deposit(0, MAKER, e8("10000000")));
        run(new ExchangeCommand.SpotPrice(0, BTC, "spot", e8("100000")));
        limit(0, SELLER, Side.SELL, "100000", "0.6");
        limit(0, SELLER2, Side.SELL, "100000", "0.4");
        run(new ExchangeCommand.Order(0, BTC, Command.PlaceOrder.market(0, TRADER, Side.BUY, e8("1"))));
        limit(S, MAKER, Side.BUY, "89400", "2");
        limit(S, MAKER, Side.SELL, "89600", "5");
        run(new ExchangeCommand.SpotPrice(S, BTC, "spot", e8("89500")));
        run(new ExchangeCommand.AdvanceTime(60 * S));
        return steps.stream().filter(l -> l.stage().equals("ADL")).toList();
    }

    @Test
    void binanceAdlTakesTheHighestScoreFirstAtTheBankruptcyPrice() {
        List<ExchangeEvent.Liquidation> adl = gapWithTwoShorts(aftershock.engine.liquidation.AdlPolicy.BINANCE);
        // The thinly funded short has the larger pnl% and margin ratio: first in the queue.
        assertEquals(List.of(SELLER2, SELLER), adl.stream().map(ExchangeEvent.Liquidation::counterpartyId).toList());
        assertEquals(List.of(e8("0.4"), e8("0.6")), adl.stream().map(ExchangeEvent.Liquidation::qtyE8).toList());
        assertTrue(adl.stream().allMatch(l -> l.priceE8() == e8("90000") && l.deviationE8() == e8("500")));
    }

    @Test
    void proRataSharesByContractsAtTheBankruptcyPrice() {
        List<ExchangeEvent.Liquidation> adl = gapWithTwoShorts(aftershock.engine.liquidation.AdlPolicy.PRO_RATA);
        java.util.Map<Long, Long> byAccount = new java.util.TreeMap<>();
        adl.forEach(l -> byAccount.put(l.counterpartyId(), l.qtyE8()));
        assertEquals(java.util.Map.of(SELLER, e8("0.6"), SELLER2, e8("0.4")), byAccount);
        assertTrue(adl.stream().allMatch(l -> l.priceE8() == e8("90000")));
    }

    @Test
    void minDeviationClosesAtTheMarkAndRecordsTheGapAsASocializedLoss() {
        List<ExchangeEvent.Liquidation> adl = gapWithTwoShorts(aftershock.engine.liquidation.AdlPolicy.MIN_DEVIATION);
        assertTrue(adl.stream().allMatch(l -> l.deviationE8() == 0 && l.priceE8() == e8("89500")), adl.toString());
        ExchangeEvent.Liquidation loss = steps.stream().filter(l -> l.stage().equals("SOCIALIZED_LOSS")).findFirst().orElseThrow();
        assertEquals(e8("500"), loss.amountE8());   // 1 BTC × (90,000 bankruptcy − 89,500 mark), the empty fund covers nothing
        // The loss is recorded in the ledger's conservation statement and the account is brought back to zero.
        assertEquals(e8("500"), ex.ledger().socializedLossE8());
        assertEquals(0, ex.ledger().walletBalanceE8(TRADER));
        assertEquals(e8("500"), ex.conservation().socializedLossE8());
    }

    @Test
    void hyperliquidClosesAtTheMarkRankedByProfitTimesLeverage() {
        List<ExchangeEvent.Liquidation> adl = gapWithTwoShorts(aftershock.engine.liquidation.AdlPolicy.HYPERLIQUID);
        assertEquals(SELLER2, adl.get(0).counterpartyId());
        assertTrue(adl.stream().allMatch(l -> l.priceE8() == e8("89500")));
    }

    @Test
    void theAdlQueueIndicatorRanksPositionsIntoFiveLights() {
        run(new ExchangeCommand.Deposit(0, TRADER, e8("100000")));
        run(new ExchangeCommand.Deposit(0, SELLER, e8("100000")));
        run(new ExchangeCommand.Deposit(0, SELLER2, e8("10000")));
        run(new ExchangeCommand.SpotPrice(0, BTC, "spot", e8("100000")));
        limit(0, SELLER, Side.SELL, "100000", "0.6");
        limit(0, SELLER2, Side.SELL, "100000", "0.4");
        run(new ExchangeCommand.Order(0, BTC, Command.PlaceOrder.market(0, TRADER, Side.BUY, e8("1"))));
        run(new ExchangeCommand.SpotPrice(S, BTC, "spot", e8("99000")));
        run(new ExchangeCommand.AdvanceTime(60 * S));
        // Two shorts in profit: the thinly funded one is first in line (higher quintile).
        assertTrue(ex.adlQuantile(SELLER2, BTC) > ex.adlQuantile(SELLER, BTC));
        assertEquals(1, ex.adlQuantile(TRADER, BTC));   // the only long
        assertEquals(0, ex.adlQuantile(MAKER, BTC));    // flat
    }

    // ------------------------------------------------------------------ Hyperliquid process

    Exchange hyperliquid() {
        return new Exchange(List.of(new Exchange.SymbolSetup(Instruments.BTCUSDT, BracketTables.BTCUSDT_2025,
                FeeSchedule.BINANCE_VIP0, 20, List.of("spot"), e8("0.003"), e8("-0.003"), 8)),
                Exchange.Config.binance().withChecks(true)
                        .withLiquidationPolicy(aftershock.engine.liquidation.LiquidationPolicy.HYPERLIQUID));
    }

    @Test
    void hyperliquidLiquidatesALargePositionTwentyPercentAtATimeWithACooldown() {
        ex = hyperliquid();
        run(new ExchangeCommand.Deposit(0, TRADER, e8("100250")));
        run(new ExchangeCommand.Deposit(0, SELLER, e8("10000000")));
        run(new ExchangeCommand.Deposit(0, MAKER, e8("10000000")));
        run(new ExchangeCommand.SpotPrice(0, BTC, "spot", e8("100000")));
        limit(0, SELLER, Side.SELL, "100000", "10");
        run(new ExchangeCommand.Order(0, BTC, Command.PlaceOrder.market(0, TRADER, Side.BUY, e8("10"))));
        // 10 BTC (1,000,000 notional) on 99,750 of wallet. At mark 90,400 equity 3,750 is below maintenance (4,220)
        // but above ⅔ of it: market sales into a deep bid, not the vault.
        limit(S, MAKER, Side.BUY, "90350", "20");
        limit(S, MAKER, Side.SELL, "90450", "20");
        run(new ExchangeCommand.SpotPrice(S, BTC, "spot", e8("90400")));
        run(new ExchangeCommand.AdvanceTime(40 * S));
        List<ExchangeEvent.Liquidation> partials = steps.stream().filter(l -> l.stage().equals("PARTIAL_ORDER")).toList();
        assertTrue(!partials.isEmpty(), stages().toString());
        assertEquals(e8("2"), partials.get(0).qtyE8());                  // 20% of 10 BTC
        if (partials.size() > 1) {
            assertTrue(partials.get(1).tsNanos() - partials.get(0).tsNanos() >= 30 * S, "30 s cooldown between partials");
        }
        assertTrue(ex.ledger().positionLots(TRADER, 0) < 10_000);
    }

    @Test
    void hyperliquidHandsAPositionBelowTwoThirdsOfMaintenanceToTheBackstopVault() {
        ex = hyperliquid();
        run(new ExchangeCommand.Deposit(0, TRADER, e8("10050")));
        run(new ExchangeCommand.Deposit(0, SELLER, e8("100000")));
        run(new ExchangeCommand.Deposit(0, MAKER, e8("10000000")));
        run(new ExchangeCommand.Deposit(0, Exchange.BACKSTOP_VAULT, e8("1000000")));
        run(new ExchangeCommand.SpotPrice(0, BTC, "spot", e8("100000")));
        limit(0, SELLER, Side.SELL, "100000", "1");
        run(new ExchangeCommand.Order(0, BTC, Command.PlaceOrder.market(0, TRADER, Side.BUY, e8("1"))));
        // A gap: mark 90,100 leaves equity 100 against maintenance ≈ 360 (below ⅔ of it).
        limit(S, MAKER, Side.BUY, "90000", "2");
        limit(S, MAKER, Side.SELL, "90200", "2");
        run(new ExchangeCommand.SpotPrice(S, BTC, "spot", e8("90100")));
        run(new ExchangeCommand.AdvanceTime(60 * S));
        assertTrue(stages().contains("BACKSTOP"), stages().toString());
        assertEquals(0, ex.ledger().positionLots(TRADER, 0));
        assertEquals(1000, ex.ledger().positionLots(Exchange.BACKSTOP_VAULT, 0));
        assertEquals(0, ex.ledger().walletBalanceE8(TRADER));              // the margin left went to the vault
    }

    // ------------------------------------------------------------------ backstop vault at a discount

    Exchange withBackstop(aftershock.engine.liquidation.Backstop.Reference reference, String discount) {
        return new Exchange(List.of(new Exchange.SymbolSetup(Instruments.BTCUSDT, BracketTables.BTCUSDT_2025,
                FeeSchedule.BINANCE_VIP0, 20, List.of("spot"), e8("0.003"), e8("-0.003"), 8)),
                Exchange.Config.binance().withChecks(true).withBackstop(reference, e8(discount)));
    }

    @Test
    void theBackstopVaultTakesWhatTheBookCannotAtADiscountToTheBankruptcyPrice() {
        ex = withBackstop(aftershock.engine.liquidation.Backstop.Reference.BANKRUPTCY, "0.01");
        run(new ExchangeCommand.Deposit(0, Exchange.BACKSTOP_VAULT, e8("1000000")));
        crash("1000000", "0.3");
        assertEquals(List.of("START", "ORDER", "FEE", "BACKSTOP", "FUND_TOPUP", "DONE"), stages());
        // The IOC sells 0.3 at 90,200: realized −2,940, taker fee 13.53, wallet 7,046.47; the fee (1.25% of 27,060 =
        // 338.25) is capped by the margin left, 7,046.47 − 6,790 (0.7 × 9,700 of loss to the mark) = 256.47. The 0.7
        // left then has bankruptcy price 100,000 − 6,790 / 0.7 = 90,300; the vault buys it 1% lower, at 89,397.
        ExchangeEvent.Liquidation backstop = steps.get(3);
        assertEquals(e8("0.7"), backstop.qtyE8());
        assertEquals(e8("89397"), backstop.priceE8());
        assertEquals(e8("90300"), backstop.bankruptcyPriceE8());
        assertEquals(e8("903"), backstop.deviationE8());
        assertEquals(Exchange.BACKSTOP_VAULT, backstop.counterpartyId());
        // 0.7 × (90,300 − 89,397) = 632.10 below bankruptcy: the fund tops the trader up; that is the vault's gain.
        assertEquals(e8("632.1"), steps.get(4).amountE8());
        assertEquals(0, ex.ledger().walletBalanceE8(TRADER));
        assertEquals(700, ex.ledger().positionLots(Exchange.BACKSTOP_VAULT, 0));
        assertEquals(e8("632.1"), ex.backstopVaultPnlE8());
        assertEquals(e8("1000632.1"), ex.backstopVaultEquityE8());
        assertEquals(e8("1000000") + e8("256.47") - e8("632.1"), ex.insuranceFundEquityE8());
        assertTrue(ex.conservation().balanced());
    }

    @Test
    void aVaultThatCannotMarginTheTakeoverDeclinesAndTheFundTakesIt() {
        ex = withBackstop(aftershock.engine.liquidation.Backstop.Reference.MARK, "0.01");
        run(new ExchangeCommand.Deposit(0, Exchange.BACKSTOP_VAULT, e8("1000")));
        crash("1000000", "0.3");
        // 0.7 at 90,300 needs 3,160.50 of initial margin at 20×; the vault has 1,000 + its 632.10 gain.
        assertEquals(List.of("START", "ORDER", "FEE", "BACKSTOP_DECLINED", "TAKEOVER", "DONE"), stages());
        assertEquals(0, ex.ledger().positionLots(Exchange.BACKSTOP_VAULT, 0));
        assertEquals(700, ex.ledger().positionLots(Exchange.INSURANCE_FUND, 0));
    }

    // ------------------------------------------------------------------ Hyperliquid: negative account value

    @Test
    void hyperliquidAutoDeleveragesAnAccountWhoseValueWentNegative() {
        ex = new Exchange(List.of(new Exchange.SymbolSetup(Instruments.BTCUSDT, BracketTables.BTCUSDT_2025,
                FeeSchedule.BINANCE_VIP0, 20, List.of("spot"), e8("0.003"), e8("-0.003"), 8)),
                Exchange.Config.binance().withChecks(true)
                        .withLiquidationPolicy(aftershock.engine.liquidation.LiquidationPolicy.HYPERLIQUID)
                        .withAdlPolicy(aftershock.engine.liquidation.AdlPolicy.HYPERLIQUID));
        run(new ExchangeCommand.Deposit(0, Exchange.BACKSTOP_VAULT, e8("1000000")));
        // A gap to 89,500, below the bankruptcy price 90,000: the account is worth −500.
        crash("1000000", "2", "89400", "89500", "89600");
        assertEquals(List.of("START", "NEGATIVE_EQUITY", "ADL", "FUND_TOPUP", "DONE"), stages());
        assertEquals(-e8("500"), steps.get(1).amountE8());
        ExchangeEvent.Liquidation adl = steps.get(2);
        assertEquals(SELLER, adl.counterpartyId());       // the short, closed at the mark (Hyperliquid's ADL price)
        assertEquals(e8("89500"), adl.priceE8());
        assertEquals(e8("500"), steps.get(3).amountE8());
        assertEquals(0, ex.ledger().positionLots(Exchange.BACKSTOP_VAULT, 0)); // the vault is not handed a bankrupt account
        assertEquals(0, ex.ledger().walletBalanceE8(TRADER));
    }

    @Test
    void liquidationFeesCanBeSetPerSymbol() {
        ex = new Exchange(List.of(new Exchange.SymbolSetup(Instruments.BTCUSDT, BracketTables.BTCUSDT_2025,
                FeeSchedule.BINANCE_VIP0, 20, List.of("spot"), e8("0.003"), e8("-0.003"), 8)),
                Exchange.Config.binance().withChecks(true).withLiquidationFee(BTC, e8("0.001")));
        assertEquals(e8("0.001"), Exchange.Config.binance().withLiquidationFee(BTC, e8("0.001")).liquidationFeeRateE8(BTC));
        assertEquals(e8("0.0125"), Exchange.Config.binance().withLiquidationFee(BTC, e8("0.001")).liquidationFeeRateE8("ETHUSDT"));
        crash("1000000", "2");
        // 0.1% of the 90,200 sold = 90.20, within the 154.90 left: the trader keeps 64.70.
        assertEquals(e8("90.2"), steps.get(2).amountE8());
        assertEquals(e8("64.7"), ex.ledger().walletBalanceE8(TRADER));
    }
}
