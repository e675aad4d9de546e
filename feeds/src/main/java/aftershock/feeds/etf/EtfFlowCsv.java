package aftershock.feeds.etf;

import aftershock.engine.api.DecimalE8;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Imports the daily net-flow tables that flow trackers publish (Farside's "Bitcoin ETF Flow (US$m)" layout): a
 * {@code Date} column, one column per fund ticker in US$ millions, maybe a {@code Total} column. Cells: {@code 111.7},
 * {@code -95.1} or {@code (95.1)} (negative), {@code 1,234.5} (thousands separators), {@code -} or blank (not
 * reported). Dates: {@code 2024-01-11} or {@code 11 Jan 2024}. Rows whose first cell is {@code Total},
 * {@code Average}, {@code Maximum}, {@code Minimum} or {@code Seed} are summary rows and skipped. Values are exact
 * (never floating point); every error names file, line and column.
 */
public final class EtfFlowCsv {
    /** US$ millions to US$: × 10^6. */
    private static final long USD_PER_MILLION = 1_000_000L;
    /** A published total may differ from the sum of the funds by this much (US$ E8: 0.1m) before it is flagged. */
    private static final long TOTAL_TOLERANCE_USD_E8 = 100_000L * DecimalE8.ONE;
    private static final Pattern GROUPED = Pattern.compile("\\d{1,3}(,\\d{3})+(\\.\\d+)?");
    private static final DateTimeFormatter DAY_MONTH_YEAR = new DateTimeFormatterBuilder()
            .parseCaseInsensitive().appendPattern("d MMM uuuu").toFormatter(Locale.ENGLISH);
    private static final List<String> SUMMARY_ROWS = List.of("total", "average", "maximum", "minimum", "seed");
    /** Lines read before giving up: a limit on what a file can make the importer do. */
    private static final int LINES_MAX = 1_000_000;

    private EtfFlowCsv() {
    }

    public static EtfFlowTable read(Path file) throws IOException {
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            return read(file.toString(), in);
        }
    }

    public static EtfFlowTable read(String file, Reader reader) throws IOException {
        BufferedReader in = reader instanceof BufferedReader b ? b : new BufferedReader(reader);
        List<String> header = null;
        List<String> tickers = new ArrayList<>();
        int totalColumn = -1;
        List<EtfFlow> flows = new ArrayList<>();
        List<String> warnings = new ArrayList<>();
        Map<LocalDate, Integer> dateLines = new HashMap<>();
        String line;
        int lineNo = 0;
        while ((line = in.readLine()) != null) {
            lineNo++;
            if (lineNo > LINES_MAX) {
                throw new EtfFlowFormatException(file, lineNo, 0, null, "more than " + LINES_MAX + " lines");
            }
            if (lineNo == 1 && line.startsWith("\uFEFF")) {
                line = line.substring(1);
            }
            if (line.isBlank()) {
                continue;
            }
            List<String> cells = split(file, lineNo, line);
            if (header == null) {
                header = readHeader(file, lineNo, cells, tickers);
                totalColumn = indexOfIgnoreCase(header, "total");
                continue;
            }
            String first = cells.get(0).strip();
            if (SUMMARY_ROWS.contains(first.toLowerCase(Locale.ROOT))) {
                continue;
            }
            LocalDate date = date(file, lineNo, first);
            Integer previous = dateLines.putIfAbsent(date, lineNo);
            if (previous != null) {
                throw new EtfFlowFormatException(file, lineNo, 1, header.get(0), "date " + date
                        + " already given on line " + previous);
            }
            for (int c = header.size(); c < cells.size(); c++) {
                if (!cells.get(c).isBlank()) {
                    throw new EtfFlowFormatException(file, lineNo, c + 1, null, "value '" + cells.get(c).strip()
                            + "' is beyond the last column of the header");
                }
            }
            long sumE8 = 0;
            EtfFlow total = null;
            for (int c = 1; c < header.size(); c++) {
                String cell = c < cells.size() ? cells.get(c) : "";
                String name = header.get(c);
                boolean isTotal = c == totalColumn;
                EtfFlow flow = cell(file, lineNo, c + 1, name, date, isTotal ? EtfFlow.TOTAL : name, cell);
                if (isTotal) {
                    total = flow;
                } else {
                    flows.add(flow);
                    try {
                        sumE8 = Math.addExact(sumE8, flow.flowUsdE8());
                    } catch (ArithmeticException e) {
                        throw new EtfFlowFormatException(file, lineNo, c + 1, name, "the row's sum is too large");
                    }
                }
            }
            if (total != null) {
                flows.add(total);
                long differenceE8;
                try {
                    differenceE8 = Math.absExact(Math.subtractExact(total.flowUsdE8(), sumE8));
                } catch (ArithmeticException e) {
                    differenceE8 = Long.MAX_VALUE;
                }
                if (total.reported() && differenceE8 > TOTAL_TOLERANCE_USD_E8) {
                    warnings.add(file + ":" + lineNo + ": Total " + millions(total.flowUsdE8())
                            + " differs from the sum of the funds " + millions(sumE8) + " (US$m)");
                }
            }
        }
        if (header == null) {
            throw new EtfFlowFormatException(file, Math.max(lineNo, 1), 0, null, "no header line (Date,<tickers>...)");
        }
        return new EtfFlowTable(file, tickers, flows, warnings);
    }

    private static List<String> readHeader(String file, int lineNo, List<String> cells, List<String> tickers)
            throws EtfFlowFormatException {
        List<String> header = new ArrayList<>();
        int last = cells.size();
        while (last > 1 && cells.get(last - 1).isBlank()) {
            last--; // trailing empty columns (a spreadsheet's trailing commas)
        }
        for (int c = 0; c < last; c++) {
            header.add(cells.get(c).strip());
        }
        if (!header.get(0).equalsIgnoreCase("date")) {
            throw new EtfFlowFormatException(file, lineNo, 1, header.get(0), "the first column must be 'Date'");
        }
        if (header.size() < 2) {
            throw new EtfFlowFormatException(file, lineNo, 0, null, "no fund columns after 'Date'");
        }
        for (int c = 1; c < header.size(); c++) {
            String name = header.get(c);
            if (name.isEmpty()) {
                throw new EtfFlowFormatException(file, lineNo, c + 1, null, "empty column name");
            }
            if (indexOfIgnoreCase(header.subList(0, c), name) >= 0) {
                throw new EtfFlowFormatException(file, lineNo, c + 1, name, "column '" + name + "' appears twice");
            }
            if (!name.equalsIgnoreCase("total")) {
                tickers.add(name);
            }
        }
        return header;
    }

    private static EtfFlow cell(String file, int lineNo, int column, String columnName, LocalDate date,
                                String ticker, String cell) throws EtfFlowFormatException {
        String t = cell.strip();
        if (t.isEmpty() || t.equals("-") || t.equals("\u2013") || t.equals("\u2014")) {
            return new EtfFlow(date, ticker, false, 0);
        }
        boolean negative = false;
        if (t.startsWith("(") && t.endsWith(")")) {
            negative = true;
            t = t.substring(1, t.length() - 1).strip();
        } else if (t.startsWith("-")) {
            negative = true;
            t = t.substring(1);
        }
        if (t.indexOf(',') >= 0) {
            if (!GROUPED.matcher(t).matches()) {
                throw bad(file, lineNo, column, columnName, cell, "misplaced thousands separator");
            }
            t = t.replace(",", "");
        }
        if (t.isEmpty() || t.charAt(0) == '-' || t.charAt(0) == '+') {
            throw bad(file, lineNo, column, columnName, cell, "not a number");
        }
        long millionsE8;
        try {
            millionsE8 = DecimalE8.parse(t);
        } catch (NumberFormatException e) {
            String message = String.valueOf(e.getMessage());
            throw bad(file, lineNo, column, columnName, cell, message.contains("too large") ? "too large"
                    : message.contains("decimal places") ? "more precise than 8 decimal places"
                    : "not a number of US$ millions");
        }
        long usdE8;
        try {
            usdE8 = Math.multiplyExact(millionsE8, USD_PER_MILLION);
        } catch (ArithmeticException e) {
            throw bad(file, lineNo, column, columnName, cell, "too large");
        }
        return new EtfFlow(date, ticker, true, negative ? -usdE8 : usdE8);
    }

    private static EtfFlowFormatException bad(String file, int lineNo, int column, String columnName, String cell,
                                              String why) {
        return new EtfFlowFormatException(file, lineNo, column, columnName, "value '" + cell.strip() + "' is " + why
                + " (expected e.g. 111.7, (95.1), -95.1 or - for no data)");
    }

    private static LocalDate date(String file, int lineNo, String text) throws EtfFlowFormatException {
        try {
            if (text.length() == 10 && text.charAt(4) == '-') {
                return LocalDate.parse(text);
            }
            return LocalDate.parse(text, DAY_MONTH_YEAR);
        } catch (DateTimeException e) {
            throw new EtfFlowFormatException(file, lineNo, 1, "Date", "date '" + text
                    + "' is not yyyy-mm-dd or d Mon yyyy (e.g. 2024-01-11 or 11 Jan 2024)");
        }
    }

    /** Splits one CSV line: commas, double-quoted cells with "" as an escaped quote. */
    private static List<String> split(String file, int lineNo, String line) throws EtfFlowFormatException {
        List<String> cells = new ArrayList<>();
        StringBuilder cell = new StringBuilder();
        boolean quoted = false;
        boolean wasQuoted = false;
        for (int i = 0; i < line.length(); i++) {
            char ch = line.charAt(i);
            if (quoted) {
                if (ch == '"') {
                    if (i + 1 < line.length() && line.charAt(i + 1) == '"') {
                        cell.append('"');
                        i++;
                    } else {
                        quoted = false;
                    }
                } else {
                    cell.append(ch);
                }
            } else if (ch == ',') {
                cells.add(cell.toString());
                cell.setLength(0);
                wasQuoted = false;
            } else if (ch == '"' && cell.toString().isBlank() && !wasQuoted) {
                quoted = true;
                wasQuoted = true;
                cell.setLength(0);
            } else {
                cell.append(ch);
            }
        }
        if (quoted) {
            throw new EtfFlowFormatException(file, lineNo, cells.size() + 1, null, "unterminated quoted value");
        }
        cells.add(cell.toString());
        return cells;
    }

    private static int indexOfIgnoreCase(List<String> names, String name) {
        for (int i = 0; i < names.size(); i++) {
            if (names.get(i).equalsIgnoreCase(name)) {
                return i;
            }
        }
        return -1;
    }

    private static String millions(long usdE8) {
        return DecimalE8.format(usdE8 / USD_PER_MILLION);
    }
}
