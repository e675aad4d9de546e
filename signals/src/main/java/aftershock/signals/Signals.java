package aftershock.signals;

import aftershock.feeds.MarketEvent;
import aftershock.feeds.etf.EtfFlowTable;
import aftershock.signals.ethbtc.EthBtc;
import aftershock.signals.gate.FeedState;
import aftershock.signals.gate.Gate;
import aftershock.signals.gate.GateChange;
import aftershock.signals.gate.GateDecision;
import aftershock.signals.gate.GateRules;
import aftershock.signals.gate.GateRulesException;
import aftershock.signals.leverage.LeverageRead;
import aftershock.signals.leverage.OpenInterestRebuild;
import aftershock.signals.levels.LiquidationMap;
import aftershock.signals.levels.LiquidationMapEstimator;
import aftershock.signals.levels.VolumeProfile;
import aftershock.signals.liquidation.AdlAnnouncement;
import aftershock.signals.liquidation.AdlNotices;
import aftershock.signals.liquidation.Liquidations;
import aftershock.signals.premium.CoinbasePremium;
import aftershock.signals.premium.EtfFlows;
import aftershock.signals.series.FixedE8;
import aftershock.signals.series.FixedE8.Round;
import aftershock.signals.series.WindowLabel;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The playbook signals and the gate over one stream of market events: feed it events in time order (and ETF flow
 * tables, ADL announcements), ask for a {@link SignalsSnapshot} whenever the monitor refreshes. Pure and
 * deterministic: the clock is the events' timestamps ({@link SignalsConfig.Clock}), never the wall clock.
 *
 * <p>The gate's inputs are named values ({@link #signalNames}): every one an E8 decimal in the unit its name says
 * ({@code Pct} in percent, {@code UsdM} in US$ millions, {@code Days}/{@code Hours} as counts, flags 1 or 0), with
 * per-symbol ({@code fundingRatePct.BTCUSDT}) and per-window ({@code liquidationsLongUsdM.1h}) variants.
 */
public final class Signals {
    private static final long USD_PER_MILLION = 1_000_000L;

    private final SignalsConfig config;
    private final Gate gate;
    private final CoinbasePremium premium;
    private final EtfFlows etf;
    private final EthBtc ethBtc;
    private final Map<String, OpenInterestRebuild> openInterest = new TreeMap<>();
    private final Map<String, LiquidationMapEstimator> maps = new TreeMap<>();
    private final Map<String, VolumeProfile> profiles = new TreeMap<>();
    private final Liquidations liquidations;
    private final AdlNotices adl;
    private long nowMs = Long.MIN_VALUE;
    private long events;

    public Signals(SignalsConfig config, GateRules rules) {
        this.config = config;
        this.gate = new Gate(rules);
        this.premium = new CoinbasePremium(config.premium());
        this.etf = new EtfFlows(config.etf());
        this.ethBtc = new EthBtc(config.ethBtc());
        for (Perp p : config.perps()) {
            openInterest.put(p.symbol(), new OpenInterestRebuild(p.market(), config.openInterest()));
            maps.put(p.symbol(), new LiquidationMapEstimator(p.map()));
            profiles.put(p.symbol(), new VolumeProfile(p.profile()));
        }
        this.liquidations = new Liquidations(config.liquidations());
        this.adl = new AdlNotices(config.adl());
    }

    /** The default configuration with the shipped default rules. */
    public static Signals withDefaults() {
        SignalsConfig config = SignalsConfig.defaults();
        try {
            return new Signals(config, GateRules.defaults(signalNames(config)));
        } catch (GateRulesException e) {
            throw new IllegalStateException("the shipped default rules do not match the default signals: "
                    + e.getMessage(), e);
        }
    }

    public SignalsConfig config() {
        return config;
    }

    /** Applies one event at its time on the signals' clock (never earlier than the clock already is). */
    public void accept(MarketEvent e) {
        long t = config.clock() == SignalsConfig.Clock.RECEIVE ? e.receiveTsMs() : e.exchangeTsMs();
        nowMs = Math.max(nowMs, t);
        events++;
        etf.advanceTo(nowMs);
        premium.accept(e, nowMs);
        ethBtc.accept(e, nowMs);
        for (OpenInterestRebuild o : openInterest.values()) {
            o.accept(e, nowMs);
        }
        for (LiquidationMapEstimator m : maps.values()) {
            m.accept(e, nowMs);
        }
        for (VolumeProfile v : profiles.values()) {
            v.accept(e, nowMs);
        }
        liquidations.accept(e, nowMs);
        adl.accept(e, nowMs);
    }

