package aftershock.app.simulate;

import aftershock.report.Table;
import aftershock.report.Table.Type;
import aftershock.report.TableWriter;
import aftershock.sim.SimResult;

import java.io.IOException;
import java.nio.file.Path;

/**
 * The run's data as tables, each written as CSV and Parquet (docs/OUTPUTS.md lists every column): {@code minutes}
 * (per perpetual and minute), {@code venue_minutes} (Coinbase premium, insurance fund, spot mids), {@code adl}
 * (every auto-deleveraging fill), {@code liquidation_map} (true map snapshots, hourly), {@code halts}.
 */
final class SimTables {
    private SimTables() {
    }

    static void write(SimResult r, Path dir) throws IOException {
        long[] t = r.minuteEpochMs();
        Table.Builder m = Table.builder("minutes").column("time", Type.TIMESTAMP).column("symbol", Type.STRING)
                .column("open", Type.DOUBLE).column("high", Type.DOUBLE).column("low", Type.DOUBLE).column("close", Type.DOUBLE)
                .column("mark", Type.DOUBLE).column("index", Type.DOUBLE).column("volume_usd", Type.DOUBLE)
                .column("taker_buy_share", Type.DOUBLE).column("open_interest_usd", Type.DOUBLE).column("funding_rate", Type.DOUBLE)
                .column("depth_bid_1pct_usd", Type.DOUBLE).column("depth_ask_1pct_usd", Type.DOUBLE)
                .column("depth_bid_2pct_usd", Type.DOUBLE).column("depth_ask_2pct_usd", Type.DOUBLE)
                .column("liquidated_long_usd", Type.DOUBLE).column("liquidated_short_usd", Type.DOUBLE);
        for (SimResult.PerpSeries p : r.perps()) {
            for (int i = 0; i < t.length; i++) {
                m.row(t[i], p.symbol(), p.open()[i], p.high()[i], p.low()[i], p.close()[i], p.mark()[i], p.index()[i],
                        p.volumeUsd()[i], p.takerBuyShare()[i], p.openInterestUsd()[i], p.fundingRate()[i], p.depthBid1Usd()[i],
                        p.depthAsk1Usd()[i], p.depthBid2Usd()[i], p.depthAsk2Usd()[i], p.liqLongUsd()[i], p.liqShortUsd()[i]);
            }
        }
        TableWriter.write(m.build(), dir);

        Table.Builder v = Table.builder("venue_minutes").column("time", Type.TIMESTAMP)
                .column("coinbase_premium_pct", Type.DOUBLE).column("coinbase_premium_usd", Type.DOUBLE)
                .column("insurance_fund_usd", Type.DOUBLE);
        for (SimResult.SpotSeries s : r.spots()) {
            v.column("mid_" + s.venue().replaceAll("[^A-Za-z0-9]+", "_").toLowerCase(), Type.DOUBLE);
        }
        for (int i = 0; i < t.length; i++) {
            Object[] row = new Object[4 + r.spots().size()];
            row[0] = t[i];
            row[1] = r.coinbasePremiumPct()[i];
            row[2] = r.coinbasePremiumUsd()[i];
            row[3] = r.insuranceFundUsd()[i];
            for (int k = 0; k < r.spots().size(); k++) {
                row[4 + k] = r.spots().get(k).mid()[i];
            }
            v.row(row);
        }
        TableWriter.write(v.build(), dir);

        Table.Builder a = Table.builder("adl").column("time", Type.TIMESTAMP).column("symbol", Type.STRING)
                .column("liquidated_account", Type.LONG).column("counterparty_account", Type.LONG)
                .column("price", Type.DOUBLE).column("mark", Type.DOUBLE).column("deviation_pct", Type.DOUBLE)
                .column("qty", Type.DOUBLE).column("notional_usd", Type.DOUBLE);
        double scale = r.scenario().scale();
        for (var f : r.adlFills()) {
            a.row(r.epochMs(f.tsNanos()), f.symbol(), f.liquidatedAccount(), f.counterparty(), f.price(), f.mark(), f.deviationPct(),
                    f.qty() * scale, f.qty() * scale * f.price());
        }
        TableWriter.write(a.build(), dir);

        Table.Builder lm = Table.builder("liquidation_map").column("time", Type.TIMESTAMP).column("symbol", Type.STRING)
                .column("price_low", Type.DOUBLE).column("price_high", Type.DOUBLE).column("long_usd", Type.DOUBLE)
                .column("short_usd", Type.DOUBLE);
        for (SimResult.MapSnapshot s : r.trueMaps()) {
            for (int k = 0; k < s.longUsd().length; k++) {
                if (s.longUsd()[k] > 0 || s.shortUsd()[k] > 0) {
                    double lo = s.firstBucket() + k * s.bucketWidth();
                    lm.row(s.epochMs(), s.symbol(), lo, lo + s.bucketWidth(), s.longUsd()[k], s.shortUsd()[k]);
                }
            }
        }
        TableWriter.write(lm.build(), dir);

        Table.Builder h = Table.builder("halts").column("start", Type.TIMESTAMP).column("end", Type.TIMESTAMP)
                .column("symbol", Type.STRING).column("reason", Type.STRING);
        for (var x : r.halts()) {
            h.row(r.epochMs(x.startNanos()), r.epochMs(x.endNanos()), x.symbol(), x.reason());
        }
        TableWriter.write(h.build(), dir);
    }
}
