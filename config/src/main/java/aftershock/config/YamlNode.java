package aftershock.config;

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

import java.io.Reader;
import java.io.StringReader;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * A YAML node that knows where it came from (file, line, path of fields), so that every validation error names file,
 * line, field and what was expected: {@code file:line: field 'a.b[2].c': expected …, got '…'}. Built on SnakeYAML's
 * node graph, which keeps source positions; scalars are read as their exact text, never as floating point. Errors are
 * created by the caller's {@link Errors}, so each configuration format keeps its own exception type.
 *
 * @param <E> the exception a format reports its errors with
 */
public final class YamlNode<E extends Exception> {

    /** Makes a format's exception from a position ({@code field} null: the whole file) and a message. */
    @FunctionalInterface
    public interface Errors<E extends Exception> {
        E at(String file, int line, String field, String message);
    }

    /** The usual message shape: {@code file:line: field 'path': message}. */
    public static String describe(String file, int line, String field, String message) {
        return file + ":" + line + (field == null ? "" : ": field '" + field + "'") + ": " + message;
    }

    private final String file;
    private final String path;
    private final Node node;
    private final Errors<E> errors;

    private YamlNode(String file, String path, Node node, Errors<E> errors) {
        this.file = file;
        this.path = path;
        this.node = node;
        this.errors = errors;
    }

    /** Parses a whole document; an empty one is an error saying what was expected ({@code expectedTop}). */
    public static <E extends Exception> YamlNode<E> parse(String file, Reader reader, String expectedTop, Errors<E> errors)
            throws E {
        LoaderOptions options = new LoaderOptions();
        options.setMaxAliasesForCollections(10);
        options.setCodePointLimit(10_000_000);
        Node root;
        try {
            root = new Yaml(options).compose(reader);
        } catch (MarkedYAMLException e) {
            int line = e.getProblemMark() == null ? 1 : e.getProblemMark().getLine() + 1;
            throw errors.at(file, line, null, "not valid YAML: " + e.getProblem());
        } catch (YAMLException e) {
            throw errors.at(file, 1, null, "not valid YAML: " + e.getMessage());
        }
        if (root == null) {
            throw errors.at(file, 1, null, "the file is empty (expected " + expectedTop + ")");
        }
        return new YamlNode<>(file, "", root, errors);
    }

    public static <E extends Exception> YamlNode<E> parse(String file, String text, String expectedTop, Errors<E> errors)
            throws E {
        return parse(file, new StringReader(text), expectedTop, errors);
    }

    public String file() {
        return file;
    }

    public String path() {
        return path;
    }

    public int line() {
        return node.getStartMark().getLine() + 1;
    }

    public boolean isScalar() {
        return node instanceof ScalarNode;
    }

    /** "expected X, got Y" at this node. */
    public E error(String expected) {
        String got = node instanceof ScalarNode s ? "'" + s.getValue() + "'" : node instanceof MappingNode ? "a mapping"
                : node instanceof SequenceNode ? "a list" : "something else";
        return problem("expected " + expected + ", got " + got);
    }

    /** Any message at this node. */
    public E problem(String message) {
        return errors.at(file, line(), path.isEmpty() ? "(top)" : path, message);
    }

    private YamlNode<E> child(String childPath, Node n) {
        return new YamlNode<>(file, childPath, n, errors);
    }

