package aftershock.sim.scenario;

import aftershock.engine.liquidation.AdlPolicy;
import aftershock.engine.liquidation.LiquidationPolicy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads a scenario (a preset embedded in the jar, or a YAML file), applies {@code --set key=value} overrides, and
 * validates it whole: every error names the file and line (or the --set) and the field; an unknown key is an error.
 * Defaults describe a calm BTC-like market; docs/SCENARIOS.md lists every key.
 */
public final class ScenarioReader {
    public static final List<String> PRESETS = List.of("nov-3-2025", "calm", "oct-10-2025", "abm-bench");

    private ScenarioReader() {
    }

    /** A preset name or a file path. */
    public static Scenario load(String nameOrFile, List<String> sets) throws ScenarioException {
        String text;
        String file;
        if (nameOrFile.equals("abm-bench")) {
            throw new ScenarioException("abm-bench is a throughput workload (ABIDES W1), not a market day: run it with "
                    + "aftershock simulate --scenario abm-bench");
        }
        if (PRESETS.contains(nameOrFile)) {
            file = "preset " + nameOrFile;
            try (InputStream in = ScenarioReader.class.getResourceAsStream("/scenarios/" + nameOrFile + ".yaml")) {
                if (in == null) {
                    throw new ScenarioException("preset " + nameOrFile + " is missing from the jar");
                }
                text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new ScenarioException("preset " + nameOrFile + ": " + e.getMessage());
            }
        } else {
            Path path = Path.of(nameOrFile);
            file = nameOrFile;
            try {
                text = Files.readString(path);
            } catch (NoSuchFileException e) {
                throw new ScenarioException(nameOrFile + ": no such file, and not a preset (presets: " + String.join(", ", PRESETS) + ")");
            } catch (IOException e) {
                throw new ScenarioException(nameOrFile + ": cannot read: " + e.getMessage());
            }
        }
        return parse(file, text, sets);
    }

    /** The parameters a preset reads, after reading it (every key asked for, defaulted or not). */
    static Params paramsOf(String preset) throws ScenarioException {
        try (InputStream in = ScenarioReader.class.getResourceAsStream("/scenarios/" + preset + ".yaml")) {
            Params p = Params.parse("preset " + preset, new String(in.readAllBytes(), StandardCharsets.UTF_8));
            read(p);
            return p;
        } catch (IOException e) {
            throw new ScenarioException(preset + ": " + e.getMessage());
        }
    }

    public static Scenario parse(String file, String text, List<String> sets) throws ScenarioException {
        Params p = Params.parse(file, text);
        for (String s : sets) {
            p.set(s);
        }
        Scenario sc = read(p);
        p.checkAllUsed();
        return sc;
    }

