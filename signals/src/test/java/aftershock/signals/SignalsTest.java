package aftershock.signals;

import aftershock.engine.api.DecimalE8;
import aftershock.feeds.FeedSource;
import aftershock.feeds.MarketEvent;
import aftershock.feeds.PositionSide;
import aftershock.feeds.Side;
import aftershock.signals.gate.FeedState;
import aftershock.signals.gate.GateChange;
import aftershock.signals.gate.GateRules;
import aftershock.signals.gate.GateState;
import aftershock.signals.leverage.LeverageRead;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static aftershock.signals.Ev.d;
import static aftershock.signals.Ev.liq;
import static aftershock.signals.Ev.mark;
import static aftershock.signals.Ev.oi;
import static aftershock.signals.Ev.top;
import static aftershock.signals.Ev.trade;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SignalsTest {
    private static final long MINUTE = 60_000L;
    private static final long DAY = 86_400_000L;
    private static final Map<String, FeedState> FEEDS_OK = Map.of("binance-spot", FeedState.OK, "coinbase",
            FeedState.OK);

    private static long midnight(String date) {
        return LocalDate.parse(date).toEpochDay() * DAY;
    }

    private static long millions(String m) {
        return d(m) * 1_000_000L;
    }

    @Test
    void theShippedRulesLoadForTheDefaultSignals() throws Exception {
        GateRules rules = GateRules.defaults(Signals.signalNames(SignalsConfig.defaults()));
        assertEquals(13, rules.rules().size());
        assertEquals(d("50"), rules.exposurePctE8(GateState.CAUTION));
    }

    @Test
    void theGateReceivesExactlyTheNamedSignals() {
        Signals s = Signals.withDefaults();
        SignalsSnapshot snap = s.snapshot(midnight("2025-11-03"), Map.of());
        assertEquals(Signals.signalNames(SignalsConfig.defaults()), snap.values().keySet());
    }

    @Test
    void beforeAnyDataEverySignalIsNullAndTheGateIsRiskOn() {
        Signals s = Signals.withDefaults();
        Map<String, Object> json = s.snapshot(midnight("2025-11-03"), FEEDS_OK).toJsonMap();
        @SuppressWarnings("unchecked")
        Map<String, Object> signals = (Map<String, Object>) json.get("signals");
        assertNull(signals.get("coinbasePremiumPct"));
        assertNull(signals.get("ethBtc"));
        assertNull(signals.get("coinbasePremiumNegativeDays"));
        assertNull(signals.get("etfOutflowDays"));
        assertEquals(new TreeMap<>(Map.of("BTCUSDT", "NO_FLUSH", "ETHUSDT", "NO_FLUSH")),
                new TreeMap<>((Map<?, ?>) signals.get("leverage")));
        assertEquals(Map.of("state", "RISK_ON", "exposurePct", new BigDecimal("100"), "reasons",
                List.of("no risk rule triggered (13 rules checked)")), json.get("gate"));
        assertEquals(Map.of("binance-spot", "ok", "coinbase", "ok"), json.get("feeds"));
        for (Map.Entry<String, Long> v : s.snapshot(midnight("2025-11-03"), FEEDS_OK).values().entrySet()) {
            if (v.getKey().startsWith("liquidations") || v.getKey().startsWith("adl") && !v.getKey().equals(
                    "adlRiskMax")) {
                assertEquals(0L, v.getValue(), v.getKey());
            } else {
                assertNull(v.getValue(), v.getKey());
            }
        }
    }

    @Test
    void theJsonCarriesExactNumbersPerSymbolAndLowerBoundLabels() throws Exception {
        Signals s = Signals.withDefaults();
        long t = midnight("2025-11-03") + 5 * MINUTE;
        s.accept(top(FeedSource.COINBASE, "BTC-USD", t, "99969", "99971"));
        s.accept(top(FeedSource.BINANCE_SPOT, "BTCUSDT", t, "99999", "100001"));
        s.accept(mark(FeedSource.BINANCE_USDM, "BTCUSDT", t, "100000", "0.0002"));
        s.accept(mark(FeedSource.BINANCE_USDM, "ETHUSDT", t, "3600", "-0.00005"));
        s.accept(oi(FeedSource.BINANCE_USDM, "BTCUSDT", t, "80000"));
        s.accept(trade(FeedSource.BINANCE_USDM, "BTCUSDT", t, "100000", "1", Side.SELL));
        s.accept(liq(FeedSource.BINANCE_USDM, "BTCUSDT", t, PositionSide.LONG, "99950.5", "2", true));
        Map<String, Object> json = s.snapshot(t + MINUTE, Map.of("coinbase", FeedState.STALE)).toJsonMap();
        String text = new ObjectMapper().writeValueAsString(json);
        assertTrue(text.contains("\"coinbasePremiumPct\":-0.03,\"coinbasePremiumUsd\":-30,"), text);
        assertTrue(text.contains("\"ethBtc\":0.036,"), text);
        assertTrue(text.contains("\"openInterestUsd\":{\"BTCUSDT\":8000000000,\"ETHUSDT\":null}"), text);
        assertTrue(text.contains("\"fundingRate\":{\"BTCUSDT\":0.0002,\"ETHUSDT\":-0.00005}"), text);
        assertTrue(text.contains("\"liquidationsUsd\":{\"long\":199901,\"short\":0,\"window\":\"24h\","
                + "\"lowerBound\":true}"), text);
        assertTrue(text.contains("\"gate\":{\"state\":\"CAUTION\",\"exposurePct\":50,\"reasons\":"
                + "[\"feed coinbase stale\"]},\"feeds\":{\"coinbase\":\"stale\"}"), text);
        assertTrue(text.startsWith("{\"ts\":" + (t + MINUTE) + ",\"signals\":{"), text);
    }

    /** Quotes every 5 minutes; the Coinbase premium is −30 US$ until 4 Nov 00:00 UTC, +30 US$ after. */
    private static List<SignalsSnapshot> novemberThird(Signals s) {
        s.addEtfFlow(LocalDate.parse("2025-10-29"), millions("-470.9")); // illustrative, with 30 and 31 Oct summing
        s.addEtfFlow(LocalDate.parse("2025-10-30"), millions("-488.4")); // to the press's ≈ −1.34B over four days
        s.addEtfFlow(LocalDate.parse("2025-10-31"), millions("-193.6"));
        s.addEtfFlow(LocalDate.parse("2025-11-03"), millions("-186.5")); // events.md (Farside via press)
        s.addEtfFlow(LocalDate.parse("2025-11-04"), millions("-566.4")); // events.md
        s.addEtfFlow(LocalDate.parse("2025-11-05"), millions("240")); // hypothetical recovery
        List<SignalsSnapshot> daily = new ArrayList<>();
        long start = midnight("2025-10-31");
        long turn = midnight("2025-11-04");
        for (long t = start; t <= midnight("2025-11-06"); t += 5 * MINUTE) {
            if ((t - start) % DAY == 0) {
                daily.add(s.snapshot(t, FEEDS_OK));
            }
            String us = t < turn ? "99970" : "100030";
            s.accept(top(FeedSource.COINBASE, "BTC-USD", t, DecimalE8.format(d(us) - 1_000_000),
                    DecimalE8.format(d(us) + 1_000_000)));
            s.accept(top(FeedSource.BINANCE_SPOT, "BTCUSDT", t, "99999.99", "100000.01"));
        }
        return daily;
    }

    @Test
    void novemberThirdGoesRiskOffOnTheSeedsReasonsAndRecoversWithTheSignals() {
        Signals s = Signals.withDefaults();
        List<SignalsSnapshot> daily = novemberThird(s);
        assertEquals(List.of(GateState.CAUTION, GateState.CAUTION, GateState.CAUTION, GateState.RISK_OFF,
                GateState.RISK_OFF, GateState.CAUTION, GateState.RISK_ON),
                daily.stream().map(x -> x.gate().state()).toList());
        assertEquals(List.of(
                "Coinbase premium -0.030% (-30.00 US$) negative for 4 days; ETF outflows 4 days (-1339.4 US$m)",
                "Coinbase premium -0.030% negative for 4 days",
                "ETF outflows 4 days (-1339.4 US$m; latest -186.5 US$m)"), daily.get(4).gate().reasons());
        assertEquals(0, daily.get(4).gate().exposurePctE8());
        Map<String, Object> json = daily.get(4).toJsonMap();
        @SuppressWarnings("unchecked")
        Map<String, Object> signals = (Map<String, Object>) json.get("signals");
        assertEquals(new BigDecimal("4"), signals.get("coinbasePremiumNegativeDays"));
        assertEquals(new BigDecimal("0"), signals.get("coinbasePremiumPositiveDays"));
        assertEquals(new BigDecimal("4"), signals.get("etfOutflowDays"));
        assertEquals(new BigDecimal("-1339400000"), signals.get("etfStreakFlowUsd"));
        assertEquals("2025-11-03", signals.get("etfDate"));
        // 5 Nov: the smoothed premium closed 4 Nov positive (+0.018 %), ETF outflows go on
        assertEquals(d("0.018"), daily.get(5).premium().smoothedPctE8());
        assertEquals(1, daily.get(5).premium().positiveDays());
        assertEquals(List.of("ETF outflows 5 days (-1905.8 US$m; latest -566.4 US$m)"), daily.get(5).gate().reasons());
        // 6 Nov: positive since the 15:01 sample of 4 Nov (the 30-hour average crossed zero), inflows
        assertEquals(List.of("Coinbase premium +0.030% positive for 33.0 hours", "ETF inflows 1 days (+240.0 US$m)"),
                daily.get(6).gate().reasons());
        List<GateChange> changes = s.gateChanges();
        assertEquals(List.of(midnight("2025-10-31"), midnight("2025-11-03"), midnight("2025-11-05"),
                midnight("2025-11-06")), changes.stream().map(GateChange::tsMs).toList());
        assertEquals(List.of(GateState.CAUTION, GateState.RISK_OFF, GateState.CAUTION, GateState.RISK_ON),
                changes.stream().map(GateChange::to).toList());
        assertEquals(List.of("Coinbase premium -0.030% (-30.00 US$) negative for 3 days; ETF outflows 3 days "
                        + "(-1152.9 US$m)", "Coinbase premium -0.030% negative for 3 days",
                "ETF outflows 3 days (-1152.9 US$m; latest -193.6 US$m)"), changes.get(1).reasons());
    }

    @Test
    void theSameEventsGiveTheSameSnapshotsAndChanges() {
        Signals a = Signals.withDefaults();
        Signals b = Signals.withDefaults();
        List<Map<String, Object>> ja = novemberThird(a).stream().map(SignalsSnapshot::toJsonMap).toList();
        List<Map<String, Object>> jb = novemberThird(b).stream().map(SignalsSnapshot::toJsonMap).toList();
        assertEquals(ja, jb);
        assertEquals(a.gateChanges(), b.gateChanges());
    }

    @Test
    void releveringAfterAFlushWhileUsSpotSellsIsRiskOff() {
        Signals s = Signals.withDefaults();
        long t0 = midnight("2025-11-03");
        s.accept(oi(FeedSource.BINANCE_USDM, "BTCUSDT", t0, "100000"));
        s.accept(oi(FeedSource.BINANCE_USDM, "BTCUSDT", t0 + MINUTE, "94000")); // −6 %: a flush
        s.accept(mark(FeedSource.BINANCE_USDM, "BTCUSDT", t0 + MINUTE, "105000", "0.0002"));
        for (long t = t0 + MINUTE; t <= t0 + 2 * 3_600_000L; t += 5 * MINUTE) {
            s.accept(top(FeedSource.COINBASE, "BTC-USD", t, "99969", "99971"));
            s.accept(top(FeedSource.BINANCE_SPOT, "BTCUSDT", t, "99999", "100001"));
        }
        s.accept(oi(FeedSource.BINANCE_USDM, "BTCUSDT", t0 + 2 * 3_600_000L + MINUTE, "94470")); // +0.5 % in 2 h
        SignalsSnapshot snap = s.snapshot(t0 + 2 * 3_600_000L + MINUTE, FEEDS_OK);
        assertEquals(LeverageRead.WARNING, snap.perps().get("BTCUSDT").leverage());
        assertEquals(GateState.RISK_OFF, snap.gate().state());
        assertEquals(List.of("BTCUSDT OI rebuilding +6.0%/day with funding +0.020% while Coinbase premium -0.030%"),
                snap.gate().reasons());
    }

    @Test
    void aLiquidationCascadeIsRiskOffAndSampledTotalsSayAtLeast() {
        Signals s = Signals.withDefaults();
        long t0 = midnight("2025-11-03");
        for (int i = 0; i < 12; i++) {
            s.accept(liq(FeedSource.BINANCE_USDM, "BTCUSDT", t0 + i * 1_000L, PositionSide.LONG, "100000", "100",
                    true));
        }
        SignalsSnapshot snap = s.snapshot(t0 + 30 * MINUTE, FEEDS_OK);
        assertEquals(GateState.RISK_OFF, snap.gate().state());
        assertEquals(List.of("long liquidations 120 US$m in 1h (at least)"), snap.gate().reasons());
        SignalsSnapshot later = s.snapshot(t0 + 61 * MINUTE, FEEDS_OK);
        assertEquals(GateState.RISK_ON, later.gate().state()); // out of the hour, under the 24-hour threshold
        assertEquals(d("120"), later.values().get("liquidationsLongUsdM.24h"));
    }

    @Test
    void theExchangeClockFollowsTheVenuesTimestampsAndTheClockNeverGoesBack() {
        SignalsConfig d = SignalsConfig.defaults();
        Signals s = new Signals(new SignalsConfig(SignalsConfig.Clock.EXCHANGE, d.premium(), d.etf(), d.ethBtc(),
                d.perps(), d.openInterest(), d.liquidations(), d.adl()), Signals.withDefaults().gate().rules());
        long t = midnight("2025-11-03");
        s.accept(new MarketEvent.Trade(FeedSource.BINANCE_USDM, "BTCUSDT", t, t + 500,
                d("105000"), d("1"), Side.BUY, "1"));
        assertEquals(t, s.nowMs());
        s.accept(new MarketEvent.Trade(FeedSource.BINANCE_USDM, "BTCUSDT", t - 10, t + 600,
                d("105001"), d("1"), Side.BUY, "2"));
        assertEquals(t, s.nowMs());
        assertEquals(2, s.events());
    }

    @Test
    void perpSymbolsMustBeDistinct() {
        SignalsConfig d = SignalsConfig.defaults();
        assertEquals("signals: perp symbol BTCUSDT appears twice",
                assertThrows(IllegalArgumentException.class,
                        () -> new SignalsConfig(d.clock(), d.premium(), d.etf(), d.ethBtc(),
                                List.of(d.perps().get(0), d.perps().get(0)), d.openInterest(), d.liquidations(),
                                d.adl())).getMessage());
    }
}
