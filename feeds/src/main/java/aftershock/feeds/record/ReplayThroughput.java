package aftershock.feeds.record;

import aftershock.engine.api.DecimalE8;
import aftershock.feeds.FeedHealth;
import aftershock.feeds.FeedSource;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.StringReader;
import java.time.Instant;
import java.util.SplittableRandom;

/**
 * Replay ingest benchmark: generates N synthetic native messages of every connector (a seeded mix of Binance
 * USDⓈ-M mark prices, aggregated trades, sequenced depth diffs after a snapshot, liquidations, Binance spot book
 * tickers and trades, Coinbase matches and tickers, Bybit ticker deltas and liquidations, OKX funding), as recording
 * lines in memory, and replays them through recording-line parsing → venue parser → normalised events, timing it.
 *
 * <pre>java -cp feeds.jar:engine.jar:jackson-*.jar aftershock.feeds.record.ReplayThroughput [messages] [rounds]</pre>
 * Not a test: timings belong to benchmarks, not to assertions.
 */
public final class ReplayThroughput {
    private static final long START_TS_MS = 1_762_128_000_000L; // 2025-11-03T00:00:00Z

    private ReplayThroughput() {
    }

    public static void main(String[] args) throws IOException {
        int messages = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        long seed = 20251103L;
        String recording = generate(messages, seed);
        System.out.printf("replay throughput: %,d synthetic messages (seed %d), %,d million characters of recording%n",
                messages, seed, recording.length() / 1_000_000);
        long bestNanos = Long.MAX_VALUE;
        ReplayReport last = null;
        FeedHealth health = null;
        for (int round = 1; round <= rounds; round++) {
            health = new FeedHealth();
            long[] events = new long[1];
            Replayer replayer = new Replayer(SourceParsers.all(health), e -> events[0]++);
            long start = System.nanoTime();
            last = replayer.replay("synthetic", new BufferedReader(new StringReader(recording), 1 << 16));
            long nanos = System.nanoTime() - start;
            bestNanos = Math.min(bestNanos, nanos);
            System.out.printf("round %d: %,.0f messages/s, %,d events, %d ms%n", round,
                    last.messages() * 1e9 / nanos, events[0], nanos / 1_000_000);
        }
        System.out.printf("best: %,.0f messages/s (%d messages, %d events, %d bad lines)%n",
                last.messages() * 1e9 / bestNanos, last.messages(), last.events(), last.badLines());
        System.out.print(health.summary());
    }