    private static Scenario read(Params p) throws ScenarioException {
        String name = p.string("name", "unnamed");
        String description = p.string("description", "");
        String start = p.string("startTime", "2025-11-03T00:00:00Z");
        try {
            java.time.Instant.parse(start);
        } catch (java.time.format.DateTimeParseException e) {
            throw new ScenarioException(p.origin("startTime") + ": expected an ISO-8601 UTC time like 2025-11-03T00:00:00Z, got '" + start + "'");
        }
        double hours = p.number("durationHours", 24, 0.05, 24 * 7);
        double scale = p.number("scale", 100, 1, 1e7);
        long seed = (long) p.number("seed", 42, 0, 9.0e15);
        Scenario.Policies policies = new Scenario.Policies(
                p.enumValue("policies.adl", AdlPolicy.class, AdlPolicy.BINANCE),
                p.enumValue("policies.liquidation", LiquidationPolicy.class, LiquidationPolicy.BINANCE),
                p.number("policies.priceBandPct", 5, 0, 100),
                p.number("policies.marketTakeBoundPct", 5, 0, 100),
                p.number("policies.liquidationFeePct", 1.25, 0, 10),
                p.number("policies.insuranceFundUsd", 1.0e9, 0, 1e12),
                breaker(p),
                p.number("policies.backstopDiscountPct", -1, -1, 50));
        List<Scenario.Asset> assets = new ArrayList<>();
        for (String a : p.children("assets")) {
            assets.add(asset(p, a, scale));
        }
        if (assets.isEmpty()) {
            throw new ScenarioException(p.origin("assets") + ": at least one asset is needed (assets: BTC: ...)");
        }
        List<Scenario.Collateral> collateral = new ArrayList<>();
        for (int i = 0; i < p.listSize("collateral"); i++) {
            String k = "collateral[" + i + "]";
            String cname = p.string(k + ".name", "");
            if (cname.isBlank() || cname.equals("USDT") || !cname.matches("[A-Za-z0-9]+")) {
                throw new ScenarioException(p.origin(k + ".name") + ": a collateral asset needs a name of letters and digits other than USDT, got '" + cname + "'");
            }
            for (Scenario.Collateral other : collateral) {
                if (other.name().equals(cname)) {
                    throw new ScenarioException(p.origin(k + ".name") + ": collateral asset '" + cname + "' is declared twice");
                }
            }
            collateral.add(new Scenario.Collateral(cname,
                    p.number(k + ".price", 1, 1e-6, 1e9),
                    p.number(k + ".haircutPct", 10, 0, 100),
                    p.enumValue(k + ".pricing", aftershock.engine.margin.CollateralPricing.class, aftershock.engine.margin.CollateralPricing.SPOT_BOOK),
                    p.number(k + ".redemptionWeight", 0.5, 0, 1),
                    p.number(k + ".floorPrice", 0, 0, 1e9),
                    p.number(k + ".bookDepthUsd", 20e6, 0, 1e13),
                    p.number(k + ".arbPerMinute", 2, 0, 100000),
                    p.number(k + ".arbSizeUsd", 1e6, 0, 1e12),
                    p.number(k + ".arbThresholdBps", 100, 0.1, 10000)));
        }
        for (Scenario.Asset a : assets) {
            String ca = a.crowd().collateralAsset();
            if (!ca.isEmpty() && collateral.stream().noneMatch(c -> c.name().equals(ca))) {
                throw new ScenarioException(p.origin("assets." + a.name() + ".crowd.collateralAsset") + ": unknown collateral asset '" + ca
                        + "' (declare it under collateral:)");
            }
        }
        List<Scenario.Shock> shocks = new ArrayList<>();
        for (int i = 0; i < p.listSize("shocks"); i++) {
            shocks.add(shock(p, "shocks[" + i + "]", assets, hours, collateral));
        }
        List<Scenario.Fact> facts = new ArrayList<>();
        for (int i = 0; i < p.listSize("facts"); i++) {
            String f = "facts[" + i + "]";
            facts.add(new Scenario.Fact(p.string(f + ".what", "?"), p.number(f + ".value", 0), p.string(f + ".unit", ""),
                    p.string(f + ".key", ""), p.string(f + ".source", "")));
        }
        return new Scenario(name, description, start, hours, scale, seed, policies, assets, shocks, facts, collateral);
    }

