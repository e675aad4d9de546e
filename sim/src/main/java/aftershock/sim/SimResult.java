package aftershock.sim;

import aftershock.sim.market.Market;
import aftershock.sim.scenario.Scenario;

import java.util.List;
import java.util.Map;

/**
 * What a run produced, in real-world units (simulated amounts × the scenario's scale): per-minute series per
 * perpetual, venue-wide series, the auto-deleveraging fills, the true liquidation map snapshots, the summary (the
 * keys of summary.json, in order) and the run's measurements.
 */
public record SimResult(Scenario scenario, long seed, long[] minuteEpochMs, List<PerpSeries> perps, List<SpotSeries> spots,
                        double[] coinbasePremiumPct, double[] coinbasePremiumUsd, double[] insuranceFundUsd,
                        List<Market.AdlFill> adlFills, List<Market.HaltSpan> halts, List<MapSnapshot> trueMaps,
                        List<EntryHistory> entryHistory, Map<String, Object> summary,
                        String eventLogSha256, long events, double wallSeconds, double eventLoopSeconds, long bookOps,
                        long wakeups, long warmupNanos) {

    /** One perpetual, one value per minute. Prices in quote units; money in real-world US dollars. */
    public record PerpSeries(String symbol, double[] open, double[] high, double[] low, double[] close, double[] mark,
                             double[] index, double[] volumeUsd, double[] openInterestUsd, double[] fundingRate,
                             double[] depthBid1Usd, double[] depthAsk1Usd, double[] depthBid2Usd, double[] depthAsk2Usd,
                             double[] liqLongUsd, double[] liqShortUsd, double[] takerBuyShare, double[] mid) {
    }

    /** Milliseconds since the epoch of a simulation time (the scenario's start is the end of the warm-up). */
    public long epochMs(long simNanos) {
        return minuteEpochMs.length == 0 ? 0 : minuteEpochMs[0] + (simNanos - warmupNanos) / 1_000_000;
    }

    /**
     * Where the open interest at the start was opened: open quantity (real-world coins, both sides together) by entry
     * price bucket — what a data vendor watching open interest over the days before would have seen.
     */
    public record EntryHistory(String symbol, double[] entryPrice, double[] qty) {
    }

    /** A spot book's mid and its last trade, one value per minute (quote units). */
    public record SpotSeries(String venue, String source, String asset, double[] mid) {
    }

    /** The true liquidation map at one time: real-world US dollars of positions liquidated at each bucket's price. */
    public record MapSnapshot(String symbol, long epochMs, double bucketWidth, double firstBucket, double[] longUsd,
                              double[] shortUsd) {
    }
}
