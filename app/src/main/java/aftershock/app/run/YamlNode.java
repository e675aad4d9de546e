package aftershock.app.run;

import aftershock.app.script.ScriptException;
import aftershock.engine.api.DecimalE8;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

import java.io.StringReader;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * A YAML node that knows where it came from (file, line, path of fields), so every validation error can name
 * file, line, field and what was expected. Built on SnakeYAML's node graph, which keeps source positions.
 */
final class YamlNode {
    final String file;
    final String path;
    final Node node;

    private YamlNode(String file, String path, Node node) {
        this.file = file;
        this.path = path;
        this.node = node;
    }

    static YamlNode parse(String file, String text) throws ScriptException {
        LoaderOptions options = new LoaderOptions();
        options.setAllowDuplicateKeys(false);
        options.setMaxAliasesForCollections(10);
        try {
            Node root = new Yaml(options).compose(new StringReader(text));
            if (root == null) {
                throw new ScriptException(file + ":1: the file is empty (expected a YAML mapping with 'timeline')");
            }
            return new YamlNode(file, "", root);
        } catch (MarkedYAMLException e) {
            int line = e.getProblemMark() == null ? 1 : e.getProblemMark().getLine() + 1;
            throw new ScriptException(file + ":" + line + ": not valid YAML: " + e.getProblem());
        } catch (YAMLException e) {
            throw new ScriptException(file + ": not valid YAML: " + e.getMessage());
        }
    }

    int line() {
        return node.getStartMark().getLine() + 1;
    }

    ScriptException error(String expected) {
        String got = node instanceof ScalarNode s ? "'" + s.getValue() + "'" : node instanceof MappingNode ? "a mapping"
                : node instanceof SequenceNode ? "a list" : "something else";
        return new ScriptException(file + ":" + line() + ": field '" + (path.isEmpty() ? "(top)" : path) + "': expected "
                + expected + ", got " + got);
    }

    ScriptException problem(String message) {
        return new ScriptException(file + ":" + line() + ": field '" + (path.isEmpty() ? "(top)" : path) + "': " + message);
    }

    /** The entries of a mapping, refusing keys outside {@code allowed}. */
    Map<String, YamlNode> map(Set<String> allowed) throws ScriptException {
        if (!(node instanceof MappingNode m)) {
            throw error("a mapping with keys " + new TreeSet<>(allowed));
        }
        Map<String, YamlNode> out = new LinkedHashMap<>();
        for (NodeTuple t : m.getValue()) {
            if (!(t.getKeyNode() instanceof ScalarNode k)) {
                throw new YamlNode(file, path, t.getKeyNode()).error("a plain key");
            }
            String key = k.getValue();
            YamlNode child = new YamlNode(file, path.isEmpty() ? key : path + "." + key, t.getValueNode());
            if (!allowed.contains(key)) {
                throw new YamlNode(file, child.path, t.getKeyNode()).problem("unknown field (allowed: "
                        + String.join(", ", new TreeSet<>(allowed)) + ")");
            }
            out.put(key, child);
        }
        return out;
    }

    /** A mapping with arbitrary keys (e.g. symbol → value). */
    Map<String, YamlNode> anyMap(String what) throws ScriptException {
        if (!(node instanceof MappingNode m)) {
            throw error("a mapping of " + what);
        }
        Map<String, YamlNode> out = new LinkedHashMap<>();
        for (NodeTuple t : m.getValue()) {
            if (!(t.getKeyNode() instanceof ScalarNode k)) {
                throw new YamlNode(file, path, t.getKeyNode()).error("a plain key");
            }
            out.put(k.getValue(), new YamlNode(file, path + "." + k.getValue(), t.getValueNode()));
        }
        return out;
    }

    List<YamlNode> list() throws ScriptException {
        if (!(node instanceof SequenceNode s)) {
            throw error("a list");
        }
        List<YamlNode> out = new ArrayList<>();
        for (int i = 0; i < s.getValue().size(); i++) {
            out.add(new YamlNode(file, path + "[" + i + "]", s.getValue().get(i)));
        }
        return out;
    }

    String text() throws ScriptException {
        if (!(node instanceof ScalarNode s)) {
            throw error("a single value");
        }
        return s.getValue();
    }

    static YamlNode required(Map<String, YamlNode> m, YamlNode owner, String key) throws ScriptException {
        YamlNode v = m.get(key);
        if (v == null) {
            throw owner.problem("missing field '" + key + "'");
        }
        return v;
    }

    long decimalE8() throws ScriptException {
        String t = text();
        try {
            return DecimalE8.parse(t);
        } catch (NumberFormatException e) {
            throw error("a decimal number such as \"100000.5\" (" + e.getMessage() + ")");
        }
    }

    long positiveDecimalE8() throws ScriptException {
        long v = decimalE8();
        if (v <= 0) {
            throw error("a positive decimal number");
        }
        return v;
    }

    long positiveLong() throws ScriptException {
        String t = text();
        try {
            long v = Long.parseLong(t);
            if (v > 0) {
                return v;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw error("a positive whole number");
    }

    int intInRange(int min, int max) throws ScriptException {
        String t = text();
        try {
            int v = Integer.parseInt(t);
            if (v >= min && v <= max) {
                return v;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw error("a whole number from " + min + " to " + max);
    }

    boolean bool() throws ScriptException {
        String t = text();
        if (t.equals("true") || t.equals("false")) {
            return t.equals("true");
        }
        throw error("true or false");
    }

    <E extends Enum<E>> E enumValue(Class<E> type) throws ScriptException {
        String t = text();
        try {
            return Enum.valueOf(type, t.toUpperCase(Locale.ROOT).replace('-', '_'));
        } catch (IllegalArgumentException e) {
            List<String> names = new ArrayList<>();
            for (E c : type.getEnumConstants()) {
                names.add(c.name());
            }
            throw error("one of " + String.join(", ", names));
        }
    }

    /** A time: 12, 12s, 1.5s, 250ms, 2m, 8h, 1d (from the start of the run), in nanoseconds. */
    long timeNanos() throws ScriptException {
        String t = text().trim();
        long unit = 1_000_000_000L;
        String number = t;
        if (t.endsWith("ms")) {
            unit = 1_000_000L;
            number = t.substring(0, t.length() - 2);
        } else if (t.endsWith("s")) {
            number = t.substring(0, t.length() - 1);
        } else if (t.endsWith("m")) {
            unit = 60_000_000_000L;
            number = t.substring(0, t.length() - 1);
        } else if (t.endsWith("h")) {
            unit = 3_600_000_000_000L;
            number = t.substring(0, t.length() - 1);
        } else if (t.endsWith("d")) {
            unit = 86_400_000_000_000L;
            number = t.substring(0, t.length() - 1);
        }
        try {
            BigDecimal nanos = new BigDecimal(number).multiply(BigDecimal.valueOf(unit));
            if (nanos.signum() >= 0) {
                return nanos.setScale(0, java.math.RoundingMode.UNNECESSARY).longValueExact();
            }
        } catch (NumberFormatException | ArithmeticException e) {
            // reported below
        }
        throw error("a time such as 0, 1.5s, 250ms, 2m, 8h or 1d");
    }
}