    /**
     * policies.breaker: none (default), cme (7% / 13% soft limits with 2-minute pauses, a 20% limit halting 60 minutes,
     * within 60 minutes — CME's 2017 Bitcoin futures limits as a reference), or custom tiers.
     */
    private static Scenario.Breaker breaker(Params p) throws ScenarioException {
        String preset = p.string("policies.breaker.preset", "none").toLowerCase();
        double[] tiers;
        double[] halts;
        switch (preset) {
            case "none" -> {
                tiers = new double[0];
                halts = new double[0];
            }
            case "cme" -> {
                tiers = new double[] {7, 13, 20};
                halts = new double[] {2, 2, 60};
            }
            case "tight" -> {
                tiers = new double[] {3, 5, 8};
                halts = new double[] {2, 5, 15};
            }
            case "custom" -> {
                tiers = doubles(p, "policies.breaker.tiersPct", new double[0]);
                halts = doubles(p, "policies.breaker.haltMinutes", new double[0]);
                if (tiers.length == 0 || tiers.length != halts.length) {
                    throw new ScenarioException(p.origin("policies.breaker.preset")
                            + ": a custom breaker needs tiersPct and haltMinutes lists of the same, non-zero length");
                }
            }
            default -> throw new ScenarioException(p.origin("policies.breaker.preset")
                    + ": expected none, cme, tight or custom, got '" + preset + "'");
        }
        if (!preset.equals("custom")) {
            doubles(p, "policies.breaker.tiersPct", new double[0]);
            doubles(p, "policies.breaker.haltMinutes", new double[0]);
        }
        return new Scenario.Breaker(p.number("policies.breaker.windowMinutes", 60, 0.1, 1440), tiers, halts,
                p.bool("policies.breaker.queueDuringHalt", true), p.bool("policies.breaker.auction", true));
    }

    private static Scenario.Makers makers(Params p, String k, double depth, double limit, double halfSpread) throws ScenarioException {
        return new Scenario.Makers(
                p.integer(k + ".count", 3, 0, 50),
                p.number(k + ".depthUsd", depth, 0, 1e13),
                p.integer(k + ".levels", 12, 1, 200),
                p.number(k + ".halfSpreadBps", halfSpread, 0.01, 1000),
                p.number(k + ".levelStepBps", 8, 0.1, 1000),
                p.number(k + ".requoteSeconds", 1, 0.05, 3600),
                p.number(k + ".inventoryLimitUsd", limit, 0, 1e13),
                p.number(k + ".skewBps", 40, 0, 10000),
                p.number(k + ".lossLimitUsd", limit * 0.25, 0, 1e13),
                p.number(k + ".withdrawFactor", 0.7, 0, 1),
                p.number(k + ".recoverMinutes", 30, 0.1, 100000),
                p.number(k + ".adlAppetite", 0.2, 0, 1),
                p.number(k + ".volRefBps", 8, 0.01, 10000),
                p.number(k + ".indexWeight", 0.7, 0, 1),
                p.number(k + ".fundamentalPull", 0.1, 0, 1),
                p.bool(k + ".hedge", k.endsWith("perpMakers")),
                p.number(k + ".deepDepthUsd", depth * 2, 0, 1e13));
    }

    private static Scenario.Takers takers(Params p, String k, double noisePerMin, double valuePerMin, double valueThr)
            throws ScenarioException {
        return new Scenario.Takers(
                p.number(k + ".noisePerMinute", noisePerMin, 0, 100000),
                p.number(k + ".noiseSizeUsd", 200_000, 0, 1e12),
                p.number(k + ".valuePerMinute", valuePerMin, 0, 100000),
                p.number(k + ".valueSizeUsd", 1_000_000, 0, 1e12),
                p.number(k + ".valueThresholdBps", valueThr, 0.1, 10000),
                p.number(k + ".valueNoiseBps", 3, 0, 10000),
                p.number(k + ".excitation", 0.5, 0, 1000));
    }

