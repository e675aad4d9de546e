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
public record SimResult(Scenario scenario, long seed, long[] minuteEpochMs, List<PerpSeries> perps,
                        double[] coinbasePremiumPct, double[] coinbasePremiumUsd, double[] insuranceFundUsd,
                        List<Market.AdlFill> adlFills, List<MapSnapshot> trueMaps, Map<String, Object> summary,
                        String eventLogSha256, long events, double wallSeconds, double eventLoopSeconds, long bookOps,
                        long wakeups) {

    /** One perpetual, one value per minute. Prices in quote units; money in real-world US dollars. */
    public record PerpSeries(String symbol, double[] open, double[] high, double[] low, double[] close, double[] mark,
                             double[] index, double[] volumeUsd, double[] openInterestUsd, double[] fundingRate,
                             double[] depthBid1Usd, double[] depthAsk1Usd, double[] depthBid2Usd, double[] depthAsk2Usd,
                             double[] liqLongUsd, double[] liqShortUsd, double[] takerBuyShare) {
    }

    /** The true liquidation map at one time: real-world US dollars of positions liquidated at each bucket's price. */
    public record MapSnapshot(String symbol, long epochMs, double bucketWidth, double firstBucket, double[] longUsd,
                              double[] shortUsd) {
    }
}