    /** N recording lines of mixed native messages, deterministic for a seed. */
    static String generate(int count, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        StringBuilder sb = new StringBuilder(count * 260);
        long ts = START_TS_MS;
        long depthId = 1_000_000;
        long aggId = 5_000_000;
        long cbSequence = 90_000_000_000L;
        long cbTradeId = 800_000_000;
        long priceCents = 10_800_000;
        final long bookCentreCents = priceCents;
        boolean firstDiff = true;
        // The depth book starts from a REST snapshot, as a live connector's would.
        StringBuilder snapshot = new StringBuilder("{\"lastUpdateId\":").append(depthId).append(",\"E\":").append(ts)
                .append(",\"T\":").append(ts).append(",\"bids\":[");
        for (int i = 0; i < 50; i++) {
            snapshot.append(i == 0 ? "" : ",").append("[\"").append(cents(bookCentreCents - 10 - i * 10)).append("\",\"1.5\"]");
        }
        snapshot.append("],\"asks\":[");
        for (int i = 0; i < 50; i++) {
            snapshot.append(i == 0 ? "" : ",").append("[\"").append(cents(bookCentreCents + 10 + i * 10)).append("\",\"1.5\"]");
        }
        snapshot.append("]}");
        sb.append(RecordingFormat.line(ts, FeedSource.BINANCE_USDM, "/fapi/v1/depth?symbol=BTCUSDT&limit=1000",
                snapshot.toString())).append('\n');
        for (int n = 1; n < count; n++) {
            ts += random.nextInt(3);
            priceCents += random.nextInt(21) - 10;
            String px = cents(priceCents);
            int kind = random.nextInt(100);
            FeedSource source;
            String msg;
            if (kind < 20) {
                source = FeedSource.BINANCE_USDM;
                msg = "{\"e\":\"aggTrade\",\"E\":" + ts + ",\"s\":\"BTCUSDT\",\"a\":" + (aggId++) + ",\"p\":\"" + px
                        + "\",\"q\":\"" + qty(random) + "\",\"f\":" + aggId * 3 + ",\"l\":" + (aggId * 3 + 2)
                        + ",\"T\":" + ts + ",\"m\":" + random.nextBoolean() + "}";
            } else if (kind < 45) {
                source = FeedSource.BINANCE_USDM;
                // The first diff straddles the snapshot's lastUpdateId, as Binance's procedure requires.
                long first = firstDiff ? depthId - 2 : depthId + 1;
                long last = depthId + 1 + random.nextInt(5);
                long previous = firstDiff ? depthId - 3 : depthId;
                firstDiff = false;
                // Levels around the snapshot's centre, so that the synthetic book never crosses.
                boolean bid = random.nextBoolean();
                String side = cents(bid ? bookCentreCents - 10 - 10 * random.nextInt(40)
                        : bookCentreCents + 10 + 10 * random.nextInt(40));
                msg = "{\"stream\":\"btcusdt@depth@100ms\",\"data\":{\"e\":\"depthUpdate\",\"E\":" + ts + ",\"T\":"
                        + ts + ",\"s\":\"BTCUSDT\",\"U\":" + first + ",\"u\":" + last + ",\"pu\":" + previous
                        + ",\"b\":[" + (bid ? "[\"" + side + "\",\"" + qty(random) + "\"]" : "") + "],\"a\":["
                        + (bid ? "" : "[\"" + side + "\",\"" + qty(random) + "\"]") + "]}}";
                depthId = last;
            } else if (kind < 55) {
                source = FeedSource.BINANCE_USDM;
                msg = "{\"stream\":\"btcusdt@markPrice@1s\",\"data\":{\"e\":\"markPriceUpdate\",\"E\":" + ts
                        + ",\"s\":\"BTCUSDT\",\"p\":\"" + px + "000000\",\"i\":\"" + px + "100000\",\"P\":\"" + px
                        + "\",\"r\":\"0.000" + (10 + random.nextInt(90)) + "00\",\"T\":1762156800000}}";
            } else if (kind < 58) {
                source = FeedSource.BINANCE_USDM;
                msg = "{\"e\":\"forceOrder\",\"E\":" + ts + ",\"o\":{\"s\":\"BTCUSDT\",\"S\":\""
                        + (random.nextBoolean() ? "SELL" : "BUY") + "\",\"o\":\"LIMIT\",\"f\":\"IOC\",\"q\":\"0.014\","
                        + "\"p\":\"" + px + "\",\"ap\":\"" + px + "\",\"X\":\"FILLED\",\"l\":\"0.014\",\"z\":\"0.014\","
                        + "\"T\":" + ts + "}}";
            } else if (kind < 68) {
                source = FeedSource.BINANCE_SPOT;
                msg = random.nextBoolean()
                        ? "{\"u\":" + (400_900_217L + n) + ",\"s\":\"BTCUSDT\",\"b\":\"" + cents(priceCents - 1)
                        + "\",\"B\":\"" + qty(random) + "\",\"a\":\"" + px + "\",\"A\":\"" + qty(random) + "\"}"
                        : "{\"e\":\"trade\",\"E\":" + ts + ",\"s\":\"BTCUSDT\",\"t\":" + n + ",\"p\":\"" + px
                        + "\",\"q\":\"" + qty(random) + "\",\"T\":" + ts + ",\"m\":" + random.nextBoolean()
                        + ",\"M\":true}";
            } else if (kind < 80) {
                source = FeedSource.COINBASE;
                String time = Instant.ofEpochMilli(ts).toString();
                msg = random.nextBoolean()
                        ? "{\"type\":\"match\",\"trade_id\":" + (cbTradeId++) + ",\"maker_order_id\":"
                        + "\"0f358725-2134-435e-be11-753912a326e0\",\"taker_order_id\":"
                        + "\"252b7002-87a3-425c-ac73-f5b9e23f3caf\",\"side\":\"" + (random.nextBoolean() ? "buy" : "sell")
                        + "\",\"size\":\"" + qty(random) + "\",\"price\":\"" + px + "\",\"product_id\":\"BTC-USD\","
                        + "\"sequence\":" + (cbSequence++) + ",\"time\":\"" + time + "\"}"
                        : "{\"type\":\"ticker\",\"sequence\":" + (cbSequence++) + ",\"product_id\":\"BTC-USD\","
                        + "\"price\":\"" + px + "\",\"open_24h\":\"107000.00\",\"volume_24h\":\"9611.79166047\","
                        + "\"low_24h\":\"105405.00\",\"high_24h\":\"110000.00\",\"volume_30d\":\"327812.00311873\","
                        + "\"best_bid\":\"" + cents(priceCents - 1) + "\",\"best_bid_size\":\"0.4\",\"best_ask\":\""
                        + px + "\",\"best_ask_size\":\"1.2\",\"side\":\"buy\",\"time\":\"" + time + "\","
                        + "\"trade_id\":" + cbTradeId + ",\"last_size\":\"0.41969131\"}";
            } else if (kind < 95) {
                source = FeedSource.BYBIT;
                msg = kind < 92
                        ? "{\"topic\":\"tickers.BTCUSDT\",\"type\":\"" + (n < 100 ? "snapshot" : "delta") + "\","
                        + "\"cs\":" + (24_987_956_059L + n) + ",\"ts\":" + ts + ",\"data\":{\"symbol\":\"BTCUSDT\","
                        + "\"markPrice\":\"" + px + "\",\"indexPrice\":\"" + px + "\",\"fundingRate\":\"-0.000212\","
                        + "\"nextFundingTime\":\"1762156800000\",\"openInterest\":\"68744.761\","
                        + "\"openInterestValue\":\"1183601235.91\",\"bid1Price\":\"" + cents(priceCents - 50)
                        + "\",\"bid1Size\":\"84.489\",\"ask1Price\":\"" + px + "\",\"ask1Size\":\"83.020\"}}"
                        : "{\"topic\":\"allLiquidation.BTCUSDT\",\"type\":\"snapshot\",\"ts\":" + ts + ",\"data\":[{\"T\":"
                        + ts + ",\"s\":\"BTCUSDT\",\"S\":\"" + (random.nextBoolean() ? "Buy" : "Sell") + "\",\"v\":\""
                        + qty(random) + "\",\"p\":\"" + px + "\"}]}";
            } else {
                source = FeedSource.OKX;
                msg = "{\"arg\":{\"channel\":\"funding-rate\",\"instId\":\"BTC-USDT-SWAP\"},\"data\":[{"
                        + "\"instId\":\"BTC-USDT-SWAP\",\"instType\":\"SWAP\",\"method\":\"current_period\","
                        + "\"fundingRate\":\"0.0001875391284828\",\"fundingTime\":\"1762156800000\","
                        + "\"nextFundingRate\":\"\",\"nextFundingTime\":\"1762185600000\",\"ts\":\"" + ts + "\"}]}";
            }
            sb.append(RecordingFormat.line(ts + 5, source, null, msg)).append('\n');
        }
        return sb.toString();
    }

    private static String cents(long cents) {
        return DecimalE8.format(cents * 1_000_000L, 2);
    }

    private static String qty(SplittableRandom random) {
        return DecimalE8.format((1 + random.nextInt(5_000_000)) * 1_000L);
    }
}
