package aftershock.signals.gate;

/** A rule file that cannot be used, with the file, line (1-based) and field at fault. */
public final class GateRulesException extends Exception {
    private static final long serialVersionUID = 1L;

    private final String file;
    private final int line;
    private final String field;

    public GateRulesException(String file, int line, String field, String message) {
        super(file + ":" + line + (field == null ? "" : ": field '" + field + "'") + ": " + message);
        this.file = file;
        this.line = line;
        this.field = field;
    }

    public String file() {
        return file;
    }

    public int line() {
        return line;
    }

    /** The path of the field ({@code rules[2].when[0].value}), or null when the error concerns the whole file. */
    public String field() {
        return field;
    }
}