    /** Queues an ETF flow table; each day is applied when the clock reaches its publication time. */
    public void loadEtfFlows(EtfFlowTable table) {
        etf.load(table);
    }

    /** Queues one day's ETF net flow (US$ E8). */
    public void addEtfFlow(LocalDate day, long netFlowUsdE8) {
        etf.add(day, netFlowUsdE8);
    }

    /** Records a venue's ADL announcement (from configuration). */
    public void announce(AdlAnnouncement announcement) {
        adl.announce(announcement);
    }

    /** Moves the clock to {@code nowMs} without an event (samples and windows catch up). */
    public void advanceTo(long nowMs) {
        this.nowMs = Math.max(this.nowMs, nowMs);
        etf.advanceTo(this.nowMs);
        premium.advanceTo(this.nowMs);
        ethBtc.advanceTo(this.nowMs);
        for (VolumeProfile v : profiles.values()) {
            v.advanceTo(this.nowMs);
        }
        liquidations.advanceTo(this.nowMs);
        adl.advanceTo(this.nowMs);
    }

    /** The clock: the latest time seen, or {@link Long#MIN_VALUE} before any. */
    public long nowMs() {
        return nowMs;
    }

    public long events() {
        return events;
    }

    /**
     * Moves the clock to {@code nowMs}, reads every signal, lets the gate decide (recording a change of state) and
     * returns it all. {@code feeds}: each source's state by source id.
     */
    public SignalsSnapshot snapshot(long nowMs, Map<String, FeedState> feeds) {
        advanceTo(nowMs);
        SignalsSnapshot.Premium p = new SignalsSnapshot.Premium(premium.premiumPctE8(), premium.premiumUsdE8(),
                premium.smoothedPctE8(), premium.smoothedUsdE8(), premium.negativeDays(), premium.positiveDays(),
                premium.negativeHoursE8(), premium.positiveHoursE8());
        SignalsSnapshot.Etf f = new SignalsSnapshot.Etf(etf.lastDay(), etf.netFlowUsdE8(), etf.outflowDays(),
                etf.inflowDays(), etf.streakFlowUsdE8());
        Map<String, Long> changes = new LinkedHashMap<>();
        for (long w : config.ethBtc().changeWindowsMs()) {
            changes.put(WindowLabel.of(w), ethBtc.changePctE8(w));
        }
        SignalsSnapshot.EthBtcValues eb = new SignalsSnapshot.EthBtcValues(ethBtc.ratioE8(), changes,
                ethBtc.ethDrawdownPctE8(), ethBtc.btcDrawdownPctE8(), ethBtc.relativeDrawdownE8());
        long premiumForRead = p.smoothedPctE8() != MarketEvent.ABSENT ? p.smoothedPctE8() : p.pctE8();
        TreeMap<String, SignalsSnapshot.PerpValues> perps = new TreeMap<>();
        for (Perp perp : config.perps()) {
            String s = perp.symbol();
            OpenInterestRebuild o = openInterest.get(s);
            LiquidationMapEstimator m = maps.get(s);
            VolumeProfile v = profiles.get(s);
            long price = m.priceE8();
            LiquidationMap map = m.map();
            boolean priced = price != MarketEvent.ABSENT;
            perps.put(s, new SignalsSnapshot.PerpValues(price, o.openInterestQtyE8(), o.openInterestUsdE8(),
                    o.fundingRateE8(), o.rebuildPctPerDayE8(), o.flushDropPctE8(), o.read(premiumForRead),
                    priced ? map.densestLongBelow(price) : null, priced ? map.densestShortAbove(price) : null,
                    priced ? v.supportAt(price) : null, priced ? v.resistanceAt(price) : null));
        }
        SignalsSnapshot.Adl a = new SignalsSnapshot.Adl(adl.maxLevel(), adl.latestRisk(), adl.alertsInWindow(),
                adl.alertsTotal(), adl.reviewsInWindow());
        List<Liquidations.Totals> totals = liquidations.allTotals();
        TreeMap<String, FeedState> feedStates = new TreeMap<>(feeds);
        SortedMap<String, Long> values = values(config, p, f, eb, perps, totals, a);
        GateDecision decision = gate.evaluate(this.nowMs, values, feedStates);
        return new SignalsSnapshot(this.nowMs, p, f, eb, perps, totals, a, values, decision, feedStates);
    }

