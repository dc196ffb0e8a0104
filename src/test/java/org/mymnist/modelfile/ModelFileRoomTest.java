package org.mymnist.modelfile;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mymnist.files.DiskSpace;
import org.mymnist.files.FakeDiskSpace;
import org.mymnist.files.NoRoomException;
import org.mymnist.nn.Model;
import org.mymnist.training.Recipe;
import org.mymnist.training.TrainingConfig;
import org.nd4j.linalg.api.buffer.DataType;

/**
 * A folder without room for a model: the size a model file needs, from the model or from
 * its configuration before it is built; the check before training; and a save without room,
 * before the write or during it, that keeps the previous file and saves the model elsewhere.
 * Free space is injected ({@link FakeDiskSpace}), and so is the failed write: nothing is filled.
 */
class ModelFileRoomTest {

    private static final long MIB = 1 << 20;

    @TempDir
    Path dir;
    @TempDir
    Path tmp;
    @TempDir
    Path home;

    private String savedTmp;
    private String savedHome;
    private Path target;
    private byte[] old;

    @BeforeEach
    void theSystemsFoldersAndAPreviousFile() throws IOException {
        savedTmp = System.getProperty("java.io.tmpdir");
        savedHome = System.getProperty("user.home");
        System.setProperty("java.io.tmpdir", tmp.toString());
        System.setProperty("user.home", home.toString());
        target = dir.resolve("m.zip");
        ModelFile.save(BigSave.wide(2, -1), target);
        old = Files.readAllBytes(target);
    }

    @AfterEach
    void restore() {
        System.setProperty("java.io.tmpdir", savedTmp);
        System.setProperty("user.home", savedHome);
    }

    /** 784 x 1000 x 10 float64, 6.4 MB (6.1 MiB). */
    private static Model wide() {
        return BigSave.wide(1000, 0.5);
    }

    private static List<String> names(Path folder) throws IOException {
        try (Stream<Path> files = Files.list(folder)) {
            return files.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void theBoundIsAtLeastTheFileAndAFewKibAboveIt() throws IOException {
        for (TrainingConfig config : List.of(Recipe.SEED.config(), Recipe.MODERN.config(), Recipe.CNN.config(),
                Recipe.MODERN.config().withDataType(DataType.FLOAT).withHidden(300, 100))) {
            Model model = config.newModel();
            for (int epoch = 0; epoch < 40; epoch++) {
                model.recordLoss(1.0 / 3 + epoch * Math.PI);
            }
            Path file = dir.resolve("bound.zip");
            ModelFile.save(model, file);
            long size = Files.size(file);
            long bound = ModelFile.sizeBound(model, 0);
            assertTrue(bound >= size && bound - size < 16 * 1024, config + ": file " + size + ", bound " + bound);
            // From the configuration alone, before the model exists: the same bound.
            assertEquals(ModelFile.sizeBound(config.newModel(), 40),
                    ModelFile.sizeBound(config.dataType(), config.parameterShapes(), 40), config.toString());
        }
    }

    @Test
    void checkRoomRefusesAFolderWithoutRoomBeforeTraining() throws IOException {
        long needed = ModelFile.sizeBound(wide(), 10);
        try (FakeDiskSpace fake = FakeDiskSpace.in(dir, MIB)) {
            NoRoomException e = assertThrows(NoRoomException.class, () -> ModelFile.checkRoom(wide(), target, 10));
            assertEquals(target + ": no room in " + dir + " for the model: " + DiskSpace.mib(needed, true)
                    + " needed, 1.0 MiB free; free some space there or save elsewhere", e.getMessage());
            assertEquals("6.1 MiB", DiskSpace.mib(needed, true));
            ModelFile.checkRoom(wide(), tmp.resolve("m.zip"), 10); // room there
        }
        NoSuchFileException missing = assertThrows(NoSuchFileException.class,
                () -> ModelFile.checkRoom(wide(), dir.resolve("no/m.zip"), 1));
        assertEquals(dir.resolve("no/m.zip") + ": cannot write it: the folder " + dir.resolve("no") + " does not exist",
                missing.getMessage());
        assertArrayEquals(old, Files.readAllBytes(target));
    }

    /** The rescued file named in the message, checked: it loads, as the model, and only its owner reads it. */
    private Path rescued(String message, Path place) throws IOException {
        Matcher m = Pattern.compile("the model was saved to (\\S+) instead: once there is room, move it with mv (\\S+) "
                + Pattern.quote(target.toString()) + "$").matcher(message);
        assertTrue(m.find(), message);
        Path saved = Path.of(m.group(1));
        assertEquals(m.group(1), m.group(2));
        assertEquals(place, saved.getParent());
        assertTrue(saved.getFileName().toString().matches("my-mnist-m-[0-9]+\\.zip"), saved.toString());
        assertEquals(0.5, ModelFile.load(saved).layers().get(0).weight().getDouble(0, 0));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(saved)));
        return saved;
    }

