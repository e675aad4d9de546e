package aftershock.sim.scenario;

import aftershock.engine.liquidation.AdlPolicy;
import aftershock.engine.liquidation.LiquidationPolicy;

import java.util.ArrayList;
import java.util.List;

/**
 * A scenario, validated: the market's starting state, its agents' parameters, the shocks (information and flows) and
 * the venue's policies. Money is in real-world US dollars here; the simulation divides by {@link #scale}. Every
 * field is documented in docs/SCENARIOS.md with its default.
 */
public record Scenario(String name, String description, String startTime, double durationHours, double scale,
                       long seed, Policies policies, List<Asset> assets, List<Shock> shocks, List<Fact> facts,
                       List<Collateral> collateral) {

    /**
     * A non-USDT collateral asset the venue accepts in cross margin (a synthetic dollar, a staked-ETH token, an LP
     * token): its redemption value, haircut and pricing policy, and the venue's own spot book for it (makers within
     * 1% of the redemption value, and redemption arbitrageurs who buy it back below that value, slowly).
     */
    public record Collateral(String name, double price, double haircutPct, aftershock.engine.margin.CollateralPricing pricing,
                             double redemptionWeight, double floorPrice, double bookDepthUsd, double arbPerMinute,
                             double arbSizeUsd, double arbThresholdBps) {
    }

    public Collateral collateral(String name) {
        for (Collateral c : collateral) {
            if (c.name().equals(name)) {
                return c;
            }
        }
        return null;
    }

    /** The venue's rules under test. */
    public record Policies(AdlPolicy adl, LiquidationPolicy liquidation, double priceBandPct, double marketTakeBoundPct,
                           double liquidationFeePct, double insuranceFundUsd, Breaker breaker, double backstopDiscountPct) {
    }

    /**
     * Volatility halts. {@code tiersPct}: moves (percent, within {@code windowMinutes}) that halt trading for the
     * matching {@code haltMinutes}; empty = no breaker (what crypto venues do).
     */
    public record Breaker(double windowMinutes, double[] tiersPct, double[] haltMinutes, boolean queueDuringHalt,
                          boolean auction) {
        public boolean on() {
            return tiersPct.length > 0;
        }
    }

    /** Makers on one kind of book. Depth is real-world US dollars per side within 1% of mid on a calm day. */
    public record Makers(int count, double depthUsd, int levels, double halfSpreadBps, double levelStepBps,
                         double requoteSeconds, double inventoryLimitUsd, double skewBps, double lossLimitUsd,
                         double withdrawFactor, double recoverMinutes, double adlAppetite, double volRefBps,
                         double indexWeight, double fundamentalPull, boolean hedge, double deepDepthUsd) {
    }

    public record Takers(double noisePerMinute, double noiseSizeUsd, double valuePerMinute, double valueSizeUsd,
                         double valueThresholdBps, double valueNoiseBps, double excitation) {
    }

    public record CrowdSpec(int traders, double shortShareOfOi, double longShare, double medianSizeUsd, double sizeSigma,
                            int[] leverages, double[] leverageWeights, double[] entryOffsets, double[] entrySds,
                            double[] entryWeights, double stopShare, double stopPct, double reentryProb,
                            double reentryMeanMinutes, double reentryLongShare, double openPerHour, double closePerHour,
                            double survivedLowPct, double survivedHighPct, double maxSizeUsd, double stopSlippagePct,
                            double takeProfitShare, double takeProfitPct, double excitation, double trendFollowing,
                            double[] runLeverageWeights, double excitedOpenShare, String collateralAsset,
                            double collateralShare) {
    }

    /**
     * One asset: its perpetual (under study), its U.S. and offshore spot books, its fundamental, its agents.
     */
    public record Asset(String name, String perpSymbol, double price, double dailyVol, double garchAlpha,
                        double garchBeta, double tailDf, double noiseHalfLifeHours, String driver, double correlation, double openInterestUsd,
                        Makers perpMakers, Makers usMakers, Makers offshoreMakers, Takers perpTakers, Takers usTakers,
                        Takers offshoreTakers, double momentumPerMinute, double momentumSizeUsd,
                        double momentumThresholdBps, double basisBandBps, double basisSizeUsd, double basisLimitUsd,
                        double spotArbBandBps, double spotArbSizeUsd, double spotArbLimitUsd, CrowdSpec crowd) {
    }

    public enum ShockType { NEWS, FLOW, UNWIND, DEPEG, HAIRCUT }

    public enum FlowVenue { PERP, US, OFFSHORE }

    /**
     * NEWS: the asset's fundamental moves by changePct over the minutes (volatility × volMultiplier meanwhile).
     * FLOW: notionalUsd of market orders on a venue, side BUY/SELL, over the minutes. UNWIND: carry traders of the asset
     * close shareOfCarry of their short perpetuals (and sell the spot they held) over the minutes — a collateral haircut.
     * DEPEG: notionalUsd of a collateral asset sold on the venue's own book for it over the minutes (its price there is
     * whatever that book gives; the venue values margin by its pricing policy). HAIRCUT: the venue sets the collateral's
     * haircut to haircutPct at the shock's time (every holder re-valued and checked for liquidation).
     */
    public record Shock(ShockType type, String asset, long atNanos, double minutes, double changePct, double volMultiplier,
                        FlowVenue venue, String side, double notionalUsd, double shareOfCarry, String label,
                        String collateral, double haircutPct) {
    }

    /** A documented fact the preset is compared against (events.md), with the summary key that measures it. */
    public record Fact(String what, double value, String unit, String key, String source) {
    }

    public Asset asset(String name) {
        for (Asset a : assets) {
            if (a.name().equals(name)) {
                return a;
            }
        }
        return null;
    }

    public static List<String> names(List<Asset> assets) {
        List<String> out = new ArrayList<>();
        for (Asset a : assets) {
            out.add(a.name());
        }
        return out;
    }
}
