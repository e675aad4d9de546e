package aftershock.app.run;

import aftershock.engine.api.DecimalE8;
import aftershock.engine.exchange.Exchange;
import aftershock.engine.margin.Fixed;
import aftershock.engine.margin.Ledger;
import aftershock.engine.margin.MarginMode;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The state of every account and symbol at one moment, as JSON-ready maps of exact decimal strings
 * (docs/OUTPUTS.md): per account balances, fees, funding and open positions with their margin figures; per symbol
 * mark, index and funding.
 */
public final class Summary {
    private Summary() {
    }

    public static Map<String, Object> of(Exchange ex) {
        Ledger l = ex.ledger();
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("time", EventJson.seconds(ex.nowNanos()));
        Map<String, Object> accounts = new LinkedHashMap<>();
        for (long id : l.accountIds()) {
            Map<String, Object> a = new LinkedHashMap<>();
            a.put("walletBalance", d(l.walletBalanceE8(id)));
            a.put("marginBalance", d(l.marginBalanceE8(id)));
            a.put("availableBalance", d(l.availableBalanceE8(id)));
            a.put("feesPaid", d(l.feesPaidE8(id)));
            a.put("fundingPaid", d(l.fundingPaidE8(id)));
            a.put("realizedPnl", d(l.realizedPnlE8(id)));
            a.put("crossMarginRatio", ratio(l.crossMarginRatioE8(id)));
            if (l.hasCollateral(id)) {
                Map<String, Object> collateral = new LinkedHashMap<>();
                for (int k = 0; k < l.collateralCount(); k++) {
                    long units = l.collateralUnitsE8(id, k);
                    if (units != 0) {
                        collateral.put(l.collateralName(k), d(units));
                    }
                }
                a.put("collateral", collateral);
                a.put("collateralValue", d(l.collateralValueE8(id)));
            }
            Map<String, Object> positions = new LinkedHashMap<>();
            for (int s = 0; s < l.symbolCount(); s++) {
                long lots = l.positionLots(id, s);
                if (lots == 0) {
                    continue;
                }
                String symbol = l.spec(s).instrument().symbol();
                Map<String, Object> p = new LinkedHashMap<>();
                p.put("side", lots > 0 ? "LONG" : "SHORT");
                p.put("qty", d(l.spec(s).instrument().qtyE8(Math.abs(lots))));
                p.put("entryPrice", d(l.entryPriceE8(id, s)));
                p.put("markPrice", d(l.markPriceE8(s)));
                p.put("notional", d(l.notionalE8(id, s)));
                p.put("unrealizedPnl", d(l.unrealizedPnlE8(id, s)));
                p.put("leverage", Integer.toString(l.leverage(id, s)));
                MarginMode mode = l.marginMode(id, s);
                p.put("marginMode", mode.name());
                p.put("initialMargin", d(l.initialMarginE8(id, s)));
                p.put("maintenanceMargin", d(l.maintenanceMarginE8(id, s)));
                if (mode == MarginMode.ISOLATED) {
                    long balance = l.isolatedWalletE8(id, s) + l.unrealizedPnlE8(id, s);
                    long mm = l.maintenanceMarginE8(id, s);
                    p.put("isolatedMargin", d(l.isolatedWalletE8(id, s)));
                    p.put("marginRatio", ratio(balance <= 0 ? Long.MAX_VALUE : Fixed.mulDiv(mm, Fixed.E8, balance, Fixed.Round.CEILING)));
                } else {
                    p.put("marginRatio", ratio(l.crossMarginRatioE8(id)));
                }
                p.put("liquidationPrice", d(l.liquidationPriceE8(id, s)));
                p.put("bankruptcyPrice", d(l.bankruptcyPriceE8(id, s)));
                p.put("adlQuantile", ex.adlQuantile(id, symbol));
                positions.put(symbol, p);
            }
            a.put("positions", positions);
            accounts.put(Long.toString(id), a);
        }
        root.put("accounts", accounts);
        Map<String, Object> symbols = new LinkedHashMap<>();
        for (String symbol : ex.symbols()) {
            Map<String, Object> s = new LinkedHashMap<>();
            s.put("markPrice", d(ex.markPriceE8(symbol)));
            s.put("indexPrice", d(ex.indexPriceE8(symbol)));
            s.put("lastPrice", d(ex.book(symbol).instrument().priceE8(ex.book(symbol).lastPriceTicks())));
            s.put("lastFundingRate", d(ex.lastFundingRateE8(symbol)));
            s.put("nextFundingTime", EventJson.seconds(ex.nextFundingTimeNanos(symbol)));
            s.put("halts", ex.haltCount(symbol));
            s.put("halted", ex.isHalted(symbol));
            symbols.put(symbol, s);
        }
        root.put("symbols", symbols);
        Map<String, Object> venue = new LinkedHashMap<>();
        venue.put("deposits", d(l.depositsE8()));
        venue.put("withdrawals", d(l.withdrawalsE8()));
        venue.put("feesCollected", d(l.feesCollectedE8()));
        venue.put("fundingRemainder", d(l.fundingRemainderE8()));
        venue.put("socializedLoss", d(l.socializedLossE8()));
        venue.put("insuranceFundEquity", d(ex.insuranceFundEquityE8()));
        venue.put("backstopVaultEquity", d(ex.backstopVaultEquityE8()));
        venue.put("backstopVaultPnl", d(ex.backstopVaultPnlE8()));
        if (l.collateralCount() > 0) {
            Map<String, Object> collateral = new LinkedHashMap<>();
            for (int k = 0; k < l.collateralCount(); k++) {
                String asset = l.collateralName(k);
                Map<String, Object> c = new LinkedHashMap<>();
                c.put("price", d(ex.collateralPriceE8(asset)));
                c.put("haircut", d(ex.collateralHaircutE8(asset)));
                c.put("unitsDeposited", d(l.collateralDepositsE8(k)));
                collateral.put(asset, c);
            }
            venue.put("collateral", collateral);
        }
        root.put("venue", venue);
        return root;
    }

    private static String d(long e8) {
        return DecimalE8.format(e8);
    }

    /** A ratio as a decimal string ("0.0123" = 1.23%); null when unbounded (no margin left). */
    private static String ratio(long e8) {
        return e8 == Long.MAX_VALUE ? null : DecimalE8.format(e8);
    }
}
