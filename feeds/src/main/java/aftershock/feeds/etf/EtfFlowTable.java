package aftershock.feeds.etf;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * A daily net-flow table as imported: the fund tickers in column order, one {@link EtfFlow} per fund per day (and per
 * day for {@code TOTAL} if the table has a total column), in file order, and warnings that do not stop the import
 * (a published total that differs from the sum of the funds by more than US$0.1m: late reporters are back-filled).
 */
public record EtfFlowTable(String file, List<String> tickers, List<EtfFlow> flows, List<String> warnings) {
    public EtfFlowTable {
        tickers = List.copyOf(tickers);
        flows = List.copyOf(flows);
        warnings = List.copyOf(warnings);
    }

    /** The days of the table, in file order. */
    public List<LocalDate> dates() {
        List<LocalDate> out = new ArrayList<>();
        for (EtfFlow f : flows) {
            if (out.isEmpty() || !out.get(out.size() - 1).equals(f.date())) {
                out.add(f.date());
            }
        }
        return out;
    }

    /** The flows of one day, funds in column order (TOTAL last if present). */
    public List<EtfFlow> flowsOn(LocalDate date) {
        List<EtfFlow> out = new ArrayList<>();
        for (EtfFlow f : flows) {
            if (f.date().equals(date)) {
                out.add(f);
            }
        }
        return out;
    }

    /** Sum of the funds' reported flows on a day (not the TOTAL column), US$ E8. */
    public long netFlowUsdE8(LocalDate date) {
        long sum = 0;
        for (EtfFlow f : flows) {
            if (f.date().equals(date) && f.reported() && !f.ticker().equals(EtfFlow.TOTAL)) {
                sum = Math.addExact(sum, f.flowUsdE8());
            }
        }
        return sum;
    }
}
