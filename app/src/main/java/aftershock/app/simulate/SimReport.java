package aftershock.app.simulate;

import aftershock.feeds.MarketEvent;
import aftershock.report.AdlEvent;
import aftershock.report.Halt;
import aftershock.report.Heatmap;
import aftershock.report.ReportData;
import aftershock.report.Unit;
import aftershock.report.Variant;
import aftershock.signals.levels.LiquidationMap;
import aftershock.signals.levels.LiquidationMapConfig;
import aftershock.signals.levels.LiquidationMapEstimator;
import aftershock.signals.series.Market;
import aftershock.sim.SimResult;
import aftershock.sim.scenario.Scenario;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Turns simulation results into the report's data: one variant per run (the first is the baseline), the facts of
 * an event preset beside the simulated figures, the true liquidation map next to the estimate a data vendor would
 * make from open-interest changes, and — for a comparison — the outcome table and a plain verdict.
 */
final class SimReport {
    private SimReport() {
    }

    static ReportData build(List<SimResult> runs, List<String> labels, String commandLine, String dimension) {
        SimResult base = runs.get(0);
        Scenario sc = base.scenario();
        ReportData.Builder b = ReportData.builder(title(sc)).scenario(sc.name()).seed(base.seed()).generatedFrom(commandLine);
        Map<String, Object> s = base.summary();
        b.keyFigure("Liquidated", num(s, "liquidations.totalUsd"), Unit.USD);
        b.keyFigure("Long share of liquidations", num(s, "liquidations.longSharePct"), Unit.PERCENT);
        b.keyFigure("Accounts liquidated", num(s, "liquidations.accounts"), Unit.COUNT);
        for (SimResult.PerpSeries p : base.perps()) {
            b.keyFigure(p.symbol() + " low", num(s, "instruments." + p.symbol() + ".low"), Unit.PRICE);
            b.keyFigure(p.symbol() + " change", num(s, "instruments." + p.symbol() + ".changePct"), Unit.PERCENT);
        }
        b.keyFigure("Open interest change", num(s, "openInterest.changePct"), Unit.PERCENT);
        b.keyFigure("Insurance fund drawdown", num(s, "insuranceFund.maxDrawdownUsd"), Unit.USD);
        b.keyFigure("ADL fills", num(s, "adl.events"), Unit.COUNT);
        b.keyFigure("Halts", num(s, "halts"), Unit.COUNT);
        for (Scenario.Collateral c : sc.collateral()) {
            b.keyFigure(c.name() + " low on the venue's book", num(s, "collateral." + c.name() + ".venueBookLow"), Unit.PRICE);
        }
        for (Scenario.Fact f : sc.facts()) {
            Double sim = lookup(s, f.key());
            b.fact(f.what(), f.value(), sim == null ? Double.NaN : sim, unit(f.unit()), f.source());
        }
        for (int i = 0; i < runs.size(); i++) {
            b.variant(variant(runs.get(i), labels.get(i)));
        }
        if (runs.size() > 1) {
            Outcomes o = Outcomes.of(runs, labels);
            b.comparison(o.columns(), o.rows(), o.verdict(dimension));
        }
        b.note("Simulated at 1/" + fmt(sc.scale()) + " of the real market (scale " + fmt(sc.scale())
                + "): money is reported in real-world US dollars. Seed " + base.seed() + "; event log SHA-256 "
                + base.eventLogSha256() + ".");
        b.note("The estimated liquidation map is what a data vendor would draw from open-interest changes and an assumed "
                + "leverage mix (5×–100×); the true map is every simulated position's liquidation price. Their gap is "
                + "the error of reading vendors' maps as where the stops are.");
        if (!sc.description().isEmpty()) {
            b.note(sc.description());
        }
        return b.build();
    }

    private static String title(Scenario sc) {
        return sc.name().equals("nov-3-2025") ? "2025-11-03: the aftershock, replayed" : "Aftershock simulation: " + sc.name();
    }

    static String fmt(double v) {
        return v == Math.rint(v) ? Long.toString((long) v) : String.format(Locale.ROOT, "%.2f", v);
    }

    static Unit unit(String u) {
        return switch (u.toLowerCase(Locale.ROOT)) {
            case "usd" -> Unit.USD;
            case "price" -> Unit.PRICE;
            case "percent" -> Unit.PERCENT;
            case "count" -> Unit.COUNT;
            default -> Unit.NUMBER;
        };
    }

    static double num(Map<String, Object> summary, String key) {
        Double d = lookup(summary, key);
        return d == null ? Double.NaN : d;
    }

    /** A dotted key into the nested summary map, or null when absent. */
    @SuppressWarnings("unchecked")
    static Double lookup(Map<String, Object> summary, String key) {
        Object cur = summary;
        for (String part : key.split("\\.")) {
            if (!(cur instanceof Map)) {
                return null;
            }
            cur = ((Map<String, Object>) cur).get(part);
        }
        return cur instanceof Number n ? n.doubleValue() : null;
    }

