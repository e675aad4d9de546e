package aftershock.sim;

import aftershock.sim.scenario.ScenarioReader;

import java.util.Arrays;

public class Try {
    public static void main(String[] args) throws Exception {
        var sc = ScenarioReader.load(args[0], Arrays.asList(args).subList(1, args.length));
        String ev = System.getProperty("events");
        java.io.Writer w = ev == null ? null : java.nio.file.Files.newBufferedWriter(java.nio.file.Path.of(ev));
        var r = new Simulation(sc, sc.seed(), Boolean.getBoolean("simchecks"), w).run(s -> { });
        if (w != null) {
            w.close();
        }
        var j = r.summary();
        for (String k : new String[] {"liquidations", "instruments", "insuranceFund", "adl", "makers", "crowd", "events", "bookOps", "wakeups", "wallSeconds", "eventLoopSeconds"}) {
            System.out.println(k + " " + j.get(k));
        }
        int step = Integer.getInteger("step", 30);
        for (var b : r.perps()) {
            System.out.println(b.symbol());
            for (int m = 0; m < r.minuteEpochMs().length; m += step) {
                double hi = 0, lo = 1e18, liqL = 0, liqS = 0, vol = 0;
                for (int k = m; k < Math.min(m + step, r.minuteEpochMs().length); k++) {
                    hi = Math.max(hi, b.high()[k]); lo = Math.min(lo, b.low()[k]); liqL += b.liqLongUsd()[k]; liqS += b.liqShortUsd()[k]; vol += b.volumeUsd()[k];
                }
                System.out.printf("%4d c=%9.1f mk=%9.1f ix=%9.1f lo=%9.1f hi=%9.1f oi=%.3e vol=%.2e d1=%.2e/%.2e liq=%.2e/%.2e prem=%.4f fund=%.3e f=%.5f%n", m, b.close()[m], b.mark()[m], b.index()[m], lo, hi,
                    b.openInterestUsd()[m], vol, b.depthBid1Usd()[m], b.depthAsk1Usd()[m], liqL, liqS, r.coinbasePremiumPct()[m], r.insuranceFundUsd()[m], b.fundingRate()[m]);
            }
        }
    }
}
