package org.mymnist.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mymnist.cli.MainTest.run;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mymnist.files.DiskSpace;
import org.mymnist.files.NoRoomException;
import org.mymnist.files.SmallDisk;
import org.mymnist.modelfile.FailingSave;
import org.mymnist.modelfile.ModelFile;
import org.mymnist.nn.Model;
import org.mymnist.training.Recipe;
import org.mymnist.training.TrainingConfig;
import org.nd4j.linalg.api.buffer.DataType;

/**
 * {@code train --save} onto a small disk: a tmpfs mounted for the test where this
 * process may mount ({@link SmallDisk}; unmounted after, even on failure), else free space
 * injected. A model with no room is refused before training. A disk that fills during the
 * training (a ballast file written after the first epoch, the command in a JVM of its own) is found
 * by the save before it writes; one that fills during the write (after {@code model.json}) makes the
 * write fail. Either way the previous file is intact and the model is saved in the temporary
 * folder, where {@code mv} takes it once there is room. Without a tmpfs, the training is skipped
 * and the write is made to fail by injection. Tagged {@code mount}: it runs in {@code mvn verify}.
 */
@Tag("mount")
class FullDiskTest {

    private static final long MIB = 1 << 20;

    @TempDir
    static Path shared;
    static Path data;

    @TempDir
    Path dir;

    @BeforeAll
    static void tinyData() throws IOException {
        data = Files.createDirectories(shared.resolve("tiny"));
        MainTest.writeDataset(data, "train", 40);
        MainTest.writeDataset(data, "t10k", 20);
    }

