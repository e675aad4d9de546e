package aftershock.feeds.etf;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;

import static aftershock.engine.api.DecimalE8.parse;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Farside-style wide tables (shared/reference/feeds.md §7.1): US$ millions, parentheses for outflows, - for none. */
class EtfFlowCsvTest {
    private static final LocalDate JAN_11 = LocalDate.of(2024, 1, 11);
    private static final LocalDate JAN_12 = LocalDate.of(2024, 1, 12);

    @Test
    void farsideTableIsReadExactlyWithOutflowsInParenthesesAndDashesAsNotReported() throws IOException {
        EtfFlowTable table = read("""
                Date,IBIT,FBTC,GBTC,BTC,Total
                11 Jan 2024,111.7,227.0,(95.1),-,243.6
                12 Jan 2024,386.0,"1,234.5",(484.1),0.0,"1,136.4"

                Total,497.7,1461.5,(579.2),0.0,1380.0
                Average,248.9,730.8,(289.6),0.0,690.0
                """);
        assertEquals(List.of("IBIT", "FBTC", "GBTC", "BTC"), table.tickers());
        assertEquals(List.of(JAN_11, JAN_12), table.dates());
        assertEquals(List.of(
                new EtfFlow(JAN_11, "IBIT", true, usd("111700000")),
                new EtfFlow(JAN_11, "FBTC", true, usd("227000000")),
                new EtfFlow(JAN_11, "GBTC", true, usd("-95100000")),
                new EtfFlow(JAN_11, "BTC", false, 0),
                new EtfFlow(JAN_11, EtfFlow.TOTAL, true, usd("243600000"))), table.flowsOn(JAN_11));
        assertEquals(usd("1234500000"), table.flowsOn(JAN_12).get(1).flowUsdE8());
        assertEquals(usd("1136400000"), table.netFlowUsdE8(JAN_12));
        assertEquals(List.of(), table.warnings());
    }

    @Test
    void isoDatesMinusSignsAndMissingTrailingCellsAreAccepted() throws IOException {
        EtfFlowTable table = read("""
                date,IBIT,ARKB
                2024-01-11,-12.25
                """);
        assertEquals(List.of(new EtfFlow(JAN_11, "IBIT", true, usd("-12250000")),
                new EtfFlow(JAN_11, "ARKB", false, 0)), table.flowsOn(JAN_11));
    }

    @Test
    void aTotalThatDiffersFromTheSumOfTheFundsIsAWarningNotAnError() throws IOException {
        EtfFlowTable table = read("""
                Date,IBIT,FBTC,Total
                11 Jan 2024,111.7,227.0,655.3
                12 Jan 2024,1.0,2.0,3.1
                """);
        assertEquals(List.of("flows.csv:2: Total 655.3 differs from the sum of the funds 338.7 (US$m)"),
                table.warnings());
    }

    @Test
    void badCellsNameFileLineAndColumn() {
        assertEquals("flows.csv:3: column 3 (FBTC): value '12.3.4' is not a number of US$ millions (expected e.g. "
                + "111.7, (95.1), -95.1 or - for no data)", error("""
                Date,IBIT,FBTC
                11 Jan 2024,1,2
                12 Jan 2024,1,12.3.4
                """));
        assertEquals("flows.csv:2: column 2 (IBIT): value '1,23' is misplaced thousands separator (expected e.g. "
                + "111.7, (95.1), -95.1 or - for no data)", error("""
                Date,IBIT
                11 Jan 2024,"1,23"
                """));
        assertEquals("flows.csv:2: column 2 (IBIT): value '(-5)' is not a number (expected e.g. 111.7, (95.1), "
                + "-95.1 or - for no data)", error("Date,IBIT\n11 Jan 2024,(-5)\n"));
        assertEquals("flows.csv:2: column 1 (Date): date '2024/01/11' is not yyyy-mm-dd or d Mon yyyy "
                + "(e.g. 2024-01-11 or 11 Jan 2024)", error("Date,IBIT\n2024/01/11,1\n"));
        assertEquals("flows.csv:3: column 1 (Date): date 2024-01-11 already given on line 2",
                error("Date,IBIT\n11 Jan 2024,1\n2024-01-11,2\n"));
        assertEquals("flows.csv:2: column 3: value '7' is beyond the last column of the header",
                error("Date,IBIT\n11 Jan 2024,1,7\n"));
        assertEquals("flows.csv:1: column 1 (Fund): the first column must be 'Date'", error("Fund,IBIT\n"));
        assertEquals("flows.csv:1: column 3 (ibit): column 'ibit' appears twice", error("Date,IBIT,ibit\n"));
        assertEquals("flows.csv:2: column 2: unterminated quoted value", error("Date,IBIT\n11 Jan 2024,\"1\n"));
        assertEquals("flows.csv:2: column 2 (IBIT): value '99999999999999' is too large (expected e.g. 111.7, "
                + "(95.1), -95.1 or - for no data)", error("Date,IBIT\n11 Jan 2024,99999999999999\n"));
        assertEquals("flows.csv:1: no header line (Date,<tickers>...)", error(""));
    }

    @Test
    void readsAFileWithAByteOrderMark(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("btc-flows.csv");
        Files.writeString(file, "\uFEFFDate,IBIT\n11 Jan 2024,111.7\n");
        assertEquals(List.of(new EtfFlow(JAN_11, "IBIT", true, usd("111700000"))), EtfFlowCsv.read(file).flows());
    }

    private static EtfFlowTable read(String csv) throws IOException {
        return EtfFlowCsv.read("flows.csv", new StringReader(csv));
    }

    private static String error(String csv) {
        return assertThrows(EtfFlowFormatException.class, () -> read(csv)).getMessage();
    }

    private static long usd(String dollars) {
        return parse(dollars);
    }
}