    private static Scenario.Asset asset(Params p, String name, double scale) throws ScenarioException {
        String k = "assets." + name;
        double price = p.number(k + ".price", 0, 0, 1e9);
        if (price <= 0) {
            throw new ScenarioException(p.origin(k + ".price") + ": asset " + name + " needs a positive price");
        }
        String perp = p.string(k + ".perpSymbol", name + "USDT");
        if (!perp.equals("BTCUSDT") && !perp.equals("ETHUSDT")) {
            throw new ScenarioException(p.origin(k + ".perpSymbol") + ": expected BTCUSDT or ETHUSDT (the instruments the engine defines), got '" + perp + "'");
        }
        String c = k + ".crowd";
        int[] levs = ints(p, c + ".leverages", new int[] {2, 3, 5, 10, 20, 25, 50, 75, 100});
        double[] levW = doubles(p, c + ".leverageWeights", new double[] {30, 25, 22, 14, 5, 2.5, 1, 0.3, 0.2});
        if (levW.length != levs.length) {
            throw new ScenarioException(p.origin(c + ".leverageWeights") + ": needs one weight per leverage (" + levs.length + ")");
        }
        double[] runLevW = doubles(p, c + ".runLeverageWeights", levW);
        if (runLevW.length != levs.length) {
            throw new ScenarioException(p.origin(c + ".runLeverageWeights") + ": needs one weight per leverage (" + levs.length + ")");
        }
        double[] off = doubles(p, c + ".entryOffsetsPct", new double[] {0, -2, 2});
        double[] sds = doubles(p, c + ".entrySdsPct", new double[] {1, 1.5, 1.5});
        double[] ew = doubles(p, c + ".entryWeights", new double[] {50, 25, 25});
        if (off.length != sds.length || off.length != ew.length) {
            throw new ScenarioException(p.origin(c + ".entryWeights") + ": entryOffsetsPct, entrySdsPct and entryWeights need the same length");
        }
        for (int i = 0; i < off.length; i++) {
            off[i] /= 100;
            sds[i] /= 100;
        }
        Scenario.CrowdSpec crowd = new Scenario.CrowdSpec(
                p.integer(c + ".traders", 20000, 1, 5_000_000),
                p.number(c + ".shortShareOfOpenInterest", 0.6, 0, 1),
                p.number(c + ".longShare", 0.5, 0, 1),
                p.number(c + ".medianSizeUsd", 300_000, 1, 1e12),
                p.number(c + ".sizeSigma", 1.0, 0, 5),
                levs, levW, off, sds, ew,
                p.number(c + ".stopShare", 0.1, 0, 1),
                p.number(c + ".stopPct", 4, 0.01, 90) / 100,
                p.number(c + ".reentryProb", 0.4, 0, 1),
                p.number(c + ".reentryMeanMinutes", 120, 0.1, 100000),
                p.number(c + ".reentryLongShare", 0.6, 0, 1),
                p.number(c + ".openPerHour", 0.0, 0, 100),
                p.number(c + ".closePerHour", 0.02, 0, 100),
                p.number(c + ".survivedLowPct", -3, -99, 0) / 100,
                p.number(c + ".survivedHighPct", 2, 0, 1000) / 100,
                p.number(c + ".maxSizeUsd", 34e6, 0, 1e13),
                p.number(c + ".stopSlippagePct", 1, 0, 50),
                p.number(c + ".takeProfitShare", 0, 0, 1),
                p.number(c + ".takeProfitPct", 5, 0.01, 1000),
                p.number(c + ".excitation", 0, 0, 100),
                p.number(c + ".trendFollowing", 0, 0, 0.5),
                runLevW,
                p.number(c + ".excitedOpenShare", 1, 0, 1),
                p.string(c + ".collateralAsset", ""),
                p.number(c + ".collateralShare", 0, 0, 1));
        return new Scenario.Asset(name, perp, price,
                p.number(k + ".dailyVolPct", 2.0, 0, 100) / 100,
                p.number(k + ".garchAlpha", 0.10, 0, 1),
                p.number(k + ".garchBeta", 0.88, 0, 1),
                p.number(k + ".tailDf", 4, 3, 100),
                p.number(k + ".noiseHalfLifeHours", 0, 0, 10000),
                p.string(k + ".driver", ""),
                p.number(k + ".correlation", 0.8, -1, 1),
                p.number(k + ".openInterestUsd", 80e9, 0, 1e13),
                makers(p, k + ".perpMakers", 400e6, 40e6, 1.0),
                makers(p, k + ".usMakers", 100e6, 25e6, 1.5),
                makers(p, k + ".offshoreMakers", 250e6, 50e6, 1.5),
                takers(p, k + ".perpTakers", 40, 10, 60),
                takers(p, k + ".usTakers", 40, 60, 10),
                takers(p, k + ".offshoreTakers", 60, 60, 10),
                p.number(k + ".momentum.perMinute", 6, 0, 100000),
                p.number(k + ".momentum.sizeUsd", 300_000, 0, 1e12),
                p.number(k + ".momentum.thresholdBps", 25, 0.1, 10000),
                p.number(k + ".basisArb.bandBps", 4, 0, 10000),
                p.number(k + ".basisArb.sizeUsd", 2_000_000, 0, 1e12),
                p.number(k + ".basisArb.limitUsd", 40e9, 0, 1e13),
                p.number(k + ".spotArb.bandBps", 8, 0, 10000),
                p.number(k + ".spotArb.sizeUsd", 1_000_000, 0, 1e12),
                p.number(k + ".spotArb.limitUsd", 1e9, 0, 1e13),
                crowd);
    }

