package aftershock.engine.exchange;

import aftershock.engine.api.Command;
import aftershock.engine.api.DecimalE8;
import aftershock.engine.api.Instruments;
import aftershock.engine.api.Side;
import aftershock.engine.api.TimeInForce;
import aftershock.engine.liquidation.LiquidationPolicy;
import aftershock.engine.margin.BracketTable;
import aftershock.engine.margin.FeeSchedule;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Bybit's tier descent (mechanics.md, "Liquidation process": lower the risk-limit tier; cancel orders; a
 * fill-or-kill order for the excess over the lower tier's limit; else takeover at the bankruptcy price), on a
 * three-tier table with the classic risk-limit maintenance margin (value × the tier's rate, no deduction):
 * tier 1 up to 100,000 at 1%, tier 2 up to 200,000 at 5%, tier 3 beyond at 10%. The trader buys 1.5 BTC at
 * 100,000 at 10× (value 150,000: tier 2) with 15,000 of margin after fees.
 */
class BybitLiquidationTest {
    static final long S = 1_000_000_000L;
    static final String BTC = "BTCUSDT";
    static final long TRADER = 1;
    static final long SELLER = 2;
    static final long MAKER = 3;

    static final BracketTable TIERS = BracketTable.of("BTCUSDT", "test", "hand-made", new String[][] {
            {"50", "0", "100000", "0.01", "0"},
            {"10", "100000", "200000", "0.05", "4000"},
            {"5", "200000", "1000000", "0.1", "14000"},
    });

    static long e8(String s) {
        return DecimalE8.parse(s);
    }

    final Exchange ex = new Exchange(List.of(new Exchange.SymbolSetup(Instruments.BTCUSDT, TIERS, FeeSchedule.BINANCE_VIP0,
            10, List.of("spot"), e8("0.003"), e8("-0.003"), 8)),
            Exchange.Config.binance().withChecks(true).withLiquidationPolicy(LiquidationPolicy.BYBIT));
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

    void market(long ts, long account, Side side, String qty) {
        run(new ExchangeCommand.Order(ts, BTC, Command.PlaceOrder.market(ts, account, side, e8(qty))));
    }

    void longOneAndAHalf() {
        run(new ExchangeCommand.Deposit(0, Exchange.INSURANCE_FUND, e8("1000000")));
        run(new ExchangeCommand.Deposit(0, TRADER, e8("15075")));
        run(new ExchangeCommand.Deposit(0, SELLER, e8("1000000")));
        run(new ExchangeCommand.Deposit(0, MAKER, e8("10000000")));
        run(new ExchangeCommand.SpotPrice(0, BTC, "spot", e8("100000")));
        limit(0, SELLER, Side.SELL, "100000", "1.5");
        limit(0, TRADER, Side.BUY, "100000", "1.5");   // takes the ask (taker fee 75)
        assertEquals(e8("15000"), ex.ledger().walletBalanceE8(TRADER));
        assertEquals(2, ex.ledger().riskTier(TRADER, 0));
    }

    /** The market moves to {@code mark}: quotes 100 either side of it, and the spot sources there. */
    void moveTo(String bid, String bidQty, String mark, String ask) {
        limit(S, MAKER, Side.BUY, bid, bidQty);
        limit(S, MAKER, Side.SELL, ask, "1.5");   // the maker is at 10× too: within 200,000 of value
        run(new ExchangeCommand.SpotPrice(S, BTC, "spot", e8(mark)));
        run(new ExchangeCommand.AdvanceTime(10 * S));
        assertEquals(e8(mark), ex.markPriceE8(BTC));
    }

    List<String> stages() {
        return steps.stream().map(ExchangeEvent.Liquidation::stage).toList();
    }

    @Test
    void loweringTheRiskLimitTierAloneAvertsTheLiquidation() {
        longOneAndAHalf();
        limit(0, MAKER, Side.BUY, "100000", "0.6");
        run(new ExchangeCommand.Order(0, BTC, new Command.PlaceOrder(0, TRADER, 0, Side.SELL, aftershock.engine.api.OrderType.MARKET,
                TimeInForce.IOC, 0, e8("0.6"), 0, aftershock.engine.api.WorkingType.CONTRACT_PRICE, true,
                Command.PlaceOrder.DEFAULT_STP)));          // reduce-only: 0.9 BTC left (90,000), still on tier 2
        assertEquals(e8("14970"), ex.ledger().walletBalanceE8(TRADER));
        assertEquals(2, ex.ledger().riskTier(TRADER, 0));
        // At 86,000: equity 14,970 − 12,600 = 2,370 < tier 2's 5% of 77,400 = 3,870, but > tier 1's 1% = 774.
        moveTo("85900", "1.5", "86000", "86100");
        assertEquals(List.of("START", "TIER_LOWERED", "AVERTED"), stages());
        assertEquals(e8("774"), steps.get(1).amountE8());
        assertEquals(1, ex.ledger().riskTier(TRADER, 0));
        assertEquals(900, ex.ledger().positionLots(TRADER, 0));
    }

    @Test
    void aFillOrKillForTheExcessOverTheLowerTiersLimitBringsThePositionDownATier() {
        longOneAndAHalf();
        // At 94,000: value 141,000 (tier 2 at 5% = 7,050) against equity 15,000 − 9,000 = 6,000.
        moveTo("93900", "1.5", "94000", "94100");
        assertEquals(List.of("START", "FOK_ORDER", "AVERTED"), stages());
        // 141,000 − 100,000 = 41,000 over tier 1's limit: ⌊41,000 / 94⌋ + 1 = 437 lots (0.437 BTC), sold at 93,900.
        ExchangeEvent.Liquidation fok = steps.get(1);
        assertEquals(e8("0.437"), fok.qtyE8());
        assertEquals(e8("93900"), fok.priceE8());
        assertEquals(e8("141000"), fok.amountE8());
        assertEquals(e8("90000"), fok.bankruptcyPriceE8());
        // Realized 0.437 × −6,100 = −2,665.70, taker fee 0.05% of 41,034.30 = 20.51715.
        assertEquals(e8("12313.78285"), ex.ledger().walletBalanceE8(TRADER));
        assertEquals(1063, ex.ledger().positionLots(TRADER, 0));
        assertEquals(1, ex.ledger().riskTier(TRADER, 0));          // 99,922 of value: tier 1, 1% = 999.22
        assertEquals(e8("999.22"), ex.ledger().maintenanceMarginE8(TRADER, 0));
    }

    @Test
    void whenTheFillOrKillCannotFillTheFundTakesOverAtTheBankruptcyPrice() {
        longOneAndAHalf();
        moveTo("93900", "0.3", "94000", "94100");          // only 0.3 bid: the 0.437 FOK cannot fill in full
        assertEquals(List.of("START", "FOK_ORDER", "TAKEOVER", "DONE"), stages());
        assertEquals(0, steps.get(1).qtyE8());
        ExchangeEvent.Liquidation takeover = steps.get(2);
        assertEquals(e8("1.5"), takeover.qtyE8());
        assertEquals(e8("90000"), takeover.priceE8());            // 100,000 − 15,000 / 1.5
        assertEquals(0, ex.ledger().walletBalanceE8(TRADER));
        assertEquals(1500, ex.ledger().positionLots(Exchange.INSURANCE_FUND, 0));
    }
}