    private static List<String> names(Path folder) throws IOException {
        try (Stream<Path> files = Files.list(folder)) {
            return files.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    /** A previous model on the disk: the seed's shape, 0.2 MiB. */
    private static byte[] previousModel(Path target) throws IOException {
        MainTest.Run run = run("train", "--epochs", "1", "--data", data.toString(), "--save", target.toString());
        assertEquals(0, run.code(), run.err());
        return Files.readAllBytes(target);
    }

    @Test
    void aModelWithoutRoomIsRefusedBeforeTraining() throws IOException {
        try (SmallDisk disk = SmallDisk.of(dir.resolve("disk"), 2 * MIB)) {
            Path target = disk.folder().resolve("m.zip");
            byte[] old = previousModel(target);
            String free = DiskSpace.mib(DiskSpace.usable(disk.folder()), false);
            MainTest.Run run = run("train", "--epochs", "1", "--hidden", "1000", "--dtype", "float64",
                    "--data", data.toString(), "--save", target.toString());
            assertEquals(2, run.code(), run.err());
            assertEquals("my-mnist: --save " + target + ": no room in " + disk.folder() + " for the model: 6.1 MiB"
                    + " needed, " + free + " free; free some space there or save elsewhere (see 'my-mnist train --help')\n",
                    run.err(), disk.mounted() ? "on a tmpfs" : disk.why());
            assertEquals("", run.out(), "nothing trained");
            assertArrayEquals(old, Files.readAllBytes(target));
            assertEquals(List.of("m.zip"), names(disk.folder()));
        }
    }

    /** 784-300-10 float64, as {@code train --hidden 300 --dtype float64} makes it: 1.8 MiB. */
    private static final TrainingConfig WIDE = Recipe.SEED.config().withHidden(300).withDataType(DataType.DOUBLE);
    private static final int EPOCHS = 40;

    @Test
    void aDiskThatFillsDuringTrainingIsFoundBeforeTheWriteAndTheModelKept() throws Exception {
        Path tmp = Files.createDirectories(dir.resolve("tmp"));
        Path home = Files.createDirectories(dir.resolve("home"));
        try (SmallDisk disk = SmallDisk.of(dir.resolve("disk"), 4 * MIB)) {
            Path target = disk.folder().resolve("m.zip");
            byte[] old = previousModel(target);
            Path ballast = disk.folder().resolve("ballast");
            String err;
            if (disk.mounted()) {
                err = trainWhileTheDiskFills(target, ballast, tmp, home);
            } else {
                // No tmpfs: the trained model's save, in this JVM, on the faked disk.
                err = inFolders(tmp, home, () -> {
                    Model model = trained();
                    fill(ballast, DiskSpace.usable(disk.folder()) - MIB / 2);
                    return assertThrows(NoRoomException.class, () -> ModelFile.save(model, target));
                });
            }
            assertRescued(disk, target, old, ballast, tmp, err, "");
        }
    }

    @Test
    void aDiskThatFillsDuringTheWriteKeepsThePreviousFileAndTheModel() throws Exception {
        Path tmp = Files.createDirectories(dir.resolve("tmp"));
        Path home = Files.createDirectories(dir.resolve("home"));
        try (SmallDisk disk = SmallDisk.of(dir.resolve("disk"), 4 * MIB)) {
            Path target = disk.folder().resolve("m.zip");
            byte[] old = previousModel(target);
            Path ballast = disk.folder().resolve("ballast");
            Model model = trained();
            // Once model.json is written, the rest of the disk is filled: on a tmpfs the next write
            // fails for want of room; without one, it is made to fail so.
            String err = inFolders(tmp, home, () -> assertThrows(NoRoomException.class,
                    () -> FailingSave.save(model, target, () -> {
                        fill(ballast, disk.mounted() ? DiskSpace.usable(disk.folder()) : 3 * MIB);
                        if (!disk.mounted()) {
                            throw new IOException("No space left on device");
                        }
                    })));
            assertRescued(disk, target, old, ballast, tmp, err, " (No space left on device during the save)");
        }
    }

    /** The model {@code train --epochs 40 --hidden 300 --dtype float64} saves, its loss history included. */
    private static Model trained() {
        Model model = WIDE.newModel();
        for (int i = 0; i < EPOCHS; i++) {
            model.recordLoss(0.1);
        }
        return model;
    }

    private static void fill(Path ballast, long bytes) throws IOException {
        try (OutputStream out = Files.newOutputStream(ballast)) {
            byte[] block = new byte[1 << 16];
            for (long written = 0; written < bytes; written += block.length) {
                out.write(block, 0, (int) Math.min(block.length, bytes - written));
            }
        }
    }

    /** What the command line prints for the exception {@code save} throws, with the rescue folders set. */
    private static String inFolders(Path tmp, Path home, Callable<NoRoomException> save) throws Exception {
        String savedTmp = System.getProperty("java.io.tmpdir");
        String savedHome = System.getProperty("user.home");
        System.setProperty("java.io.tmpdir", tmp.toString());
        System.setProperty("user.home", home.toString());
        try {
            return "my-mnist: " + Main.describe(save.call()) + "\n";
        } finally {
            System.setProperty("java.io.tmpdir", savedTmp);
            System.setProperty("user.home", savedHome);
        }
    }

    /**
     * The message names the folder, the MiB needed and free, and where the model is; the previous
     * file is intact and no temporary file is left; the model moved as the message says loads.
     */
    private static void assertRescued(SmallDisk disk, Path target, byte[] old, Path ballast, Path tmp, String err,
            String reason) throws IOException {
        long needed = ModelFile.sizeBound(WIDE.dataType(), WIDE.parameterShapes(), EPOCHS);
        String free = DiskSpace.mib(DiskSpace.usable(disk.folder()), false);
        Matcher m = Pattern.compile(Pattern.quote("my-mnist: " + target + ": no room in " + disk.folder()
                + " for the model" + reason + ": " + DiskSpace.mib(needed, true) + " needed, " + free + " free; "
                + target + " is unchanged; the model was saved to ")
                + "(\\S+) instead: once there is room, move it with mv (\\S+) " + Pattern.quote(target + "\n"))
                .matcher(err);
        assertTrue(m.matches(), (disk.mounted() ? "" : disk.why() + ": ") + err);
        System.out.print("FullDiskTest" + (disk.mounted() ? " (tmpfs): " : " (faked): ") + err);
        Path rescued = Path.of(m.group(1));
        assertEquals(m.group(1), m.group(2));
        assertEquals(tmp, rescued.getParent());
        assertArrayEquals(old, Files.readAllBytes(target), "the previous model is intact");
        assertEquals(List.of("ballast", "m.zip"), names(disk.folder()), "no temporary file left");
        // Once there is room, the move the message gives puts the trained model in place.
        Files.delete(ballast);
        Files.move(rescued, target, StandardCopyOption.REPLACE_EXISTING);
        Model moved = ModelFile.load(target);
        assertEquals(300, moved.layers().get(0).outputN);
        assertEquals(EPOCHS, moved.loss().size());
        assertEquals(List.of(), names(tmp));
    }

    /**
     * Runs {@code train --save target} in a JVM of its own and, once the first epoch is printed,
     * fills the disk but for half a MiB; returns what the command printed on standard error.
     */
    private static String trainWhileTheDiskFills(Path target, Path ballast, Path tmp, Path home) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process process = new ProcessBuilder(java, "-Djava.io.tmpdir=" + tmp, "-Duser.home=" + home, "-cp",
                System.getProperty("java.class.path"), Main.class.getName(), "train", "--epochs",
                Integer.toString(EPOCHS), "--hidden", "300", "--dtype", "float64", "--data", data.toString(),
                "--save", target.toString()).redirectError(ProcessBuilder.Redirect.PIPE).start();
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
            String first = out.readLine();
            assertTrue(first != null && first.startsWith("Epoch : 0 "), "training started: " + first);
            fill(ballast, DiskSpace.usable(target.getParent()) - MIB / 2);
            List<String> rest = out.lines().toList(); // through the reader, which may hold lines already
            String err = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(process.waitFor(120, TimeUnit.SECONDS));
            assertEquals(1, process.exitValue(), err);
            assertEquals(EPOCHS - 1, rest.size(), "every epoch trained before the save: " + rest);
            return err;
        } finally {
            process.destroyForcibly();
        }
    }
}
