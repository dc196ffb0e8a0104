package org.mymnist.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Optional;
import org.mymnist.backend.MemoryBudget;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The {@code my-mnist} command line: {@code fetch}, {@code train}, {@code evaluate} and {@code predict}.
 *
 * <p>Exit codes: 0 on success, 2 for a usage error (unknown option, bad value), 1 for a data or
 * model error (missing or malformed file, not enough memory, anything unexpected). Errors are one
 * line on standard error, with no Java class name, and quoted values cut at 80 characters;
 * {@code --verbose} adds the stack trace. Outputs are checked before any work ({@link Outputs}).
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
        line.registerConverter(Path.class, new PathConverter());
        line.setParameterExceptionHandler(Main::usageError);
        line.setExecutionExceptionHandler(Main::failure);
        try {
            return line.execute(args);
        } catch (OutOfMemoryError e) {
            // Thrown past picocli, which handles exceptions only; the arrays that filled memory are
            // unreachable by now, so there is room to say so.
            return report(line, e, "out of memory: this JVM may use " + MemoryBudget.mib(MemoryBudget.heapLimit())
                    + " of Java heap and " + MemoryBudget.mib(MemoryBudget.nativeLimit()) + " of native memory;"
                    + " choose smaller --hidden or --batch, or give Java more memory (java -Xmx...)");
        } catch (StackOverflowError e) {
            return report(line, e, "unexpected error (too deep a recursion); run again with --verbose for the details");
        } catch (RuntimeException e) {
            return report(line, e, "unexpected error; run again with --verbose for the details");
        }
    }

    private static int report(CommandLine line, Throwable e, String message) {
        PrintWriter err = line.getErr();
        err.println("my-mnist: " + message);
        if (isVerbose(line)) {
            e.printStackTrace(err);
        }
        err.flush();
        return EXIT_DATA;
    }

    /**
     * Entry point of {@code java -jar my-mnist.jar}.
     *
     * @param args the arguments
     */
    public static void main(String[] args) {
        Optional<Integer> relaunched = Relaunch.ifNeeded(args);
        System.exit(relaunched.isPresent() ? relaunched.get() : execute(Relaunch.arguments(args)));
    }

    private static int usageError(CommandLine.ParameterException e, String[] args) {
        CommandLine command = e.getCommandLine();
        PrintWriter err = command.getErr();
        err.println("my-mnist: " + OneLine.clip(e.getMessage()) + " (see '" + command.getCommandSpec().qualifiedName()
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
            message = describe((IOException) e);
        } else {
            code = EXIT_DATA;
            message = "unexpected error; run again with --verbose for the details";
        }
        err.println("my-mnist: " + OneLine.clip(message));
        if (isVerbose(command)) {
            e.printStackTrace(err);
        }
        err.flush();
        return code;
    }

    /**
     * An input or output error in words: the library's messages name the file and what was
     * expected; the few that come straight from the file system name only a path, and get their
     * reason added.
     */
    static String describe(IOException e) {
        if (e instanceof FileSystemException) {
            FileSystemException f = (FileSystemException) e;
            if (f.getReason() == null && f.getFile() != null) {
                String what = e instanceof NoSuchFileException ? "no such file"
                        : e instanceof AccessDeniedException ? "permission denied"
                        : e instanceof FileAlreadyExistsException ? "already exists" : "cannot be used";
                return f.getFile() + (f.getOtherFile() != null ? " -> " + f.getOtherFile() : "") + ": " + what;
            }
        }
        return e.getMessage() != null ? e.getMessage() : "input or output error; run again with --verbose for the details";
    }

    private static boolean isVerbose(CommandLine command) {
        CommandLine root = command;
        while (root.getParent() != null) {
            root = root.getParent();
        }
        return ((Main) root.getCommand()).verbose;
    }
}