    /** The entries of a mapping, refusing keys outside {@code allowed}. */
    public Map<String, YamlNode<E>> map(Set<String> allowed) throws E {
        if (!(node instanceof MappingNode m)) {
            throw error("a mapping with keys " + String.join(", ", new TreeSet<>(allowed)));
        }
        Map<String, YamlNode<E>> out = new LinkedHashMap<>();
        for (NodeTuple t : m.getValue()) {
            if (!(t.getKeyNode() instanceof ScalarNode k)) {
                throw child(path, t.getKeyNode()).error("a plain key");
            }
            String key = k.getValue();
            String childPath = path.isEmpty() ? key : path + "." + key;
            if (!allowed.contains(key)) {
                throw child(childPath, t.getKeyNode()).problem("unknown field (allowed: "
                        + String.join(", ", new TreeSet<>(allowed)) + ")");
            }
            // SnakeYAML's duplicate-key check runs only when constructing objects, not on the node graph: check here.
            if (out.put(key, child(childPath, t.getValueNode())) != null) {
                throw child(childPath, t.getKeyNode()).problem("given twice");
            }
        }
        return out;
    }

    /** A mapping with arbitrary keys (e.g. symbol → value). */
    public Map<String, YamlNode<E>> anyMap(String what) throws E {
        if (!(node instanceof MappingNode m)) {
            throw error("a mapping of " + what);
        }
        Map<String, YamlNode<E>> out = new LinkedHashMap<>();
        for (NodeTuple t : m.getValue()) {
            if (!(t.getKeyNode() instanceof ScalarNode k)) {
                throw child(path, t.getKeyNode()).error("a plain key");
            }
            String childPath = (path.isEmpty() ? "" : path + ".") + k.getValue();
            if (out.put(k.getValue(), child(childPath, t.getValueNode())) != null) {
                throw child(childPath, t.getKeyNode()).problem("given twice");
            }
        }
        return out;
    }

    /** The field {@code key} of a mapping read from this node, or an error naming it. */
    public YamlNode<E> required(Map<String, YamlNode<E>> fields, String key) throws E {
        YamlNode<E> v = fields.get(key);
        if (v == null) {
            throw problem("missing field '" + key + "'");
        }
        return v;
    }

    public List<YamlNode<E>> list() throws E {
        if (!(node instanceof SequenceNode s)) {
            throw error("a list");
        }
        List<YamlNode<E>> out = new ArrayList<>();
        for (int i = 0; i < s.getValue().size(); i++) {
            out.add(child(path + "[" + i + "]", s.getValue().get(i)));
        }
        return out;
    }

    public String text() throws E {
        if (!(node instanceof ScalarNode s)) {
            throw error("a single value");
        }
        return s.getValue();
    }

    /** An exact decimal, as an E8 fixed-point long. */
    public long decimalE8() throws E {
        String t = text();
        try {
            return DecimalE8.parse(t);
        } catch (NumberFormatException e) {
            throw error("a decimal number such as 4, -0.03 or 0.0001 (" + e.getMessage() + ")");
        }
    }

    public long positiveDecimalE8() throws E {
        long v = decimalE8();
        if (v <= 0) {
            throw error("a positive decimal number");
        }
        return v;
    }

    public long positiveLong() throws E {
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

    public int intInRange(int min, int max) throws E {
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

    public boolean bool() throws E {
        String t = text();
        if (t.equals("true") || t.equals("false")) {
            return t.equals("true");
        }
        throw error("true or false");
    }

    /** An enum constant by name, case-insensitively and with '-' for '_'. */
    public <T extends Enum<T>> T enumValue(Class<T> type) throws E {
        String t = text();
        try {
            return Enum.valueOf(type, t.toUpperCase(Locale.ROOT).replace('-', '_'));
        } catch (IllegalArgumentException e) {
            List<String> names = new ArrayList<>();
            for (T c : type.getEnumConstants()) {
                names.add(c.name());
            }
            throw error("one of " + String.join(", ", names));
        }
    }

    /** A time from the start of a run — 12, 12s, 1.5s, 250ms, 2m, 8h, 1d — in nanoseconds. */
    public long timeNanos() throws E {
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
                return nanos.setScale(0, RoundingMode.UNNECESSARY).longValueExact();
            }
        } catch (NumberFormatException | ArithmeticException e) {
            // reported below
        }
        throw error("a time such as 0, 1.5s, 250ms, 2m, 8h or 1d");
    }
}
