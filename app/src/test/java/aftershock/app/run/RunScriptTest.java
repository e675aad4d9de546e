package aftershock.app.run;

import aftershock.app.script.ScriptException;
import aftershock.engine.api.DecimalE8;
import aftershock.engine.exchange.Exchange;
import aftershock.engine.exchange.ExchangeCommand;
import aftershock.engine.exchange.ExchangeEvent;
import aftershock.engine.halt.CircuitBreaker;
import aftershock.engine.liquidation.Backstop;
import aftershock.engine.margin.CollateralPricing;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The scenario keys for halts, collateral and the backstop vault, and the examples that use them. */
class RunScriptTest {
    static final Path EXAMPLES = Path.of("..", "examples");

    static List<ExchangeEvent> run(RunScript rs) {
        Exchange ex = new Exchange(rs.symbols(), rs.config().withChecks(true));
        List<ExchangeEvent> all = new ArrayList<>();
        for (RunScript.Step step : rs.steps()) {
            ExchangeCommand c = step.command();
            if (c instanceof ExchangeCommand.SpotPrice p && p.source().equals("*")) {
                for (Exchange.SymbolSetup s : rs.symbols()) {
                    for (String source : s.indexSources()) {
                        all.addAll(ex.submit(new ExchangeCommand.SpotPrice(p.tsNanos(), p.symbol(), source, p.priceE8())));
                    }
                }
            } else {
                all.addAll(ex.submit(c));
            }
        }
        return all;
    }

    static RunScript parse(String name) throws Exception {
        Path file = EXAMPLES.resolve(name);
        return RunScript.parse(file.toString(), Files.readString(file));
    }

    @Test
    void theCircuitBreakerExampleHaltsQueuesAndReopensWithAnAuction() throws Exception {
        RunScript rs = parse("circuit-breaker.yaml");
        CircuitBreaker cb = rs.config().circuitBreaker();
        assertEquals(CircuitBreaker.TriggerPrice.LAST, cb.triggerPrice());
        assertEquals(300_000_000_000L, cb.windowNanos());
        assertEquals(CircuitBreaker.DuringHalt.QUEUE, cb.duringHalt());
        assertEquals(CircuitBreaker.Resumption.AUCTION, cb.resumption());
        assertEquals(new CircuitBreaker.Tier(DecimalE8.parse("0.04"), 60_000_000_000L, DecimalE8.parse("0.08")), cb.tiers().get(0));
        List<ExchangeEvent> events = run(rs);
        List<ExchangeEvent.Halt> halts = events.stream().filter(e -> e instanceof ExchangeEvent.Halt).map(e -> (ExchangeEvent.Halt) e).toList();
        assertEquals(List.of("START", "END"), halts.stream().map(ExchangeEvent.Halt::stage).toList());
        assertEquals(DecimalE8.parse("0.05"), halts.get(0).moveE8());
        ExchangeEvent.Auction auction = events.stream().filter(e -> e instanceof ExchangeEvent.Auction)
                .map(e -> (ExchangeEvent.Auction) e).findFirst().orElseThrow();
        assertEquals(DecimalE8.parse("95800"), auction.priceE8());
        assertEquals(DecimalE8.parse("0.3"), auction.qtyE8());
        assertEquals(2, auction.queuedCommands());
        assertTrue(events.stream().anyMatch(e -> e instanceof ExchangeEvent.Liquidation l && l.stage().equals("BOOK_HALTED")));
    }

    @Test
    void theDepegExampleLiquidatesOnTheBookPriceAndNotOnRedemption() throws Exception {
        RunScript rs = parse("collateral-depeg.yaml");
        assertEquals(CollateralPricing.SPOT_BOOK, rs.config().collateralAssets().get(0).pricing());
        List<Long> liquidated = run(rs).stream().filter(e -> e instanceof ExchangeEvent.Liquidation l && l.stage().equals("START"))
                .map(e -> ((ExchangeEvent.Liquidation) e).accountId()).toList();
        assertEquals(List.of(1L, 3L), liquidated);   // the USDE holder on the depeg, the LP holder on the haircut
        Path file = EXAMPLES.resolve("collateral-depeg.yaml");
        RunScript redeemed = RunScript.parse(file.toString(), Files.readString(file).replace("pricing: SPOT_BOOK", "pricing: REDEMPTION"));
        liquidated = run(redeemed).stream().filter(e -> e instanceof ExchangeEvent.Liquidation l && l.stage().equals("START"))
                .map(e -> ((ExchangeEvent.Liquidation) e).accountId()).toList();
        assertEquals(List.of(3L), liquidated);
    }

    @Test
    void backstopAndPerSymbolFeesAreRead() throws Exception {
        RunScript rs = RunScript.parse("s.yaml", """
                instruments: [BTCUSDT, ETHUSDT]
                backstopVault: "250000"
                liquidation: {policy: BYBIT, fees: {ETHUSDT: "0.01"}, backstop: {reference: MARK, discount: "0.02"}}
                timeline: []
                """);
        assertEquals(Backstop.at(Backstop.Reference.MARK, DecimalE8.parse("0.02")), rs.config().backstop());
        assertEquals(DecimalE8.parse("0.01"), rs.config().liquidationFeeRateE8("ETHUSDT"));
        assertEquals(DecimalE8.parse("0.0125"), rs.config().liquidationFeeRateE8("BTCUSDT"));
        assertEquals(new ExchangeCommand.Deposit(0, Exchange.BACKSTOP_VAULT, DecimalE8.parse("250000")), rs.steps().get(0).command());
    }

    @Test
    void badHaltAndCollateralKeysNameTheirField() {
        String[][] cases = {
                {"instruments: [BTCUSDT]\ncircuitBreaker: {window: 5m, tiers: [{move: \"1.5\", halt: 2m}]}\ntimeline: []\n",
                        "field 'circuitBreaker.tiers[0].move': expected a rate from 0 to below 1"},
                {"instruments: [BTCUSDT]\ncircuitBreaker: {window: 5m, tiers: [{move: \"0.1\", halt: 2m}, {move: \"0.05\", halt: 1m}]}\ntimeline: []\n",
                        "tiers must have increasing moves"},
                {"instruments: [BTCUSDT]\ncircuitBreaker: {window: 5m, duringHalt: PAUSE, tiers: [{move: \"0.1\", halt: 2m}]}\ntimeline: []\n",
                        "field 'circuitBreaker.duringHalt': expected one of QUEUE, REJECT"},
                {"instruments: [BTCUSDT]\naccounts:\n  - {id: 1, deposit: \"1\", collateral: {DOGE: \"5\"}}\ntimeline: []\n",
                        "unknown collateral asset 'DOGE'"},
                {"instruments: [BTCUSDT]\ncollateral: [{asset: BTC, haircut: \"2\"}]\ntimeline: []\n",
                        "field 'collateral[0].haircut': expected a haircut from 0 to 1"},
                {"instruments: [BTCUSDT]\ncollateral: [{asset: USDE, haircut: \"0.1\"}]\ntimeline:\n  - at: 0s\n    collateralPrice: {asset: USDE, source: DEX, price: \"1\"}\n",
                        "field 'timeline[0].collateralPrice.source': expected one of SPOT_BOOK, ORACLE, REDEMPTION"},
        };
        for (String[] c : cases) {
            ScriptException e = assertThrows(ScriptException.class, () -> RunScript.parse("bad.yaml", c[0]), c[0]);
            assertTrue(e.getMessage().contains(c[1]), "expected '" + c[1] + "' in: " + e.getMessage());
        }
    }
}