    private static Scenario.Shock shock(Params p, String k, List<Scenario.Asset> assets, double hours,
                                        List<Scenario.Collateral> collateral) throws ScenarioException {
        Scenario.ShockType type = p.enumValue(k + ".type", Scenario.ShockType.class, null);
        if (type == null) {
            throw new ScenarioException(p.origin(k) + ": field '" + k + ".type' is required (news, flow, unwind, depeg or haircut)");
        }
        String coll = p.string(k + ".collateral", "");
        if (type == Scenario.ShockType.DEPEG || type == Scenario.ShockType.HAIRCUT) {
            if (collateral.stream().noneMatch(c -> c.name().equals(coll))) {
                throw new ScenarioException(p.origin(coll.isEmpty() ? k + ".type" : k + ".collateral") + ": a " + type.name().toLowerCase()
                        + " shock needs 'collateral:' naming a declared collateral asset, got '" + coll + "'");
            }
        }
        String asset = p.string(k + ".asset", "BTC");
        if (Scenario.names(assets).stream().noneMatch(asset::equals)) {
            throw new ScenarioException(p.origin(k + ".asset") + ": unknown asset '" + asset + "' (scenario assets: " + Scenario.names(assets) + ")");
        }
        long at = p.clock(k + ".at", 0);
        // A shock after the end (a run shortened with --set durationHours) simply does not happen.
        String side = p.string(k + ".side", "SELL").toUpperCase();
        if (!side.equals("BUY") && !side.equals("SELL")) {
            throw new ScenarioException(p.origin(k + ".side") + ": expected buy or sell, got '" + side + "'");
        }
        return new Scenario.Shock(type, asset, at, p.number(k + ".minutes", 60, 0, 100000),
                p.number(k + ".changePct", 0, -99, 1000), p.number(k + ".volMultiplier", 1, 0, 100),
                p.enumValue(k + ".venue", Scenario.FlowVenue.class, Scenario.FlowVenue.US), side,
                p.number(k + ".notionalUsd", 0, 0, 1e13), p.number(k + ".shareOfCarry", 0, 0, 1),
                p.string(k + ".label", type.name().toLowerCase()), coll, p.number(k + ".haircutPct", 0, 0, 100));
    }

    private static double[] doubles(Params p, String path, double[] def) throws ScenarioException {
        int n = p.listSize(path);
        if (n == 0) {
            return def.clone();
        }
        double[] out = new double[n];
        for (int i = 0; i < n; i++) {
            out[i] = p.number(path + "[" + i + "]", 0, 0 - 1e9, 1e9);
        }
        return out;
    }

    private static int[] ints(Params p, String path, int[] def) throws ScenarioException {
        int n = p.listSize(path);
        if (n == 0) {
            return def.clone();
        }
        int[] out = new int[n];
        for (int i = 0; i < n; i++) {
            out[i] = p.integer(path + "[" + i + "]", 1, 1, 150);
        }
        return out;
    }
}
