package aftershock.app;

import picocli.CommandLine;
import picocli.CommandLine.Command;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.util.Properties;

/** The {@code aftershock} command line. */
@Command(name = "aftershock",
        mixinStandardHelpOptions = true,
        versionProvider = Main.Version.class,
        description = {
                "A deterministic stress laboratory for crypto-derivatives market plumbing:",
                "a perpetual-futures venue you can replay crashes on and ask \"what if\"."},
        subcommands = {aftershock.app.simulate.SimulateCommand.class, RunCommand.class, DemoCommand.class, MonitorCommand.class, BenchCommand.class, InstrumentsCommand.class, CommandLine.HelpCommand.class},
        footer = {"", "Run 'aftershock COMMAND --help' for a command's options."})
public final class Main implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(execute(args));
    }

    /** Runs the command line and returns the exit code (0 ok, 1 failure, 2 usage or input error). */
    public static int execute(String... args) {
        return execute(new PrintWriter(System.out, true), new PrintWriter(System.err, true), args);
    }

    /** Same, writing to the given streams (tests). */
    public static int execute(PrintWriter out, PrintWriter err, String... args) {
        CommandLine cl = new CommandLine(new Main());
        cl.setOut(out);
        cl.setErr(err);
        cl.setParameterExceptionHandler(Main::usageError);
        cl.setExecutionExceptionHandler((ex, line, parsed) -> {
            PrintWriter errOut = line.getErr();
            if (ex instanceof UserError) {
                errOut.println("aftershock: error: " + ex.getMessage());
                return 2;
            }
            errOut.println("aftershock: internal error: " + ex);
            if (System.getenv("AFTERSHOCK_DEBUG") != null) {
                ex.printStackTrace(errOut);
            } else {
                errOut.println("(set AFTERSHOCK_DEBUG=1 to see the stack trace, and please report it)");
            }
            return 1;
        });
        return cl.execute(args);
    }

    private static int usageError(CommandLine.ParameterException ex, String[] args) {
        CommandLine cl = ex.getCommandLine();
        PrintWriter err = cl.getErr();
        err.println("aftershock: " + ex.getMessage());
        CommandLine.UnmatchedArgumentException.printSuggestions(ex, err);
        err.println("Try '" + cl.getCommandSpec().qualifiedName() + " --help' for more information.");
        return 2;
    }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** Reads the version Maven wrote into the jar. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() throws IOException {
            Properties p = new Properties();
            try (InputStream in = Main.class.getResourceAsStream("/aftershock/version.properties")) {
                if (in != null) {
                    p.load(in);
                }
            }
            return new String[] {"aftershock " + p.getProperty("version", "unknown"),
                    "Java " + System.getProperty("java.version") + " (" + System.getProperty("java.vm.name") + ")"};
        }
    }
}
