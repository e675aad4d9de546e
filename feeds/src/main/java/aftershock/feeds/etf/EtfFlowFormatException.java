package aftershock.feeds.etf;

import java.io.IOException;

/** A flow table that cannot be read, with the file, line and column (1-based, and the column's header) at fault. */
public final class EtfFlowFormatException extends IOException {
    private static final long serialVersionUID = 1L;

    private final String file;
    private final int line;
    private final int column;

    public EtfFlowFormatException(String file, int line, int column, String columnName, String message) {
        super(file + ":" + line + (column > 0 ? ": column " + column
                + (columnName == null || columnName.isEmpty() ? "" : " (" + columnName + ")") : "") + ": " + message);
        this.file = file;
        this.line = line;
        this.column = column;
    }

    public String file() {
        return file;
    }

    public int line() {
        return line;
    }

    /** 1-based column, or 0 if the error concerns the whole line. */
    public int column() {
        return column;
    }
}
