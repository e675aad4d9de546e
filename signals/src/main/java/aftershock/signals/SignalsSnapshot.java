package aftershock.signals;

import aftershock.feeds.AdlRisk;
import aftershock.feeds.MarketEvent;
import aftershock.signals.gate.FeedState;
import aftershock.signals.gate.GateDecision;
import aftershock.signals.leverage.LeverageRead;
import aftershock.signals.levels.LiquidationMap.Cluster;
import aftershock.signals.levels.VolumeProfile.Zone;
import aftershock.signals.liquidation.Liquidations;
import aftershock.signals.series.WindowLabel;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Every signal's current value and the gate's decision at one time: what {@code aftershock monitor} shows and writes.
 * E8 values are ABSENT ({@link MarketEvent#ABSENT}) where there is no data yet; {@link #toJsonMap()} turns them into
 * null and the others into exact JSON numbers.
 *
 * @param tsMs         the signals' clock (epoch ms)
 * @param premium      Coinbase premium
 * @param etf          ETF flows
 * @param ethBtc       ETH/BTC
 * @param perps        per perpetual, by symbol
 * @param liquidations liquidation totals per configured window, in configuration order
 * @param adl          ADL notices
 * @param values       the gate's inputs by signal name (null = no data)
 * @param gate         the gate's decision
 * @param feeds        the feeds' states by source id
 */
public record SignalsSnapshot(long tsMs, Premium premium, Etf etf, EthBtcValues ethBtc,
                              SortedMap<String, PerpValues> perps, List<Liquidations.Totals> liquidations, Adl adl,
                              SortedMap<String, Long> values, GateDecision gate, SortedMap<String, FeedState> feeds) {

    /** The Coinbase premium: latest sample, moving average, daily-close streaks and the current sign's duration. */
    public record Premium(long pctE8, long usdE8, long smoothedPctE8, long smoothedUsdE8, int negativeDays,
                          int positiveDays, long negativeHoursE8, long positiveHoursE8) {
    }

    /** ETF flows: the latest known day, its net flow and the current streak. */
    public record Etf(LocalDate day, long netFlowUsdE8, int outflowDays, int inflowDays, long streakFlowUsdE8) {
    }

    /** ETH/BTC: the ratio, its change per window label, each drawdown and the relative drawdown. */
    public record EthBtcValues(long ratioE8, Map<String, Long> changePctE8, long ethDrawdownPctE8,
                               long btcDrawdownPctE8, long relativeDrawdownE8) {
        public EthBtcValues {
            changePctE8 = Collections.unmodifiableMap(new LinkedHashMap<>(changePctE8));
        }
    }

    /** One perpetual: price, open interest, funding, rebuild, the leverage read, clusters and zones (null if none). */
    public record PerpValues(long priceE8, long openInterestQtyE8, long openInterestUsdE8, long fundingRateE8,
                             long rebuildPctPerDayE8, long flushDropPctE8, LeverageRead leverage,
                             Cluster longClusterBelow, Cluster shortClusterAbove, Zone support, Zone resistance) {
    }

    /** ADL: the highest level (0 none, 1..3), the latest risk per source:symbol, alerts and reviews in the window. */
    public record Adl(int maxLevel, SortedMap<String, AdlRisk> risk, int alertsInWindow, long alertsTotal,
                      int reviewsInWindow) {
        public Adl {
            risk = Collections.unmodifiableSortedMap(new TreeMap<>(risk));
        }
    }

    public SignalsSnapshot {
        perps = Collections.unmodifiableSortedMap(new TreeMap<>(perps));
        liquidations = List.copyOf(liquidations);
        values = Collections.unmodifiableSortedMap(new TreeMap<>(values));
        feeds = Collections.unmodifiableSortedMap(new TreeMap<>(feeds));
    }

    /**
     * The JSON-ready form of {@code monitor --json}: maps with a fixed key order, {@link BigDecimal} numbers (exact,
     * from the E8 values), null where there is no data. {@code liquidationsUsd} is the longest window's totals.
     */
    public Map<String, Object> toJsonMap() {
        Map<String, Object> signals = new LinkedHashMap<>();
        signals.put("coinbasePremiumPct", num(premium.pctE8()));
        signals.put("coinbasePremiumUsd", num(premium.usdE8()));
        signals.put("coinbasePremiumSmoothedPct", num(premium.smoothedPctE8()));
        signals.put("coinbasePremiumSmoothedUsd", num(premium.smoothedUsdE8()));
        signals.put("coinbasePremiumNegativeDays", num(values.get("coinbasePremiumNegativeDays")));
        signals.put("coinbasePremiumPositiveDays", num(values.get("coinbasePremiumPositiveDays")));
        signals.put("etfDate", etf.day() == null ? null : etf.day().toString());
        signals.put("etfNetFlowUsd", num(etf.netFlowUsdE8()));
        signals.put("etfOutflowDays", num(values.get("etfOutflowDays")));
        signals.put("etfInflowDays", num(values.get("etfInflowDays")));
        signals.put("etfStreakFlowUsd", etf.day() == null ? null : num(etf.streakFlowUsdE8()));
        signals.put("ethBtc", num(ethBtc.ratioE8()));
        Map<String, Object> changes = new LinkedHashMap<>();
        ethBtc.changePctE8().forEach((k, v) -> changes.put(k, num(v)));
        signals.put("ethBtcChangePct", changes);
        signals.put("ethDrawdownPct", num(ethBtc.ethDrawdownPctE8()));
        signals.put("btcDrawdownPct", num(ethBtc.btcDrawdownPctE8()));
        signals.put("ethBtcDrawdownRatio", num(ethBtc.relativeDrawdownE8()));

        Map<String, Object> price = new LinkedHashMap<>();
        Map<String, Object> oi = new LinkedHashMap<>();
        Map<String, Object> funding = new LinkedHashMap<>();
        Map<String, Object> rebuild = new LinkedHashMap<>();
        Map<String, Object> leverage = new LinkedHashMap<>();
        Map<String, Object> clusters = new LinkedHashMap<>();
        Map<String, Object> zones = new LinkedHashMap<>();
        for (Map.Entry<String, PerpValues> e : perps.entrySet()) {
            PerpValues p = e.getValue();
            price.put(e.getKey(), num(p.priceE8()));
            oi.put(e.getKey(), num(p.openInterestUsdE8()));
            funding.put(e.getKey(), num(p.fundingRateE8()));
            rebuild.put(e.getKey(), num(p.rebuildPctPerDayE8()));
            leverage.put(e.getKey(), p.leverage().name());
            Map<String, Object> c = new LinkedHashMap<>();
            c.put("longBelow", cluster(p.longClusterBelow()));
            c.put("shortAbove", cluster(p.shortClusterAbove()));
            clusters.put(e.getKey(), c);
            Map<String, Object> z = new LinkedHashMap<>();
            z.put("support", zone(p.support()));
            z.put("resistance", zone(p.resistance()));
            zones.put(e.getKey(), z);
        }
        signals.put("price", price);
        signals.put("openInterestUsd", oi);
        signals.put("fundingRate", funding);
        signals.put("oiRebuildPctPerDay", rebuild);
        signals.put("leverage", leverage);

        Liquidations.Totals longest = null;
        Map<String, Object> byWindow = new LinkedHashMap<>();
        for (Liquidations.Totals t : liquidations) {
            if (longest == null || t.windowMs() > longest.windowMs()) {
                longest = t;
            }
            byWindow.put(WindowLabel.of(t.windowMs()), totals(t, true));
        }
        signals.put("liquidationsUsd", longest == null ? null : totals(longest, false));
        signals.put("liquidationsByWindowUsd", byWindow);
        signals.put("liquidationClusters", clusters);
        signals.put("volumeZones", zones);

        Map<String, Object> adlJson = new LinkedHashMap<>();
        adlJson.put("riskMax", adl.maxLevel() == 0 ? null : adl.maxLevel());
        Map<String, Object> risk = new LinkedHashMap<>();
        adl.risk().forEach((k, v) -> risk.put(k, v.name()));
        adlJson.put("risk", risk);
        adlJson.put("alerts", adl.alertsInWindow());
        adlJson.put("alertsTotal", adl.alertsTotal());
        adlJson.put("reviews", adl.reviewsInWindow());
        signals.put("adl", adlJson);

        Map<String, Object> gateJson = new LinkedHashMap<>();
        gateJson.put("state", gate.state().name());
        gateJson.put("exposurePct", num(gate.exposurePctE8()));
        gateJson.put("reasons", new ArrayList<>(gate.reasons()));

        Map<String, Object> feedsJson = new LinkedHashMap<>();
        feeds.forEach((k, v) -> feedsJson.put(k, v.id()));

        Map<String, Object> out = new LinkedHashMap<>();
        out.put("ts", tsMs);
        out.put("signals", signals);
        out.put("gate", gateJson);
        out.put("feeds", feedsJson);
        return out;
    }

    private static Map<String, Object> totals(Liquidations.Totals t, boolean withCount) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("long", num(t.longUsdE8()));
        m.put("short", num(t.shortUsdE8()));
        if (withCount) {
            m.put("count", t.count());
        } else {
            m.put("window", WindowLabel.of(t.windowMs()));
        }
        m.put("lowerBound", t.lowerBound());
        return m;
    }

    private static Map<String, Object> cluster(Cluster c) {
        if (c == null) {
            return null;
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("priceLow", num(c.priceLowE8()));
        m.put("priceHigh", num(c.priceHighE8()));
        m.put("notionalUsd", num(c.notionalUsdE8()));
        m.put("distancePct", num(c.distancePctE8()));
        return m;
    }

    private static Map<String, Object> zone(Zone z) {
        if (z == null) {
            return null;
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("low", num(z.lowE8()));
        m.put("high", num(z.highE8()));
        m.put("volume", num(z.volumeQtyE8()));
        return m;
    }

    /** A gate input (E8, null without data) as an exact plain decimal, or null. */
    static BigDecimal num(Long e8) {
        return e8 == null ? null : num(e8.longValue());
    }

    /** An E8 value as an exact plain decimal (no exponent, no trailing zeros), or null when ABSENT. */
    static BigDecimal num(long e8) {
        if (e8 == MarketEvent.ABSENT) {
            return null;
        }
        BigDecimal d = BigDecimal.valueOf(e8, 8).stripTrailingZeros();
        return d.scale() < 0 ? d.setScale(0) : d;
    }
}
