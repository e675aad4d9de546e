package aftershock.app.monitor;

import aftershock.feeds.AdlRisk;
import aftershock.feeds.MarketEvent;
import aftershock.signals.SignalsSnapshot;
import aftershock.signals.gate.FeedState;
import aftershock.signals.gate.GateChange;
import aftershock.signals.levels.LiquidationMap.Cluster;
import aftershock.signals.levels.VolumeProfile.Zone;
import aftershock.signals.liquidation.Liquidations;
import aftershock.signals.series.WindowLabel;

import java.io.PrintWriter;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The monitor for a person: one line per signal, the gate with its exposure and reasons, the feeds' health. On a
 * terminal the view is redrawn in place (ANSI clear and home) with the latest gate changes under it; otherwise each
 * update is appended, and each gate change is printed as a line of its own when it happens
 * ({@code 10:05:00 gate CAUTION → RISK_OFF (exposure 0%): reasons}). Values are rounded for reading; the exact ones
 * are in {@code --json}.
 */
public final class TerminalView implements MonitorOutput {
    /** Gate changes shown under a redrawn view. */
    static final int CHANGES_SHOWN = 5;
    private static final String CLEAR_AND_HOME = "\u001b[H\u001b[2J";
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter DATE_TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneOffset.UTC);
    private static final int SCALE = 8;

    private final PrintWriter out;
    private final String title;
    private final boolean redraw;
    private final ArrayDeque<String> recentChanges = new ArrayDeque<>();

    /**
     * @param title  what is monitored, shown at the top ({@code replay FILE})
     * @param redraw true on a terminal: clear and redraw at each update
     */
    public TerminalView(PrintWriter out, String title, boolean redraw) {
        this.out = out;
        this.title = title;
        this.redraw = redraw;
    }

    @Override
    public void gateChange(GateChange change) {
        String line = changeLine(change);
        if (redraw) {
            if (recentChanges.size() == CHANGES_SHOWN) {
                recentChanges.removeFirst();
            }
            recentChanges.addLast(line);
        } else {
            out.println(line);
            out.flush();
        }
    }

    @Override
    public void update(SignalsSnapshot s) {
        StringBuilder sb = new StringBuilder();
        if (redraw) {
            sb.append(CLEAR_AND_HOME);
        }
        for (String line : render(title, s)) {
            sb.append(line).append('\n');
        }
        if (redraw && !recentChanges.isEmpty()) {
            sb.append('\n').append("Gate changes (latest last)\n");
            for (String c : recentChanges) {
                sb.append("  ").append(c).append('\n');
            }
        }
        if (!redraw) {
            sb.append('\n');
        }
        out.print(sb);
        out.flush();
    }

    /** {@code 10:05:00 gate CAUTION → RISK_OFF (exposure 0%): reason; reason} (the first decision has no arrow). */
    public static String changeLine(GateChange c) {
        return TIME.format(Instant.ofEpochMilli(c.tsMs())) + " gate "
                + (c.from() == null ? "" : c.from() + " → ") + c.to()
                + " (exposure " + plain(c.exposurePctE8(), 0) + "%): " + String.join("; ", c.reasons());
    }

    /** The view's lines for one snapshot. */
    static List<String> render(String title, SignalsSnapshot s) {
        List<String> lines = new ArrayList<>();
        lines.add("Aftershock monitor · " + title + " · " + DATE_TIME.format(Instant.ofEpochMilli(s.tsMs())) + " UTC");
        lines.add("");
        lines.add(row("Gate", s.gate().state() + " · exposure " + plain(s.gate().exposurePctE8(), 0) + "%"));
        for (String reason : s.gate().reasons()) {
            lines.add("    - " + reason);
        }
        lines.add("");
        SignalsSnapshot.Premium p = s.premium();
        lines.add(row("Coinbase premium", unit(signed(p.pctE8(), 3), "%") + " (" + unit(signed(p.usdE8(), 2), " US$") + ")"
                + " · smoothed " + unit(signed(p.smoothedPctE8(), 3), "%")
                + " · " + streak(p.negativeDays(), p.positiveDays(), s.values().get("coinbasePremiumNegativeDays"))));
        SignalsSnapshot.Etf etf = s.etf();
        lines.add(row("ETF flows", etf.day() == null ? "n/a"
                : etf.day() + " " + signed(millions(etf.netFlowUsdE8()), 1) + " US$m · "
                + (etf.outflowDays() > 0 ? "outflows " + etf.outflowDays() + " days"
                : etf.inflowDays() > 0 ? "inflows " + etf.inflowDays() + " days" : "no streak")
                + " (" + signed(millions(etf.streakFlowUsdE8()), 1) + " US$m)"));
        SignalsSnapshot.EthBtcValues eb = s.ethBtc();
        StringBuilder ethBtc = new StringBuilder(plain(eb.ratioE8(), 5));
        for (Map.Entry<String, Long> c : eb.changePctE8().entrySet()) {
            ethBtc.append(" · ").append(c.getKey()).append(' ').append(unit(signed(c.getValue(), 2), "%"));
        }
        ethBtc.append(" · drawdown ETH ").append(unit(plain(eb.ethDrawdownPctE8(), 2), "%")).append(" BTC ")
                .append(unit(plain(eb.btcDrawdownPctE8(), 2), "%")).append(" · ratio ")
                .append(unit(plain(eb.relativeDrawdownE8(), 2), "x"));
        lines.add(row("ETH/BTC", ethBtc.toString()));
        for (Map.Entry<String, SignalsSnapshot.PerpValues> e : s.perps().entrySet()) {
            SignalsSnapshot.PerpValues v = e.getValue();
            lines.add(row(e.getKey(), "price " + plain(v.priceE8(), 2)
                    + " · OI " + unit(plain(millions(v.openInterestUsdE8()), 1), " US$m")
                    + " · funding " + unit(signed(v.fundingRateE8() == MarketEvent.ABSENT ? MarketEvent.ABSENT
                    : Math.multiplyExact(v.fundingRateE8(), 100), 4), "%")
                    + " · flush " + (v.flushDropPctE8() == MarketEvent.ABSENT ? "n/a"
                    : "-" + plain(v.flushDropPctE8(), 2) + "%")
                    + " · rebuild " + unit(signed(v.rebuildPctPerDayE8(), 1), "%/day") + " · " + v.leverage()));
        }
        for (Map.Entry<String, SignalsSnapshot.PerpValues> e : s.perps().entrySet()) {
            SignalsSnapshot.PerpValues v = e.getValue();
            lines.add(row("Levels " + e.getKey(), "long liq. cluster " + cluster(v.longClusterBelow())
                    + " · short liq. cluster " + cluster(v.shortClusterAbove())
                    + " · support " + zone(v.support()) + " · resistance " + zone(v.resistance())));
        }
        StringBuilder liq = new StringBuilder();
        for (Liquidations.Totals t : s.liquidations()) {
            if (liq.length() > 0) {
                liq.append(" · ");
            }
            liq.append(WindowLabel.of(t.windowMs())).append(" long ").append(plain(millions(t.longUsdE8()), 1))
                    .append(" short ").append(plain(millions(t.shortUsdE8()), 1)).append(" US$m")
                    .append(t.lowerBound() ? " (at least)" : "");
        }
        lines.add(row("Liquidations", liq.length() == 0 ? "n/a" : liq.toString()));
        SignalsSnapshot.Adl adl = s.adl();
        StringBuilder adlText = new StringBuilder("risk ").append(adl.maxLevel() == 0 ? "n/a" : "level "
                + adl.maxLevel());
        for (Map.Entry<String, AdlRisk> r : adl.risk().entrySet()) {
            adlText.append(' ').append(r.getKey()).append('=').append(r.getValue());
        }
        adlText.append(" · alerts ").append(adl.alertsInWindow()).append(" · reviews ").append(adl.reviewsInWindow());
        lines.add(row("ADL", adlText.toString()));
        lines.add("");
        StringBuilder feeds = new StringBuilder();
        for (Map.Entry<String, FeedState> f : s.feeds().entrySet()) {
            if (feeds.length() > 0) {
                feeds.append(" · ");
            }
            feeds.append(f.getKey()).append(' ').append(f.getValue().id());
        }
        lines.add(row("Feeds", feeds.length() == 0 ? "none" : feeds.toString()));
        return lines;
    }

    private static String row(String label, String text) {
        return String.format("%-19s%s", label, text);
    }

    private static String streak(int negativeDays, int positiveDays, Long known) {
        if (known == null) {
            return "daily streak n/a";
        }
        if (negativeDays > 0) {
            return "negative " + negativeDays + " days";
        }
        return positiveDays > 0 ? "positive " + positiveDays + " days" : "no daily streak";
    }

    private static String cluster(Cluster c) {
        return c == null ? "n/a" : plain(c.priceLowE8(), 0) + "-" + plain(c.priceHighE8(), 0) + " ("
                + plain(millions(c.notionalUsdE8()), 1) + " US$m, " + plain(c.distancePctE8(), 2) + "% away)";
    }

    private static String zone(Zone z) {
        return z == null ? "n/a" : plain(z.lowE8(), 0) + "-" + plain(z.highE8(), 0);
    }

    /** US$ E8 → US$ millions E8 (truncated below 10⁻⁸ m: display only). */
    private static long millions(long usdE8) {
        return usdE8 == MarketEvent.ABSENT ? MarketEvent.ABSENT : usdE8 / 1_000_000L;
    }

    /** {@code value} followed by its unit, or {@code n/a} alone. */
    private static String unit(String value, String unit) {
        return "n/a".equals(value) ? value : value + unit;
    }

    /** An E8 value rounded half up to {@code decimals}, or {@code n/a}. */
    static String plain(long e8, int decimals) {
        if (e8 == MarketEvent.ABSENT) {
            return "n/a";
        }
        return BigDecimal.valueOf(e8, SCALE).setScale(decimals, RoundingMode.HALF_UP).toPlainString();
    }

    /** The same with {@code +} on positive values. */
    static String signed(long e8, int decimals) {
        String text = plain(e8, decimals);
        return e8 != MarketEvent.ABSENT && e8 > 0 ? "+" + text : text;
    }
}
