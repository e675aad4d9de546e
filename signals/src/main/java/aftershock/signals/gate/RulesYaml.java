package aftershock.signals.gate;

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
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * A node of the rule file that knows its file, line and field path, so that every error names them. Built on
 * SnakeYAML's node graph (which keeps positions); scalars are read as their exact text, never as floating point.
 */
final class RulesYaml {
    final String file;
    final String path;
    final Node node;

    private RulesYaml(String file, String path, Node node) {
        this.file = file;
        this.path = path;
        this.node = node;
    }

    static RulesYaml parse(String file, Reader reader) throws GateRulesException {
        LoaderOptions options = new LoaderOptions();
        options.setAllowDuplicateKeys(false);
        options.setMaxAliasesForCollections(10);
        options.setCodePointLimit(1_000_000);
        try {
            Node root = new Yaml(options).compose(reader);
            if (root == null) {
                throw new GateRulesException(file, 1, null, "the file is empty (expected a mapping with 'rules')");
            }
            return new RulesYaml(file, "", root);
        } catch (MarkedYAMLException e) {
            int line = e.getProblemMark() == null ? 1 : e.getProblemMark().getLine() + 1;
            throw new GateRulesException(file, line, null, "not valid YAML: " + e.getProblem());
        } catch (YAMLException e) {
            throw new GateRulesException(file, 1, null, "not valid YAML: " + e.getMessage());
        }
    }

    int line() {
        return node.getStartMark().getLine() + 1;
    }

    GateRulesException error(String expected) {
        String got = node instanceof ScalarNode s ? "'" + s.getValue() + "'" : node instanceof MappingNode
                ? "a mapping" : node instanceof SequenceNode ? "a list" : "something else";
        return problem("expected " + expected + ", got " + got);
    }

    GateRulesException problem(String message) {
        return new GateRulesException(file, line(), path.isEmpty() ? "(top)" : path, message);
    }

    /** The entries of a mapping, refusing keys outside {@code allowed}. */
    Map<String, RulesYaml> map(Set<String> allowed) throws GateRulesException {
        if (!(node instanceof MappingNode m)) {
            throw error("a mapping with keys " + String.join(", ", new TreeSet<>(allowed)));
        }
        Map<String, RulesYaml> out = new LinkedHashMap<>();
        for (NodeTuple t : m.getValue()) {
            if (!(t.getKeyNode() instanceof ScalarNode k)) {
                throw new RulesYaml(file, path, t.getKeyNode()).error("a plain key");
            }
            String key = k.getValue();
            String childPath = path.isEmpty() ? key : path + "." + key;
            if (!allowed.contains(key)) {
                throw new RulesYaml(file, childPath, t.getKeyNode()).problem("unknown field (allowed: "
                        + String.join(", ", new TreeSet<>(allowed)) + ")");
            }
            out.put(key, new RulesYaml(file, childPath, t.getValueNode()));
        }
        return out;
    }

    RulesYaml required(Map<String, RulesYaml> fields, String key) throws GateRulesException {
        RulesYaml v = fields.get(key);
        if (v == null) {
            throw problem("missing field '" + key + "'");
        }
        return v;
    }

    List<RulesYaml> list() throws GateRulesException {
        if (!(node instanceof SequenceNode s)) {
            throw error("a list");
        }
        List<RulesYaml> out = new ArrayList<>();
        for (int i = 0; i < s.getValue().size(); i++) {
            out.add(new RulesYaml(file, path + "[" + i + "]", s.getValue().get(i)));
        }
        return out;
    }

    String text() throws GateRulesException {
        if (!(node instanceof ScalarNode s)) {
            throw error("a single value");
        }
        return s.getValue();
    }

    long decimalE8() throws GateRulesException {
        String t = text();
        try {
            return DecimalE8.parse(t);
        } catch (NumberFormatException e) {
            throw error("a decimal number such as 4, -0.03 or 0.0001 (" + e.getMessage() + ")");
        }
    }

    boolean bool() throws GateRulesException {
        String t = text();
        if (t.equals("true") || t.equals("false")) {
            return t.equals("true");
        }
        throw error("true or false");
    }

    <E extends Enum<E>> E enumValue(Class<E> type) throws GateRulesException {
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
}
