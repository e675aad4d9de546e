package aftershock.app.script;

import aftershock.engine.api.Command;
import aftershock.engine.api.DecimalE8;
import aftershock.engine.api.Instrument;
import aftershock.engine.api.Instruments;
import aftershock.engine.api.OrderType;
import aftershock.engine.api.Side;
import aftershock.engine.api.StpMode;
import aftershock.engine.api.TimeInForce;
import aftershock.engine.api.WorkingType;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * A plain-text list of venue commands, one a line: {@code <time> <verb> key=value ...}. Times are seconds from the
 * start ({@code 12}, {@code 1.5s}, {@code 250ms}, {@code 2m}) and must not go backwards. Verbs: {@code place},
 * {@code cancel}, {@code cancel-all}, {@code amend}, {@code mark}. An optional first line {@code instrument SYMBOL}
 * picks a built-in instrument (default BTCUSDT). {@code #} starts a comment. See docs/SCRIPTS.md.
 *
 * <p>Reading is strict: a malformed value is an error naming file, line and field. Values that are well-formed
 * but break the venue's rules (a price off the tick, a quantity below the minimum) pass through to the venue,
 * which rejects them with an event, as a real venue would.
 */
public record CommandScript(String source, Instrument instrument, List<Command> commands, List<Integer> lineNumbers) {

    private static final Set<String> PLACE_KEYS = Set.of("account", "side", "type", "tif", "price", "qty", "stop",
            "working", "reduce-only", "stp", "client");
    private static final Set<String> CANCEL_KEYS = Set.of("account", "order", "client");
    private static final Set<String> CANCEL_ALL_KEYS = Set.of("account");
    private static final Set<String> AMEND_KEYS = Set.of("account", "order", "price", "qty");
    private static final Set<String> MARK_KEYS = Set.of("price");

    public static CommandScript parse(String source, String text) throws ScriptException {
        Instrument instrument = Instruments.BTCUSDT;
        List<Command> commands = new ArrayList<>();
        List<Integer> lines = new ArrayList<>();
        String[] rows = text.split("\r?\n", -1);
        long lastTs = 0;
        boolean sawCommand = false;
        for (int i = 0; i < rows.length; i++) {
            int lineNo = i + 1;
            String row = rows[i];
            int hash = row.indexOf('#');
            if (hash >= 0) {
                row = row.substring(0, hash);
            }
            row = row.trim();
            if (row.isEmpty()) {
                continue;
            }
            String[] tokens = row.split("\\s+");
            Where at = new Where(source, lineNo);
            if (tokens[0].equals("instrument")) {
                if (sawCommand) {
                    throw at.error("instrument", "must come before the first command");
                }
                if (tokens.length != 2) {
                    throw at.error("instrument", "expected 'instrument SYMBOL'");
                }
                String symbol = tokens[1];
                instrument = Instruments.bySymbol(symbol).orElseThrow(() -> at.error("instrument",
                        "unknown symbol '" + symbol + "' (built-in: BTCUSDT, ETHUSDT)"));
                continue;
            }
            if (tokens.length < 2) {
                throw at.error("verb", "expected '<time> <verb> key=value ...'");
            }
            long ts = parseTime(at, tokens[0]);
            if (ts < lastTs) {
                throw at.error("time", "'" + tokens[0] + "' is earlier than the previous command");
            }
            lastTs = ts;
            String verb = tokens[1];
            Map<String, String> kv = new LinkedHashMap<>();
            for (int t = 2; t < tokens.length; t++) {
                int eq = tokens[t].indexOf('=');
                if (eq <= 0 || eq == tokens[t].length() - 1) {
                    throw at.error(tokens[t], "expected key=value");
                }
                String key = tokens[t].substring(0, eq);
                if (kv.put(key, tokens[t].substring(eq + 1)) != null) {
                    throw at.error(key, "given twice");
                }
            }
            Command c = switch (verb) {
                case "place" -> place(at, ts, kv);
                case "cancel" -> {
                    allow(at, kv, CANCEL_KEYS);
                    long order = kv.containsKey("order") ? integer(at, kv, "order") : 0;
                    long client = kv.containsKey("client") ? integer(at, kv, "client") : 0;
                    if ((order == 0) == (client == 0)) {
                        throw at.error("order", "give exactly one of order=ID or client=ID");
                    }
                    yield new Command.CancelOrder(ts, integer(at, kv, "account"), order, client);
                }
                case "cancel-all" -> {
                    allow(at, kv, CANCEL_ALL_KEYS);
                    yield new Command.CancelAll(ts, integer(at, kv, "account"));
                }
                case "amend" -> {
                    allow(at, kv, AMEND_KEYS);
                    yield new Command.AmendOrder(ts, integer(at, kv, "account"), integer(at, kv, "order"),
                            decimal(at, kv, "price"), decimal(at, kv, "qty"));
                }
                case "mark" -> {
                    allow(at, kv, MARK_KEYS);
                    yield new Command.UpdateMarkPrice(ts, decimal(at, kv, "price"));
                }
                default -> throw at.error("verb", "unknown verb '" + verb + "' (place, cancel, cancel-all, amend, mark)");
            };
            commands.add(c);
            lines.add(lineNo);
            sawCommand = true;
        }
        return new CommandScript(source, instrument, List.copyOf(commands), List.copyOf(lines));
    }

    private static Command place(Where at, long ts, Map<String, String> kv) throws ScriptException {
        allow(at, kv, PLACE_KEYS);
        Side side = enumValue(at, kv, "side", Side.class, null);
        OrderType type = enumValue(at, kv, "type", OrderType.class, OrderType.LIMIT);
        TimeInForce tif = enumValue(at, kv, "tif", TimeInForce.class, TimeInForce.GTC);
        WorkingType working = enumValue(at, kv, "working", WorkingType.class, WorkingType.CONTRACT_PRICE);
        StpMode stp = enumValue(at, kv, "stp", StpMode.class, Command.PlaceOrder.DEFAULT_STP);
        long price = 0;
        if (type.hasLimitPrice()) {
            price = decimal(at, kv, "price");
        } else if (kv.containsKey("price")) {
            throw at.error("price", type + " orders take no price");
        }
        long stop = 0;
        if (type.isTriggered()) {
            stop = decimal(at, kv, "stop");
        } else if (kv.containsKey("stop")) {
            throw at.error("stop", type + " orders take no stop price");
        }
        boolean reduceOnly = false;
        if (kv.containsKey("reduce-only")) {
            String v = kv.get("reduce-only");
            if (!v.equals("true") && !v.equals("false")) {
                throw at.error("reduce-only", "'" + v + "' is not true or false");
            }
            reduceOnly = v.equals("true");
        }
        long client = kv.containsKey("client") ? integer(at, kv, "client") : 0;
        return new Command.PlaceOrder(ts, integer(at, kv, "account"), client, side, type, type.hasLimitPrice() ? tif : TimeInForce.IOC,
                price, decimal(at, kv, "qty"), stop, working, reduceOnly, stp);
    }

    private static void allow(Where at, Map<String, String> kv, Set<String> allowed) throws ScriptException {
        for (String key : kv.keySet()) {
            if (!allowed.contains(key)) {
                throw at.error(key, "unknown field (allowed: " + String.join(", ", allowed.stream().sorted().toList()) + ")");
            }
        }
    }

    private static String required(Where at, Map<String, String> kv, String key) throws ScriptException {
        String v = kv.get(key);
        if (v == null) {
            throw at.error(key, "missing");
        }
        return v;
    }

    private static long integer(Where at, Map<String, String> kv, String key) throws ScriptException {
        String v = required(at, kv, key);
        try {
            long x = Long.parseLong(v);
            if (x <= 0) {
                throw at.error(key, "'" + v + "' must be a positive integer");
            }
            return x;
        } catch (NumberFormatException e) {
            throw at.error(key, "'" + v + "' is not an integer");
        }
    }

    private static long decimal(Where at, Map<String, String> kv, String key) throws ScriptException {
        String v = required(at, kv, key);
        try {
            return DecimalE8.parse(v);
        } catch (NumberFormatException e) {
            throw at.error(key, e.getMessage());
        }
    }

    private static <E extends Enum<E>> E enumValue(Where at, Map<String, String> kv, String key, Class<E> type, E fallback)
            throws ScriptException {
        String v = kv.get(key);
        if (v == null) {
            if (fallback == null) {
                throw at.error(key, "missing");
            }
            return fallback;
        }
        try {
            return Enum.valueOf(type, v.toUpperCase(Locale.ROOT).replace('-', '_'));
        } catch (IllegalArgumentException e) {
            List<String> names = new ArrayList<>();
            for (E c : type.getEnumConstants()) {
                names.add(c.name());
            }
            throw at.error(key, "'" + v + "' is not one of " + String.join(", ", names));
        }
    }

    private static long parseTime(Where at, String text) throws ScriptException {
        String number = text;
        long unitNanos = 1_000_000_000L;
        if (text.endsWith("ms")) {
            number = text.substring(0, text.length() - 2);
            unitNanos = 1_000_000L;
        } else if (text.endsWith("s")) {
            number = text.substring(0, text.length() - 1);
        } else if (text.endsWith("m")) {
            number = text.substring(0, text.length() - 1);
            unitNanos = 60_000_000_000L;
        }
        try {
            BigDecimal nanos = new BigDecimal(number).multiply(BigDecimal.valueOf(unitNanos));
            if (nanos.signum() < 0) {
                throw at.error("time", "'" + text + "' is negative");
            }
            return nanos.setScale(0, java.math.RoundingMode.UNNECESSARY).longValueExact();
        } catch (NumberFormatException | ArithmeticException e) {
            throw at.error("time", "'" + text + "' is not a time like 12, 1.5s, 250ms or 2m");
        }
    }

    private record Where(String source, int line) {
        ScriptException error(String field, String message) {
            return new ScriptException(source + ":" + line + ": field '" + field + "': " + message);
        }
    }
}
