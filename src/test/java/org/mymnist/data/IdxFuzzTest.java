package org.mymnist.data;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * Fuzzing the IDX reader: valid tiny files (labels, images; raw and gzip) with one to four byte
 * flips, sets, cuts, insertions or 32-bit overwrites, 2000 tries in all (400 a variant) from fixed seeds. Every
 * read succeeds or throws an {@link IdxFormatException} (or an {@link IOException}) with a
 * one-line message and no class name, and allocates less than {@link Fuzz#MAX_ALLOCATED}.
 */
class IdxFuzzTest {

    private static Path folder;

    @BeforeContainer
    static void folder() throws IOException {
        folder = Files.createTempDirectory("idx-fuzz");
    }

    @AfterContainer
    static void clean() throws IOException {
        try (var files = Files.list(folder)) {
            for (Path f : files.toList()) {
                Files.delete(f);
            }
        }
        Files.delete(folder);
    }

    @Provide
    Arbitrary<List<Mutation>> mutations() {
        return Mutation.some();
    }

    private static void read(String name, byte[] bytes, int rank, List<Mutation> mutations) throws IOException {
        Path file = Files.write(folder.resolve(name), Mutation.applyAll(mutations, bytes));
        Fuzz.check(() -> IdxFile.read(file, rank), IdxFormatException.class, name + " " + mutations);
        Fuzz.check(() -> IdxFile.readDimensions(file, rank), IdxFormatException.class, name + " " + mutations);
    }

    @Property(tries = 400, seed = "20261201")
    void rawLabels(@ForAll("mutations") List<Mutation> mutations) throws IOException {
        read("labels", IdxFixtures.labels(1, 2, 3, 4, 5, 6, 7, 8, 9, 0), 1, mutations);
    }

    @Property(tries = 400, seed = "20261202")
    void rawImages(@ForAll("mutations") List<Mutation> mutations) throws IOException {
        read("images", IdxFixtures.counting(3, 4, 4), 3, mutations);
    }

    @Property(tries = 400, seed = "20261203")
    void gzipLabels(@ForAll("mutations") List<Mutation> mutations) throws IOException {
        read("labels.gz", IdxFixtures.gzip(IdxFixtures.labels(1, 2, 3, 4, 5, 6, 7, 8, 9, 0)), 1, mutations);
    }

    @Property(tries = 400, seed = "20261204")
    void gzipImages(@ForAll("mutations") List<Mutation> mutations) throws IOException {
        read("images.gz", IdxFixtures.gzip(IdxFixtures.counting(3, 4, 4)), 3, mutations);
    }

    /** The bytes are mutated before compression: a valid gzip stream of a wrong IDX file. */
    @Property(tries = 400, seed = "20261205")
    void gzipOfMutatedImages(@ForAll("mutations") List<Mutation> mutations) throws IOException {
        Path file = Files.write(folder.resolve("inner.gz"),
                IdxFixtures.gzip(Mutation.applyAll(mutations, IdxFixtures.counting(3, 4, 4))));
        Fuzz.check(() -> IdxFile.read(file, 3), IdxFormatException.class, "inner.gz " + mutations);
    }
}
