package aftershock.sim.scenario;

import aftershock.config.YamlNode;

import java.io.StringReader;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * A scenario's parameters as dotted paths ({@code assets.BTC.price}, {@code shocks[1].at}) with where each value came
 * from (file and line, or {@code --set}). Readers take values with a default; a value of the wrong type, or a path
 * no reader took (a misspelt key), is an error that names its origin.
 */
public final class Params {
    /** One scalar: its text and where it was written. */
    public record Value(String text, String origin) {
    }

    private final Map<String, Value> values = new LinkedHashMap<>();
    private final TreeSet<String> used = new TreeSet<>();

    public static Params parse(String file, String yaml) throws ScenarioException {
        Params p = new Params();
        YamlNode<ScenarioException> root = YamlNode.parse(file, new StringReader(yaml), "a scenario (a mapping)",
                (f, line, field, message) -> new ScenarioException(YamlNode.describe(f, line, field, message)));
        p.flatten(root, "");
        return p;
    }

    private void flatten(YamlNode<ScenarioException> node, String path) throws ScenarioException {
        if (node.isScalar()) {
            values.put(path, new Value(node.text(), node.file() + ":" + node.line() + ": field '" + path + "'"));
            return;
        }
        List<YamlNode<ScenarioException>> list = tryList(node);
        if (list != null) {
            for (int i = 0; i < list.size(); i++) {
                flatten(list.get(i), path + "[" + i + "]");
            }
            values.put(path + ".size", new Value(Integer.toString(list.size()), node.file() + ":" + node.line()));
            used.add(path + ".size");
            return;
        }
        for (Map.Entry<String, YamlNode<ScenarioException>> e : node.anyMap("a mapping").entrySet()) {
            flatten(e.getValue(), path.isEmpty() ? e.getKey() : path + "." + e.getKey());
        }
    }

    private static List<YamlNode<ScenarioException>> tryList(YamlNode<ScenarioException> node) {
        try {
            return node.list();
        } catch (ScenarioException e) {
            return null;
        }
    }

    /** Applies {@code key=value} overrides (the command line's --set); an unknown key is refused later. */
    public void set(String assignment) throws ScenarioException {
        int eq = assignment.indexOf('=');
        if (eq <= 0) {
            throw new ScenarioException("--set " + assignment + ": expected key=value, e.g. --set shocks[0].changePct=-3");
        }
        String key = assignment.substring(0, eq).trim();
        String text = assignment.substring(eq + 1).trim();
        if (text.startsWith("[") && text.endsWith("]")) {
            // A list: --set assets.BTC.crowd.leverageWeights=[30,25,22]. It replaces the file's list.
            String inner = text.substring(1, text.length() - 1).trim();
            String[] items = inner.isEmpty() ? new String[0] : inner.split(",", -1);
            values.keySet().removeIf(k -> k.startsWith(key + "[") || k.equals(key + ".size"));
            for (int i = 0; i < items.length; i++) {
                String item = items[i].trim();
                if (item.isEmpty()) {
                    throw new ScenarioException("--set " + key + ": item " + (i + 1) + " of the list is empty");
                }
                values.put(key + "[" + i + "]", new Value(item, "--set " + key + "[" + i + "]"));
            }
            values.put(key + ".size", new Value(Integer.toString(items.length), "--set " + key));
            used.add(key + ".size");
            return;
        }
        values.put(key, new Value(text, "--set " + key));
    }

    public boolean has(String path) {
        return values.containsKey(path);
    }

    public int listSize(String path) {
        Value v = values.get(path + ".size");
        return v == null ? 0 : Integer.parseInt(v.text());
    }

    /** The keys directly under {@code path} (a mapping of names, e.g. the assets), in file order. */
    public List<String> children(String path) {
        List<String> out = new ArrayList<>();
        String prefix = path + ".";
        for (String k : values.keySet()) {
            if (k.startsWith(prefix)) {
                String rest = k.substring(prefix.length());
                int dot = rest.indexOf('.');
                String child = dot < 0 ? rest : rest.substring(0, dot);
                if (!out.contains(child)) {
                    out.add(child);
                }
            }
        }
        return out;
    }

