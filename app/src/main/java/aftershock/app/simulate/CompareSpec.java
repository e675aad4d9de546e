package aftershock.app.simulate;

import aftershock.app.UserError;
import aftershock.sim.scenario.Scenario;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * What {@code --compare} varies: one policy dimension and its values, each turned into scenario overrides
 * ({@code --set} keys). {@code adl=binance,pro-rata,min-deviation}, {@code breaker=none,cme,tight},
 * {@code band=5,10}, {@code inventory=0.5,1,2} (perpetual makers' inventory limits × factor),
 * {@code backstop=off,1} (vault at a discount in %), {@code liquidation=binance,bybit,hyperliquid},
 * {@code collateral=spot-book,redemption,oracle} (how the venue prices every collateral asset the scenario declares).
 */
record CompareSpec(String dimension, List<Variant> variants) {

    /** One variant: its label and the overrides that make it. */
    record Variant(String label, List<String> sets) {
    }

    static final List<String> DIMENSIONS = List.of("adl", "liquidation", "breaker", "band", "inventory", "backstop", "collateral");

    static CompareSpec parse(String spec, Scenario base) {
        int eq = spec.indexOf('=');
        if (eq <= 0 || eq == spec.length() - 1) {
            throw new UserError("--compare " + spec + ": expected DIMENSION=V1,V2,... (dimensions: " + String.join(", ", DIMENSIONS)
                    + "), e.g. --compare adl=binance,pro-rata,min-deviation");
        }
        String dim = spec.substring(0, eq).trim().toLowerCase(Locale.ROOT);
        String[] values = spec.substring(eq + 1).split(",");
        if (values.length < 2) {
            throw new UserError("--compare " + spec + ": give at least two values to compare");
        }
        List<Variant> out = new ArrayList<>();
        for (String raw : values) {
            String v = raw.trim();
            if (v.isEmpty()) {
                throw new UserError("--compare " + spec + ": an empty value");
            }
            List<String> sets = new ArrayList<>();
            switch (dim) {
                case "adl" -> sets.add("policies.adl=" + adlAlias(v));
                case "liquidation" -> sets.add("policies.liquidation=" + v);
                case "breaker" -> sets.add("policies.breaker.preset=" + v);
                case "band" -> sets.add("policies.priceBandPct=" + number(spec, v));
                case "backstop" -> sets.add("policies.backstopDiscountPct=" + (v.equalsIgnoreCase("off") ? "-1"
                        : v.equalsIgnoreCase("on") ? "1" : number(spec, v)));
                case "inventory" -> {
                    double f = Double.parseDouble(number(spec, v));
                    for (Scenario.Asset a : base.assets()) {
                        sets.add("assets." + a.name() + ".perpMakers.inventoryLimitUsd=" + a.perpMakers().inventoryLimitUsd() * f);
                    }
                }
                case "collateral" -> {
                    if (base.collateral().isEmpty()) {
                        throw new UserError("--compare " + spec + ": scenario " + base.name() + " declares no collateral assets "
                                + "(collateral: in its YAML; oct-10-2025 has USDE)");
                    }
                    for (int k = 0; k < base.collateral().size(); k++) {
                        sets.add("collateral[" + k + "].pricing=" + v);
                    }
                }
                default -> throw new UserError("--compare " + spec + ": unknown dimension '" + dim + "' (dimensions: "
                        + String.join(", ", DIMENSIONS) + ")");
            }
            out.add(new Variant(dim + "=" + v, sets));
        }
        return new CompareSpec(dim, out);
    }

    /** The names the issue uses for the ADL policies, mapped to the engine's. */
    static String adlAlias(String v) {
        return switch (v.toLowerCase(Locale.ROOT)) {
            case "ranking" -> "binance";
            case "prorata" -> "pro-rata";
            case "optimal" -> "min-deviation";
            default -> v;
        };
    }

    private static String number(String spec, String v) {
        try {
            Double.parseDouble(v);
            return v;
        } catch (NumberFormatException e) {
            throw new UserError("--compare " + spec + ": '" + v + "' is not a number");
        }
    }
}
