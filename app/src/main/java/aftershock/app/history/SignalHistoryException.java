package aftershock.app.history;

/** The history database could not be opened, written, read or exported; the message starts with the file's path. */
public final class SignalHistoryException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public SignalHistoryException(String message) {
        super(message);
    }

    public SignalHistoryException(String message, Throwable cause) {
        super(message, cause);
    }
}
