package aftershock.engine.book;

import aftershock.engine.api.OrderType;
import aftershock.engine.api.Side;
import aftershock.engine.api.StpMode;
import aftershock.engine.api.TimeInForce;
import aftershock.engine.api.WorkingType;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Random command streams for property tests, from one seed: prices random-walk around a mid in a narrow band so
 * orders cross often; few accounts so self-trade prevention fires; some commands are invalid on purpose.
 */
final class RandomCommandStream {
    /** One command in book units; {@code kind} selects which fields matter. */
    record Cmd(int kind, long ts, long account, long client, Side side, OrderType type, TimeInForce tif, long price,
               long qty, long stop, WorkingType working, boolean reduceOnly, StpMode stp, long orderId, long markE8) {
        static final int PLACE = 0;
        static final int CANCEL = 1;
        static final int CANCEL_ALL = 2;
        static final int AMEND = 3;
        static final int MARK = 4;
    }

    private final SplittableRandom rnd;
    private final List<long[]> known = new ArrayList<>(); // {orderId, account}
    private long mid = 10_000;
    private long ts;
    private long nextIdGuess = 1;

    RandomCommandStream(long seed) {
        this.rnd = new SplittableRandom(seed);
    }

    /** Tells the stream an order was accepted (so cancels and amends mostly hit live orders). */
    void accepted(long orderId, long account, long price, long qty) {
        known.add(new long[] {orderId, account, price, qty});
        if (known.size() > 60) {
            known.remove(0);
        }
        nextIdGuess = Math.max(nextIdGuess, orderId + 1);
    }

    Cmd next() {
        ts += 1 + rnd.nextInt(1_000_000);
        mid = Math.max(200, mid + rnd.nextInt(3) - 1);
        long account = 1 + rnd.nextInt(6);
        double r = rnd.nextDouble();
        if (r < 0.45) {
            TimeInForce tif = pick(0.70, TimeInForce.GTC, 0.80, TimeInForce.IOC, 0.90, TimeInForce.FOK, TimeInForce.GTX);
            return new Cmd(Cmd.PLACE, ts, badAccount(account), client(), side(), OrderType.LIMIT, tif, price(15), qty(),
                    0, WorkingType.CONTRACT_PRICE, rnd.nextInt(25) == 0, stp(), 0, 0);
        }
        if (r < 0.53) {
            return new Cmd(Cmd.PLACE, ts, account, client(), side(), OrderType.MARKET, TimeInForce.IOC, 0, qty(), 0,
                    WorkingType.CONTRACT_PRICE, rnd.nextInt(10) == 0, stp(), 0, 0);
        }
        if (r < 0.61) {
            OrderType[] types = {OrderType.STOP_MARKET, OrderType.TAKE_PROFIT_MARKET, OrderType.STOP, OrderType.TAKE_PROFIT};
            OrderType type = types[rnd.nextInt(types.length)];
            TimeInForce tif = pick(0.75, TimeInForce.GTC, 0.85, TimeInForce.IOC, 0.97, TimeInForce.FOK, TimeInForce.GTX);
            return new Cmd(Cmd.PLACE, ts, account, client(), side(), type, tif, price(15), qty(), price(25),
                    rnd.nextBoolean() ? WorkingType.MARK_PRICE : WorkingType.CONTRACT_PRICE, rnd.nextInt(6) == 0, stp(), 0, 0);
        }
        if (r < 0.78) {
            long[] target = target(account);
            return new Cmd(Cmd.CANCEL, ts, target[1], 0, null, null, null, 0, 0, 0, null, false, null, target[0], 0);
        }
        if (r < 0.80) {
            return new Cmd(Cmd.CANCEL_ALL, ts, badAccount(account), 0, null, null, null, 0, 0, 0, null, false, null, 0, 0);
        }
        if (r < 0.94) {
            long[] target = target(account);
            long price = price(15);
            long qty = qty();
            int how = rnd.nextInt(10);
            if (target.length > 2 && how < 4) {
                price = target[2];
                qty = Math.max(1, target[3] - 1 - rnd.nextInt(10)); // same price, smaller: keeps priority
            } else if (target.length > 2 && how < 6) {
                price = target[2];
                qty = target[3] + 1 + rnd.nextInt(10); // same price, larger: loses priority
            }
            return new Cmd(Cmd.AMEND, ts, target[1], 0, null, null, null, price, qty, 0, null, false, null, target[0], 0);
        }
        long markE8 = (mid + rnd.nextInt(41) - 20) * 10_000_000L + rnd.nextInt(10_000_000);
        return new Cmd(Cmd.MARK, ts, 0, 0, null, null, null, 0, 0, 0, null, false, null, 0, rnd.nextInt(200) == 0 ? 0 : markE8);
    }

    private long[] target(long account) {
        if (!known.isEmpty() && rnd.nextInt(10) < 8) {
            long[] k = known.get(rnd.nextInt(known.size()));
            return new long[] {k[0], rnd.nextInt(20) == 0 ? account : k[1], k[2], k[3]};
        }
        return new long[] {rnd.nextLong(nextIdGuess + 3), account};
    }

    private long badAccount(long account) {
        return rnd.nextInt(300) == 0 ? 0 : account;
    }

    private long client() {
        return rnd.nextInt(5) == 0 ? 1 + rnd.nextInt(8) : 0;
    }

    private Side side() {
        return rnd.nextBoolean() ? Side.BUY : Side.SELL;
    }

    private StpMode stp() {
        int k = rnd.nextInt(10);
        return k < 6 ? StpMode.NONE : StpMode.values()[k - 6];
    }

    private long price(int band) {
        int k = rnd.nextInt(400);
        if (k == 0) {
            return 0;
        }
        if (k == 1) {
            return 2_000_000; // above the test instrument's max price
        }
        return Math.max(1, mid + rnd.nextInt(2 * band + 1) - band);
    }

    private long qty() {
        int k = rnd.nextInt(300);
        if (k == 0) {
            return 0;
        }
        if (k == 1) {
            return 1_000_000_000L; // above max quantity
        }
        return 1 + rnd.nextInt(rnd.nextInt(8) == 0 ? 400 : 40);
    }

    private <T> T pick(double p1, T a, double p2, T b, double p3, T c, T d) {
        double x = rnd.nextDouble();
        return x < p1 ? a : x < p2 ? b : x < p3 ? c : d;
    }
}