    private static Variant variant(SimResult r, String label) {
        Variant.Builder v = Variant.builder(label);
        long[] t = r.minuteEpochMs();
        for (int m = 0; m < t.length; m++) {
            v.minute(t[m]);
            for (SimResult.PerpSeries p : r.perps()) {
                v.instrument(p.symbol()).ohlc(p.open()[m], p.high()[m], p.low()[m], p.close()[m]).mark(p.mark()[m])
                        .index(p.index()[m]).volumeUsd(p.volumeUsd()[m]).openInterestUsd(p.openInterestUsd()[m])
                        .fundingRate(p.fundingRate()[m])
                        .depthUsd(p.depthBid1Usd()[m], p.depthAsk1Usd()[m], p.depthBid2Usd()[m], p.depthAsk2Usd()[m])
                        .liquidationsUsd(p.liqLongUsd()[m], p.liqShortUsd()[m]);
            }
            v.venue().coinbasePremium(r.coinbasePremiumPct()[m], r.coinbasePremiumUsd()[m]).insuranceFundUsd(r.insuranceFundUsd()[m]);
        }
        List<MarketEvent> feed = SimMarketEvents.of(r);
        for (SimResult.PerpSeries p : r.perps()) {
            Heatmap[] maps = heatmaps(r, p, feed);
            v.instrument(p.symbol()).trueHeatmap(maps[0]).estimatedHeatmap(maps[1]);
        }
        for (var f : r.adlFills()) {
            v.adl(AdlEvent.of(r.epochMs(f.tsNanos()), f.symbol(), f.price(), f.mark(), f.qty() * r.scenario().scale()));
        }
        for (var h : r.halts()) {
            v.halt(new Halt(h.symbol(), r.epochMs(h.startNanos()), r.epochMs(h.endNanos()), h.reason()));
        }
        return v.build();
    }

    /** The true and the estimated liquidation maps of one perpetual on a common price grid, hourly. */
    static Heatmap[] heatmaps(SimResult r, SimResult.PerpSeries p, List<MarketEvent> feed) {
        double lo = Double.MAX_VALUE;
        double hi = 0;
        for (int m = 0; m < p.low().length; m++) {
            if (p.low()[m] > 0) {
                lo = Math.min(lo, p.low()[m]);
            }
            hi = Math.max(hi, p.high()[m]);
        }
        if (hi <= 0) {
            return new Heatmap[] {Heatmap.NONE, Heatmap.NONE};
        }
        int n = 120;
        double[] grid = Heatmap.uniformBuckets(lo * 0.92, hi * 1.08, n);
        double width = grid.length > 1 ? grid[1] - grid[0] : 1;
        Heatmap.Builder truth = Heatmap.builder(grid);
        Heatmap.Builder est = Heatmap.builder(grid);
        List<SimResult.MapSnapshot> snaps = new ArrayList<>();
        for (SimResult.MapSnapshot s : r.trueMaps()) {
            if (s.symbol().equals(p.symbol())) {
                snaps.add(s);
            }
        }
        LiquidationMapEstimator estimator = new LiquidationMapEstimator(LiquidationMapConfig.defaults(
                new Market(aftershock.feeds.FeedSource.BINANCE_USDM, p.symbol()), Math.max(1, Math.round(width * 1e8))));
        // The vendor's history: open interest appeared at the entry prices of the positions open at the start. Fed from
        // the highest price down (the days before the event fell from their high), before the run's own feed.
        long ts0 = r.minuteEpochMs().length > 0 ? r.minuteEpochMs()[0] - 60_000L : 0;
        double oi = 0;
        for (SimResult.EntryHistory h : r.entryHistory()) {
            if (!h.symbol().equals(p.symbol())) {
                continue;
            }
            for (int k = h.entryPrice().length - 1; k >= 0; k--) {
                double price = h.entryPrice()[k];
                double qty = h.qty()[k];
                if (price <= 0 || qty <= 0) {
                    continue;
                }
                oi += qty;
                long px = Math.round(price * 1e8);
                long half = Math.max(1, Math.round(qty / 2 * 1e8));
                estimator.accept(new MarketEvent.Trade(aftershock.feeds.FeedSource.BINANCE_USDM, p.symbol(), ts0, ts0, px, half,
                        aftershock.feeds.Side.BUY, "h" + k + "b"), ts0);
                estimator.accept(new MarketEvent.Trade(aftershock.feeds.FeedSource.BINANCE_USDM, p.symbol(), ts0, ts0, px, half,
                        aftershock.feeds.Side.SELL, "h" + k + "s"), ts0);
                estimator.accept(new MarketEvent.OpenInterest(aftershock.feeds.FeedSource.BINANCE_USDM, p.symbol(), ts0, ts0,
                        Math.round(oi * 1e8), Math.round(oi * price * 1e8)), ts0);
            }
        }
        int next = 0;
        for (SimResult.MapSnapshot s : snaps) {
            while (next < feed.size() && feed.get(next).exchangeTsMs() <= s.epochMs()) {
                estimator.accept(feed.get(next), feed.get(next).exchangeTsMs());
                next++;
            }
            truth.snapshot(s.epochMs());
            for (int k = 0; k < s.longUsd().length; k++) {
                double price = s.firstBucket() + (k + 0.5) * s.bucketWidth();
                double usd = s.longUsd()[k] + s.shortUsd()[k];
                if (usd > 0) {
                    truth.addPosition(price, usd);
                }
            }
            est.snapshot(s.epochMs());
            LiquidationMap map = estimator.map();
            for (LiquidationMap.Level l : map.levels().values()) {
                double usd = (l.longUsdE8() + l.shortUsdE8()) / 1e8;
                if (usd > 0) {
                    est.addPosition(l.priceLowE8() / 1e8 + width / 2, usd);
                }
            }
        }
        if (snaps.isEmpty()) {
            return new Heatmap[] {Heatmap.NONE, Heatmap.NONE};
        }
        return new Heatmap[] {truth.build(), est.build()};
    }
}
