package org.mymnist.modelfile;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import org.mymnist.data.Fuzz;
import org.mymnist.data.Mutation;

/**
 * Fuzzing the model reader: the file {@link ModelFile#save} writes for a tiny model, with its
 * bytes mutated, or one entry's content mutated and the archive rewritten with right CRCs (so
 * that the JSON and NPY readers see the damage), or entries removed, renamed or emptied; 1000
 * tries in all from fixed seeds (a load takes about 4 ms here, so that the unit tests stay short). Every load succeeds or throws a {@link ModelFileException} with a
 * one-line message and no class name, and allocates less than {@link Fuzz#MAX_ALLOCATED}.
 */
class ModelFileFuzzTest {

    private static Path folder;
    private static byte[] saved;
    private static Map<String, byte[]> entries;

    @BeforeContainer
    static void aSavedModel() throws IOException {
        folder = Files.createTempDirectory("model-fuzz");
        Path file = folder.resolve("base.zip");
        ModelFile.save(Archives.smallModel(), file);
        saved = Files.readAllBytes(file);
        entries = Archives.entries(file);
        Files.delete(file);
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

    @Provide
    Arbitrary<String> entryName() {
        return Arbitraries.of(new ArrayList<>(entries.keySet()));
    }

    private static final java.util.concurrent.atomic.AtomicInteger TRY = new java.util.concurrent.atomic.AtomicInteger();

    /** A new file name for each try: the JDK caches an open zip archive by file and modification time. */
    private static Path next(String prefix) {
        return folder.resolve(prefix + TRY.incrementAndGet() + ".zip");
    }

    private static void load(Path file, String what) throws IOException {
        Fuzz.check(() -> ModelFile.load(file), ModelFileException.class, what);
        Files.delete(file);
    }

    @Property(tries = 300, seed = "20261211")
    void bytesOfTheArchive(@ForAll("mutations") List<Mutation> mutations) throws IOException {
        Path file = Files.write(next("bytes"), Mutation.applyAll(mutations, saved));
        load(file, "archive bytes " + mutations);
    }

    @Property(tries = 500, seed = "20261212")
    void contentOfOneEntry(@ForAll("entryName") String name, @ForAll("mutations") List<Mutation> mutations)
            throws IOException {
        Map<String, byte[]> edited = new LinkedHashMap<>(entries);
        edited.put(name, Mutation.applyAll(mutations, entries.get(name)));
        Path file = next("entry");
        Archives.write(file, edited);
        load(file, name + " " + mutations);
    }

    @Property(tries = 200, seed = "20261213")
    void entriesRemovedRenamedOrEmptied(@ForAll("entryName") String name, @ForAll @IntRange(min = 0, max = 3) int edit)
            throws IOException {
        Map<String, byte[]> edited = new LinkedHashMap<>(entries);
        byte[] content = edited.remove(name);
        switch (edit) {
            case 0:
                break; // removed
            case 1:
                edited.put(name + ".old", content);
                break;
            case 2:
                edited.put(name, new byte[0]);
                break;
            default:
                edited.put(name, content);
                edited.put("layers/", new byte[0]);
                edited.put(name.replace("0", "9"), content);
                break;
        }
        Path file = next("edit");
        Archives.write(file, edited);
        load(file, name + " edit " + edit);
    }
}
