package aftershock.app.simulate;

import aftershock.feeds.FeedSource;
import aftershock.feeds.MarketEvent;
import aftershock.feeds.PositionSide;
import aftershock.feeds.Side;
import aftershock.sim.SimResult;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The simulator seen through market-data feeds: each simulated minute becomes the normalised events a trader's
 * feeds would have delivered at its close — the perpetual's trades (taker-buy and taker-sell volume at the close
 * price), mark/index/funding, open interest and liquidations (Binance USDⓈ-M), and the spot books' tops (Coinbase
 * BTC-USD for the U.S. venue, Binance spot for the offshore one). The monitor (--source sim) and the liquidation-map
 * estimator read them exactly like recorded or live data. Real-world units (the scenario's scale applied).
 */
public final class SimMarketEvents {
    private SimMarketEvents() {
    }

    private static long e8(double v) {
        return Math.round(v * 1e8);
    }

    public static List<MarketEvent> of(SimResult r) {
        List<MarketEvent> out = new ArrayList<>();
        long[] t = r.minuteEpochMs();
        for (int m = 0; m < t.length; m++) {
            long ts = t[m] + 60_000L; // the minute's close
            for (SimResult.PerpSeries p : r.perps()) {
                String sym = p.symbol();
                double close = p.close()[m];
                if (close > 0) {
                    double buyUsd = p.volumeUsd()[m] * p.takerBuyShare()[m];
                    double sellUsd = p.volumeUsd()[m] - buyUsd;
                    if (buyUsd > 0) {
                        out.add(new MarketEvent.Trade(FeedSource.BINANCE_USDM, sym, ts, ts, e8(close), e8(buyUsd / close), Side.BUY,
                                sym + "-" + m + "-b"));
                    }
                    if (sellUsd > 0) {
                        out.add(new MarketEvent.Trade(FeedSource.BINANCE_USDM, sym, ts, ts, e8(close), e8(sellUsd / close), Side.SELL,
                                sym + "-" + m + "-s"));
                    }
                }
                if (p.mark()[m] > 0) {
                    long next = (ts / 28_800_000L + 1) * 28_800_000L;
                    out.add(new MarketEvent.MarkFunding(FeedSource.BINANCE_USDM, sym, ts, ts, e8(p.mark()[m]),
                            p.index()[m] > 0 ? e8(p.index()[m]) : MarketEvent.ABSENT, e8(p.fundingRate()[m]), next));
                    out.add(new MarketEvent.OpenInterest(FeedSource.BINANCE_USDM, sym, ts, ts,
                            e8(p.openInterestUsd()[m] / p.mark()[m]), e8(p.openInterestUsd()[m])));
                }
                if (p.liqLongUsd()[m] > 0 && close > 0) {
                    out.add(new MarketEvent.Liquidation(FeedSource.BINANCE_USDM, sym, ts, ts, PositionSide.LONG, e8(close),
                            e8(p.liqLongUsd()[m] / close), false));
                }
                if (p.liqShortUsd()[m] > 0 && close > 0) {
                    out.add(new MarketEvent.Liquidation(FeedSource.BINANCE_USDM, sym, ts, ts, PositionSide.SHORT, e8(close),
                            e8(p.liqShortUsd()[m] / close), false));
                }
            }
            for (SimResult.SpotSeries s : r.spots()) {
                double mid = s.mid()[m];
                if (mid <= 0) {
                    continue;
                }
                boolean us = s.source().equals("coinbase");
                String sym = us ? s.asset() + "-USD" : s.asset() + "USDT";
                // The mid as a one-cent-wide top (the simulator records mids; a top needs bid < ask).
                out.add(new MarketEvent.BookTop(us ? FeedSource.COINBASE : FeedSource.BINANCE_SPOT, sym, ts, ts, e8(mid - 0.005), e8(1),
                        e8(mid + 0.005), e8(1)));
            }
        }
        out.sort(Comparator.comparingLong(MarketEvent::exchangeTsMs));
        return out;
    }
}
