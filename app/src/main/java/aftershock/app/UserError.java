package aftershock.app;

/** An error the user can fix (bad file, bad value): printed as one line, no stack trace, exit code 2. */
public final class UserError extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public UserError(String message) {
        super(message);
    }
}
