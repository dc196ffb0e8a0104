package org.mymnist.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.mymnist.cli.MainTest.run;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mymnist.files.DiskSpace;
import org.mymnist.files.FakeDiskSpace;
import org.mymnist.modelfile.ModelFile;
import org.mymnist.training.Recipe;
import org.mymnist.training.TrainingConfig;
import org.nd4j.linalg.api.buffer.DataType;

/**
 * A full folder found before the work, on injected free space: {@code train --save}
 * refuses before training, naming the folder, the MiB needed and the MiB free,
 * and {@code fetch} likewise. {@code FullDiskTest} does the same on a real small disk.
 */
class FullFolderTest {

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

    private List<String> names() throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            return files.map(p -> dir.relativize(p).toString()).filter(n -> !n.isEmpty()).sorted().toList();
        }
    }

    @Test
    void trainRefusesAFolderWithoutRoomBeforeTraining() throws IOException {
        Path target = dir.resolve("m.zip");
        byte[] old = {1, 2, 3};
        Files.write(target, old);
        TrainingConfig config = Recipe.SEED.config().withHidden(20000).withDataType(DataType.DOUBLE);
        long needed = ModelFile.sizeBound(config.dataType(), config.parameterShapes(), 1);
        MainTest.Run run;
        try (FakeDiskSpace fake = FakeDiskSpace.in(dir, 20 * MIB)) {
            run = run("train", "--epochs", "1", "--hidden", "20000", "--dtype", "float64", "--data", data.toString(),
                    "--save", target.toString());
        }
        assertEquals("121.2 MiB", DiskSpace.mib(needed, true));
        assertEquals(2, run.code(), run.err());
        assertEquals("my-mnist: --save " + target + ": no room in " + dir + " for the model: 121.2 MiB needed,"
                + " 20.0 MiB free; free some space there or save elsewhere (see 'my-mnist train --help')\n", run.err());
        assertEquals("", run.out(), "no epoch was trained");
        // A network that cannot fit in memory is said first: it is the options' fault, whatever the disk.
        try (FakeDiskSpace fake = FakeDiskSpace.in(dir, 0)) {
            MainTest.assertUsageError(run("train", "--hidden", "100000,100000", "--data", data.toString(), "--save",
                    target.toString()), "--hidden: the network 784-100000-100000-10");
        }
        assertArrayEquals(old, Files.readAllBytes(target));
        assertEquals(List.of("m.zip"), names());
    }

    @Test
    void aFolderStillToBeCreatedIsMeasuredWhereItWillBeAndNotCreated() throws IOException {
        Path target = dir.resolve("new/sub/m.zip");
        MainTest.Run run;
        try (FakeDiskSpace fake = FakeDiskSpace.in(dir, 0)) {
            run = run("train", "--epochs", "1", "--data", data.toString(), "--save", target.toString());
        }
        MainTest.assertUsageError(run, "--save " + target + ": no room in " + dir.resolve("new/sub")
                + " for the model: 0.3 MiB needed, 0.0 MiB free");
        assertEquals(List.of(), names(), "no folder created");
    }

    @Test
    void fetchRefusesAFolderWithoutRoomBeforeAnyDownload() throws IOException {
        MainTest.Run run;
        try (FakeDiskSpace fake = FakeDiskSpace.in(dir, 2 * MIB)) {
            run = run("fetch", "--data", dir.toString());
        }
        assertEquals(1, run.code(), run.err());
        assertEquals("my-mnist: could not fetch the MNIST files into " + dir + ": no room in " + dir
                + " for train-images-idx3-ubyte, train-labels-idx1-ubyte, t10k-images-idx3-ubyte, t10k-labels-idx1-ubyte:"
                + " 52.5 MiB needed, 2.0 MiB free: free some space there, or fetch them into a folder with room"
                + " (my-mnist fetch --data DIR, or set MNIST_HOME)\n", run.err());
        assertEquals(List.of(), names());
        assertFalse(run.out().contains("ready"), run.out());
    }
}
