package org.mymnist.cli;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Runs the command line again under a UTF-8 locale when this JVM cannot represent a name it was
 * given. Java decodes its arguments and encodes file names with the locale's character set
 * ({@code sun.jnu.encoding}), fixed at start-up: under {@code LANG=C} (ASCII) a valid UTF-8 name
 * such as {@code données-数字} arrives as replacement characters and no file of that name can be
 * opened or created. On Linux the original bytes are still in {@code /proc/self/cmdline}: they are
 * handed, hex-encoded in the environment, to a second JVM started with {@code LC_ALL=C.UTF-8}
 * (the same java, JVM options and class path), whose exit code becomes this one's. A signal
 * that stops this JVM is passed on to it. Where that cannot be done, {@link PathConverter} says
 * why the name cannot be used.
 */
final class Relaunch {

    /** The environment variable that carries the arguments, each hex-encoded, comma-separated. */
    static final String ARGUMENTS = "MYMNIST_ARGUMENTS_HEX";

    private Relaunch() {
    }

    /**
     * The arguments of this command line: those handed over by the JVM that relaunched this one,
     * else {@code args} itself.
     */
    static String[] arguments(String[] args) {
        String hex = System.getenv(ARGUMENTS);
        if (hex == null) {
            return args;
        }
        if (hex.isEmpty()) {
            return new String[0];
        }
        return Arrays.stream(hex.split(",", -1))
                .map(h -> new String(HexFormat.of().parseHex(h), StandardCharsets.UTF_8))
                .toArray(String[]::new);
    }

    /**
     * Runs the command line in a JVM under a UTF-8 locale if this one cannot represent an argument
     * and the original bytes can be recovered.
     *
     * @param args this JVM's arguments
     * @return the relaunched JVM's exit code, or empty when no relaunch was needed or possible
     */
    static Optional<Integer> ifNeeded(String[] args) {
        Charset names = namesCharset();
        if (names.equals(StandardCharsets.UTF_8) || System.getenv(ARGUMENTS) != null
                || Arrays.stream(args).noneMatch(a -> a.indexOf('\uFFFD') >= 0)) {
            return Optional.empty();
        }
        List<byte[]> raw = rawArguments(args, names);
        Optional<String> java = ProcessHandle.current().info().command();
        if (raw == null || java.isEmpty()) {
            return Optional.empty();
        }
        List<String> jvmOptions = ManagementFactory.getRuntimeMXBean().getInputArguments();
        if (jvmOptions.stream().anyMatch(o -> o.indexOf('\uFFFD') >= 0)) {
            return Optional.empty();
        }
        List<String> command = new ArrayList<>();
        command.add(java.get());
        command.addAll(jvmOptions);
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(Main.class.getName());
        StringBuilder hex = new StringBuilder();
        for (byte[] arg : raw) {
            hex.append(hex.length() == 0 ? "" : ",").append(HexFormat.of().formatHex(arg));
        }
        ProcessBuilder builder = new ProcessBuilder(command).inheritIO();
        builder.environment().put("LC_ALL", "C.UTF-8");
        builder.environment().put("LANG", "C.UTF-8");
        builder.environment().put(ARGUMENTS, raw.isEmpty() ? "" : hex.toString());
        Process child;
        try {
            child = builder.start();
        } catch (IOException e) {
            return Optional.empty();
        }
        Thread passOn = new Thread(() -> {
            child.destroy(); // SIGTERM: its own shutdown hooks remove its temporary files
            try {
                child.waitFor(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "my-mnist relaunched JVM");
        Runtime.getRuntime().addShutdownHook(passOn);
        while (true) {
            try {
                int code = child.waitFor();
                Runtime.getRuntime().removeShutdownHook(passOn);
                return Optional.of(code);
            } catch (InterruptedException e) {
                // keep waiting: the child decides when the command is over
            } catch (IllegalStateException e) {
                return Optional.of(child.exitValue()); // the JVM is already stopping
            }
        }
    }

    /** The character set of file names and arguments here, UTF-8 if unknown. */
    private static Charset namesCharset() {
        try {
            return Charset.forName(System.getProperty("sun.jnu.encoding", "UTF-8"));
        } catch (IllegalArgumentException e) {
            return StandardCharsets.UTF_8;
        }
    }

    /** This JVM's arguments as the bytes the system gave, or null if they cannot be matched to {@code args}. */
    private static List<byte[]> rawArguments(String[] args, Charset names) {
        byte[] cmdline;
        try {
            cmdline = Files.readAllBytes(Path.of("/proc/self/cmdline"));
        } catch (IOException | RuntimeException e) {
            return null;
        }
        List<byte[]> all = new ArrayList<>();
        ByteArrayOutputStream current = new ByteArrayOutputStream();
        for (byte b : cmdline) {
            if (b == 0) {
                all.add(current.toByteArray());
                current.reset();
            } else {
                current.write(b);
            }
        }
        if (current.size() > 0) {
            all.add(current.toByteArray());
        }
        if (all.size() < args.length) {
            return null;
        }
        List<byte[]> mine = all.subList(all.size() - args.length, all.size());
        for (int i = 0; i < args.length; i++) {
            if (!new String(mine.get(i), names).equals(args[i])) {
                return null;
            }
        }
        return new ArrayList<>(mine);
    }
}