    /** The gate's changes of state so far, oldest first. */
    public List<GateChange> gateChanges() {
        return gate.changes();
    }

    public Gate gate() {
        return gate;
    }

    public CoinbasePremium premium() {
        return premium;
    }

    public EtfFlows etf() {
        return etf;
    }

    public EthBtc ethBtc() {
        return ethBtc;
    }

    public OpenInterestRebuild openInterest(String symbol) {
        return openInterest.get(symbol);
    }

    public LiquidationMapEstimator liquidationMap(String symbol) {
        return maps.get(symbol);
    }

    public VolumeProfile volumeProfile(String symbol) {
        return profiles.get(symbol);
    }

    public Liquidations liquidations() {
        return liquidations;
    }

    public AdlNotices adl() {
        return adl;
    }

    /** The names the gate's rules can use with this configuration, sorted. */
    public static SortedSet<String> signalNames(SignalsConfig config) {
        TreeSet<String> names = new TreeSet<>(List.of(
                "coinbasePremiumPct", "coinbasePremiumUsd", "coinbasePremiumSmoothedPct", "coinbasePremiumSmoothedUsd",
                "coinbasePremiumNegativeDays", "coinbasePremiumPositiveDays", "coinbasePremiumNegativeHours",
                "coinbasePremiumPositiveHours",
                "etfNetFlowUsdM", "etfOutflowDays", "etfInflowDays", "etfStreakFlowUsdM",
                "ethBtc", "ethDrawdownPct", "btcDrawdownPct", "ethBtcDrawdownRatio",
                "adlRiskMax", "adlAlerts", "adlReviews"));
        for (long w : config.ethBtc().changeWindowsMs()) {
            names.add("ethBtcChangePct." + WindowLabel.of(w));
        }
        for (long w : config.liquidations().windowsMs()) {
            names.add("liquidationsLongUsdM." + WindowLabel.of(w));
            names.add("liquidationsShortUsdM." + WindowLabel.of(w));
        }
        for (Perp perp : config.perps()) {
            for (String base : PER_PERP) {
                names.add(base + "." + perp.symbol());
            }
        }
        return Collections.unmodifiableSortedSet(names);
    }

    private static final List<String> PER_PERP = List.of("price", "openInterestUsdM", "fundingRatePct",
            "oiRebuildPctPerDay", "oiFlushDropPct", "leverageWarning", "leverageHealthy", "liqClusterLongDistancePct",
            "liqClusterShortDistancePct", "supportDistancePct", "resistanceDistancePct");