    private Value take(String path) {
        used.add(path);
        return values.get(path);
    }

    public String string(String path, String def) {
        Value v = take(path);
        return v == null ? def : v.text();
    }

    public double number(String path, double def) throws ScenarioException {
        Value v = take(path);
        if (v == null) {
            return def;
        }
        try {
            double d = Double.parseDouble(v.text().replace("_", ""));
            if (!Double.isFinite(d)) {
                throw new NumberFormatException();
            }
            return d;
        } catch (NumberFormatException e) {
            throw new ScenarioException(v.origin() + ": expected a number, got '" + v.text() + "'");
        }
    }

    public double number(String path, double def, double min, double max) throws ScenarioException {
        double d = number(path, def);
        if (d < min || d > max) {
            Value v = values.get(path);
            throw new ScenarioException((v == null ? path : v.origin()) + ": " + d + " is outside [" + min + ", " + max + "]");
        }
        return d;
    }

    public int integer(String path, int def, int min, int max) throws ScenarioException {
        double d = number(path, def, min, max);
        if (d != Math.rint(d)) {
            throw new ScenarioException(values.get(path).origin() + ": expected a whole number, got '" + values.get(path).text() + "'");
        }
        return (int) d;
    }

    public boolean bool(String path, boolean def) throws ScenarioException {
        Value v = take(path);
        if (v == null) {
            return def;
        }
        return switch (v.text()) {
            case "true", "yes", "on" -> true;
            case "false", "no", "off" -> false;
            default -> throw new ScenarioException(v.origin() + ": expected true or false, got '" + v.text() + "'");
        };
    }

    public <T extends Enum<T>> T enumValue(String path, Class<T> type, T def) throws ScenarioException {
        Value v = take(path);
        if (v == null) {
            return def;
        }
        for (T t : type.getEnumConstants()) {
            if (t.name().equalsIgnoreCase(v.text().replace('-', '_'))) {
                return t;
            }
        }
        List<String> names = new ArrayList<>();
        for (T t : type.getEnumConstants()) {
            names.add(t.name().toLowerCase().replace('_', '-'));
        }
        throw new ScenarioException(v.origin() + ": expected one of " + names + ", got '" + v.text() + "'");
    }

    /** Time of day "HH:MM" (or "HH:MM:SS") after the start, or a number of minutes; nanoseconds. */
    public long clock(String path, long defNanos) throws ScenarioException {
        Value v = take(path);
        if (v == null) {
            return defNanos;
        }
        String t = v.text();
        try {
            if (t.contains(":")) {
                String[] parts = t.split(":");
                long h = Long.parseLong(parts[0]);
                long m = Long.parseLong(parts[1]);
                long s = parts.length > 2 ? Long.parseLong(parts[2]) : 0;
                if (parts.length > 3 || m >= 60 || s >= 60 || h < 0 || m < 0 || s < 0) {
                    throw new NumberFormatException();
                }
                return ((h * 60 + m) * 60 + s) * 1_000_000_000L;
            }
            return Math.round(Double.parseDouble(t) * 60e9);
        } catch (NumberFormatException e) {
            throw new ScenarioException(v.origin() + ": expected a time \"HH:MM\" after the start, got '" + t + "'");
        }
    }

    /** Fails on any value no reader took: a misspelt or unknown key. */
    public void checkAllUsed() throws ScenarioException {
        for (Map.Entry<String, Value> e : values.entrySet()) {
            if (!used.contains(e.getKey())) {
                throw new ScenarioException(e.getValue().origin().contains("field") ? e.getValue().origin() + ": unknown field"
                        : e.getValue().origin() + ": unknown field '" + e.getKey() + "'");
            }
        }
    }

    /** Every key a reader asked for (present or defaulted), for documentation checks. */
    public java.util.SortedSet<String> usedKeys() {
        return java.util.Collections.unmodifiableSortedSet(used);
    }

    public String origin(String path) {
        Value v = values.get(path);
        return v == null ? path : v.origin();
    }
}
