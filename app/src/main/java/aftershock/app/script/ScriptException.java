package aftershock.app.script;

/** A script that cannot be read: the message names the file, the line and the field. */
public final class ScriptException extends Exception {
    private static final long serialVersionUID = 1L;

    public ScriptException(String message) {
        super(message);
    }
}