    private static SortedMap<String, Long> values(SignalsConfig config, SignalsSnapshot.Premium p,
                                                  SignalsSnapshot.Etf f, SignalsSnapshot.EthBtcValues eb,
                                                  SortedMap<String, SignalsSnapshot.PerpValues> perps,
                                                  List<Liquidations.Totals> totals, SignalsSnapshot.Adl a) {
        TreeMap<String, Long> v = new TreeMap<>();
        v.put("coinbasePremiumPct", box(p.pctE8()));
        v.put("coinbasePremiumUsd", box(p.usdE8()));
        v.put("coinbasePremiumSmoothedPct", box(p.smoothedPctE8()));
        v.put("coinbasePremiumSmoothedUsd", box(p.smoothedUsdE8()));
        boolean premiumKnown = p.smoothedPctE8() != MarketEvent.ABSENT || p.negativeDays() + p.positiveDays() > 0;
        v.put("coinbasePremiumNegativeDays", premiumKnown ? count(p.negativeDays()) : null);
        v.put("coinbasePremiumPositiveDays", premiumKnown ? count(p.positiveDays()) : null);
        v.put("coinbasePremiumNegativeHours", p.smoothedPctE8() == MarketEvent.ABSENT ? null : p.negativeHoursE8());
        v.put("coinbasePremiumPositiveHours", p.smoothedPctE8() == MarketEvent.ABSENT ? null : p.positiveHoursE8());
        boolean etfKnown = f.day() != null;
        v.put("etfNetFlowUsdM", etfKnown ? millions(f.netFlowUsdE8()) : null);
        v.put("etfOutflowDays", etfKnown ? count(f.outflowDays()) : null);
        v.put("etfInflowDays", etfKnown ? count(f.inflowDays()) : null);
        v.put("etfStreakFlowUsdM", etfKnown ? millions(f.streakFlowUsdE8()) : null);
        v.put("ethBtc", box(eb.ratioE8()));
        eb.changePctE8().forEach((label, value) -> v.put("ethBtcChangePct." + label, box(value)));
        v.put("ethDrawdownPct", box(eb.ethDrawdownPctE8()));
        v.put("btcDrawdownPct", box(eb.btcDrawdownPctE8()));
        v.put("ethBtcDrawdownRatio", box(eb.relativeDrawdownE8()));
        for (Liquidations.Totals t : totals) {
            String label = WindowLabel.of(t.windowMs());
            v.put("liquidationsLongUsdM." + label, millions(t.longUsdE8()));
            v.put("liquidationsShortUsdM." + label, millions(t.shortUsdE8()));
        }
        v.put("adlRiskMax", a.maxLevel() == 0 ? null : count(a.maxLevel()));
        v.put("adlAlerts", count(a.alertsInWindow()));
        v.put("adlReviews", count(a.reviewsInWindow()));
        for (Perp perp : config.perps()) {
            String s = perp.symbol();
            SignalsSnapshot.PerpValues pv = perps.get(s);
            v.put("price." + s, box(pv.priceE8()));
            v.put("openInterestUsdM." + s, pv.openInterestUsdE8() == MarketEvent.ABSENT ? null
                    : millions(pv.openInterestUsdE8()));
            v.put("fundingRatePct." + s, pv.fundingRateE8() == MarketEvent.ABSENT ? null
                    : Math.multiplyExact(pv.fundingRateE8(), 100));
            v.put("oiRebuildPctPerDay." + s, box(pv.rebuildPctPerDayE8()));
            v.put("oiFlushDropPct." + s, box(pv.flushDropPctE8()));
            boolean read = pv.leverage() != LeverageRead.NO_FLUSH && pv.leverage() != LeverageRead.MEASURING;
            v.put("leverageWarning." + s, read ? flag(pv.leverage() == LeverageRead.WARNING) : null);
            v.put("leverageHealthy." + s, read ? flag(pv.leverage() == LeverageRead.HEALTHY) : null);
            v.put("liqClusterLongDistancePct." + s, pv.longClusterBelow() == null ? null
                    : pv.longClusterBelow().distancePctE8());
            v.put("liqClusterShortDistancePct." + s, pv.shortClusterAbove() == null ? null
                    : pv.shortClusterAbove().distancePctE8());
            long price = pv.priceE8();
            v.put("supportDistancePct." + s, pv.support() == null ? null
                    : price <= pv.support().highE8() ? 0L : FixedE8.percent(price - pv.support().highE8(), price));
            v.put("resistanceDistancePct." + s, pv.resistance() == null ? null
                    : FixedE8.percent(pv.resistance().lowE8() - price, price));
        }
        return v;
    }

    private static Long box(long e8) {
        return e8 == MarketEvent.ABSENT ? null : e8;
    }

    private static Long count(long n) {
        return Math.multiplyExact(n, FixedE8.ONE);
    }

    private static Long flag(boolean b) {
        return b ? FixedE8.ONE : 0L;
    }

    /** US$ E8 → US$ millions E8, half up. */
    private static Long millions(long usdE8) {
        return FixedE8.div(usdE8, USD_PER_MILLION, Round.HALF_UP);
    }

    /** The perps' symbols in configuration order. */
    public List<String> symbols() {
        List<String> out = new ArrayList<>();
        for (Perp p : config.perps()) {
            out.add(p.symbol());
        }
        return out;
    }
}
