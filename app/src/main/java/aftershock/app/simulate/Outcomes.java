package aftershock.app.simulate;

import aftershock.report.Unit;
import aftershock.sim.SimResult;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The outcome table of a policy comparison — the same scenario and seed under each policy — and the sentence a
 * risk team would put in a memo: which policy liquidated least, drew the fund least, and closed winners closest to
 * the mark.
 */
record Outcomes(List<String> columns, List<List<String>> rows, double[] liquidated, double[] drawdown, double[] adlCost,
                double[] maxDeviation, double[] wiped, List<String> labels) {

    static Outcomes of(List<SimResult> runs, List<String> labels) {
        List<String> cols = List.of("Policy", "Liquidated", "Long share", "Accounts liquidated", "BTC max drawdown",
                "ADL fills", "ADL max deviation", "ADL cost (Σ|mark−price|×qty)", "Fund drawdown", "Socialized loss", "Halts",
                "Maker PnL");
        List<List<String>> rows = new ArrayList<>();
        int n = runs.size();
        double[] liq = new double[n];
        double[] dd = new double[n];
        double[] cost = new double[n];
        double[] dev = new double[n];
        double[] wiped = new double[n];
        for (int i = 0; i < n; i++) {
            var s = runs.get(i).summary();
            liq[i] = SimReport.num(s, "liquidations.totalUsd");
            dd[i] = SimReport.num(s, "insuranceFund.maxDrawdownUsd");
            cost[i] = SimReport.num(s, "adl.deviationCostUsd");
            dev[i] = SimReport.num(s, "adl.maxDeviationFromMarkPct");
            wiped[i] = SimReport.num(s, "liquidations.accounts");
            rows.add(List.of(labels.get(i), Unit.USD.format(liq[i]), Unit.PERCENT.format(SimReport.num(s, "liquidations.longSharePct")),
                    Unit.COUNT.format(wiped[i]), Unit.PERCENT.format(maxDrawdownPct(runs.get(i))),
                    Unit.COUNT.format(SimReport.num(s, "adl.events")), Unit.PERCENT.format(dev[i]), Unit.USD.format(cost[i]),
                    Unit.USD.format(dd[i]), Unit.USD.format(SimReport.num(s, "adl.socializedLossUsd")),
                    Unit.COUNT.format(SimReport.num(s, "halts")), Unit.USD.format(SimReport.num(s, "makers.pnlUsd"))));
        }
        return new Outcomes(cols, rows, liq, dd, cost, dev, wiped, labels);
    }

    /** The deepest fall of the first perpetual's close from its running peak, in percent. */
    static double maxDrawdownPct(SimResult r) {
        double peak = 0;
        double worst = 0;
        for (double c : r.perps().get(0).close()) {
            if (c <= 0) {
                continue;
            }
            peak = Math.max(peak, c);
            worst = Math.min(worst, (c / peak - 1) * 100);
        }
        return worst;
    }

    private static int argMin(double[] v) {
        int best = 0;
        for (int i = 1; i < v.length; i++) {
            if (v[i] < v[best]) {
                best = i;
            }
        }
        return best;
    }

    /** A plain-language verdict: what the comparison says, in the units a risk committee reads. */
    String verdict(String dimension) {
        int lessLiq = argMin(liquidated);
        int lessDd = argMin(drawdown);
        int lessCost = argMin(adlCost);
        StringBuilder b = new StringBuilder();
        b.append(String.format(Locale.ROOT, "Same scenario and seed under each %s policy. ", dimension));
        b.append(labels.get(lessLiq)).append(" liquidated least (").append(Unit.USD.format(liquidated[lessLiq]))
                .append(" against ").append(Unit.USD.format(max(liquidated))).append(" for the worst). ");
        b.append(labels.get(lessDd)).append(" drew the insurance fund least (").append(Unit.USD.format(drawdown[lessDd])).append("). ");
        if (max(adlCost) > 0) {
            b.append(labels.get(lessCost)).append(" closed auto-deleveraged winners closest to the mark (cost ")
                    .append(Unit.USD.format(adlCost[lessCost])).append(" against ").append(Unit.USD.format(max(adlCost)))
                    .append("; worst single deviation ").append(Unit.PERCENT.format(max(maxDeviation))).append(").");
        } else {
            b.append("No policy needed auto-deleveraging in this run: the insurance fund and the book absorbed every liquidation.");
        }
        return b.toString();
    }

    private static double max(double[] v) {
        double m = v[0];
        for (double x : v) {
            m = Math.max(m, x);
        }
        return m;
    }
}
