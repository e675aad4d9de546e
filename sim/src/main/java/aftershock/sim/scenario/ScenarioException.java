package aftershock.sim.scenario;

/** A scenario that cannot run: the message names the file (or --set), line and field. */
public final class ScenarioException extends Exception {
    private static final long serialVersionUID = 1L;

    public ScenarioException(String message) {
        super(message);
    }
}