    private void assertPreviousFileIntact() throws IOException {
        assertArrayEquals(old, Files.readAllBytes(target), "the previous file is intact");
        assertEquals(List.of("m.zip"), names(dir), "no temporary file left");
    }

    @Test
    void aSaveWithoutRoomKeepsThePreviousFileAndSavesTheModelInTheTemporaryFolder() throws IOException {
        long needed = ModelFile.sizeBound(wide(), 0);
        NoRoomException e;
        try (FakeDiskSpace fake = FakeDiskSpace.in(dir, 2 * MIB)) {
            e = assertThrows(NoRoomException.class, () -> ModelFile.save(wide(), target));
        }
        assertTrue(e.getMessage().startsWith(target + ": no room in " + dir + " for the model: "
                + DiskSpace.mib(needed, true) + " needed, 2.0 MiB free; " + target + " is unchanged; the model was saved to "),
                e.getMessage());
        assertEquals(dir, e.folder());
        assertEquals(needed, e.needed());
        rescued(e.getMessage(), tmp);
        assertPreviousFileIntact();
    }

    @Test
    void aDiskThatFillsDuringTheSaveKeepsThePreviousFileAndTheModel() throws IOException {
        IOException full = new IOException("No space left on device");
        NoRoomException e = assertThrows(NoRoomException.class, () -> ModelFile.save(wide(), target, name -> {
            if (name.equals(ModelFile.weightEntry(0))) {
                throw full;
            }
        }));
        assertTrue(e.getMessage().startsWith(target + ": no room in " + dir
                + " for the model (No space left on device during the save): "), e.getMessage());
        assertSame(full, e.getCause());
        rescued(e.getMessage(), tmp);
        assertPreviousFileIntact();
    }

    @Test
    void aFailureInOtherWordsIsTakenForAFullDiskWhenTheFolderHasNoRoomLeft() throws IOException {
        // The system's words in another language: the free space left says it.
        AtomicInteger asked = new AtomicInteger();
        try (FakeDiskSpace fake = FakeDiskSpace.of(f -> f.startsWith(dir) && asked.getAndIncrement() > 0 ? 0 : 1L << 40)) {
            NoRoomException e = assertThrows(NoRoomException.class, () -> ModelFile.save(wide(), target, name -> {
                throw new IOException("Aucun espace disponible sur le p\u00e9riph\u00e9rique");
            }));
            assertTrue(e.getMessage().contains(" for the model (the disk filled during the save): "), e.getMessage());
            assertTrue(e.getMessage().contains(", 0.0 MiB free; " + target + " is unchanged; "), e.getMessage());
            rescued(e.getMessage(), tmp);
        }
        assertPreviousFileIntact();
    }

    @Test
    void anotherFailureIsNotTakenForAFullDisk() throws IOException {
        IOException other = new IOException("Input/output error");
        assertSame(other, assertThrows(IOException.class, () -> ModelFile.save(wide(), target, name -> {
            throw other;
        })));
        assertEquals(List.of(), names(tmp), "nothing rescued");
        assertPreviousFileIntact();
    }

    @Test
    void theHomeFolderTakesTheModelWhenTheTemporaryFolderIsFullToo() throws IOException {
        try (FakeDiskSpace fake = FakeDiskSpace.of(f -> f.startsWith(home) ? 1L << 40 : MIB)) {
            NoRoomException e = assertThrows(NoRoomException.class, () -> ModelFile.save(wide(), target));
            rescued(e.getMessage(), home);
        }
        assertEquals(List.of(), names(tmp));
        assertPreviousFileIntact();
    }

    @Test
    void withNoRoomAnywhereTheMessageSaysSo() throws IOException {
        try (FakeDiskSpace fake = FakeDiskSpace.everywhere(MIB)) {
            NoRoomException e = assertThrows(NoRoomException.class, () -> ModelFile.save(wide(), target));
            assertTrue(e.getMessage().endsWith(" is unchanged; it could not be saved elsewhere either (" + tmp
                    + " has 1.0 MiB free; " + home + " has 1.0 MiB free): free some space, then save again"),
                    e.getMessage());
        }
        assertEquals(List.of(), names(tmp));
        assertEquals(List.of(), names(home));
        assertPreviousFileIntact();
    }
}
