package aftershock.app;

import aftershock.engine.api.DecimalE8;
import aftershock.engine.api.Instrument;
import aftershock.engine.api.Instruments;
import picocli.CommandLine;
import picocli.CommandLine.Command;

import java.io.PrintWriter;

/** Lists the built-in instrument definitions. */
@Command(name = "instruments", mixinStandardHelpOptions = true,
        description = "List the built-in instruments and their trading rules (Binance USDⓈ-M filters).")
final class InstrumentsCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        PrintWriter out = spec.commandLine().getOut();
        out.printf("%-8s %-6s %-10s %-10s %-6s %-6s %-8s %-9s %-8s%n",
                "symbol", "tick", "min price", "max price", "step", "min q", "max q", "mkt max q", "min notl");
        for (Instrument i : Instruments.all()) {
            out.printf("%-8s %-6s %-10s %-10s %-6s %-6s %-8s %-9s %-8s%n", i.symbol(), DecimalE8.format(i.tickSizeE8()),
                    DecimalE8.format(i.minPriceE8()), DecimalE8.format(i.maxPriceE8()), DecimalE8.format(i.stepSizeE8()),
                    DecimalE8.format(i.minQtyE8()), DecimalE8.format(i.maxQtyE8()), DecimalE8.format(i.marketMaxQtyE8()),
                    DecimalE8.format(i.minNotionalE8()));
        }
        out.flush();
    }
}
