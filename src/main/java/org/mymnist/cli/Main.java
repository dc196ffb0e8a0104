package org.mymnist.cli;

import java.io.IOException;
import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The {@code my-mnist} command line: {@code fetch}, {@code train}, {@code evaluate} and {@code predict}.
 *
 * <p>Exit codes: 0 on success, 2 for a usage error (unknown option, bad value), 1 for a data or
 * model error (missing or malformed file). Errors are one line on standard error; {@code --verbose}
 * adds the stack trace.
 */
@Command(name = "my-mnist", mixinStandardHelpOptions = true, version = "my-mnist 0.1",
        description = "A from-scratch neural network that learns to read handwritten digits (MNIST).",
        subcommands = {FetchCommand.class, TrainCommand.class, EvaluateCommand.class, PredictCommand.class,
                BenchCommand.class})
public final class Main implements Runnable {

    /** Exit code for a data or model error. */
    public static final int EXIT_DATA = 1;
    /** Exit code for a usage error. */
    public static final int EXIT_USAGE = 2;

    @Option(names = "--verbose", scope = CommandLine.ScopeType.INHERIT,
            description = "Print the stack trace of an error.")
    boolean verbose;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(),
                "a command is required: fetch, train, evaluate, predict or bench");
    }

    /**
     * Runs the command line and returns its exit code instead of exiting.
     *
     * @param args the arguments
     * @return the exit code
     */
    public static int execute(String... args) {
        CommandLine line = new CommandLine(new Main());
        line.setParameterExceptionHandler(Main::usageError);
        line.setExecutionExceptionHandler(Main::failure);
        return line.execute(args);
    }

    /**
     * Entry point of {@code java -jar my-mnist.jar}.
     *
     * @param args the arguments
     */
    public static void main(String[] args) {
        System.exit(execute(args));
    }

    private static int usageError(CommandLine.ParameterException e, String[] args) {
        CommandLine command = e.getCommandLine();
        PrintWriter err = command.getErr();
        err.println("my-mnist: " + e.getMessage() + " (see '" + command.getCommandSpec().qualifiedName()
                + " --help')");
        if (isVerbose(command)) {
            e.printStackTrace(err);
        }
        err.flush();
        return EXIT_USAGE;
    }

    private static int failure(Exception e, CommandLine command, CommandLine.ParseResult parsed) {
        PrintWriter err = command.getErr();
        int code;
        String message;
        if (e instanceof UsageException) {
            code = EXIT_USAGE;
            message = e.getMessage() + " (see '" + command.getCommandSpec().qualifiedName() + " --help')";
        } else if (e instanceof IOException) {
            code = EXIT_DATA;
            message = e.getMessage();
        } else {
            code = EXIT_DATA;
            message = e.getClass().getSimpleName() + ": " + e.getMessage()
                    + " (run again with --verbose for details)";
        }
        err.println("my-mnist: " + message);
        if (isVerbose(command)) {
            e.printStackTrace(err);
        }
        err.flush();
        return code;
    }

    private static boolean isVerbose(CommandLine command) {
        CommandLine root = command;
        while (root.getParent() != null) {
            root = root.getParent();
        }
        return ((Main) root.getCommand()).verbose;
    }
}
