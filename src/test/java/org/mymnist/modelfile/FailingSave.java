package org.mymnist.modelfile;

import java.io.IOException;
import java.nio.file.Path;
import org.mymnist.nn.Model;

/** A save that does something of the test's once its first entry is written, for tests outside this package. */
public final class FailingSave {

    /** What to do in the middle of the save. */
    @FunctionalInterface
    public interface Action {
        /**
         * Runs once {@code model.json} is written, before the weights.
         *
         * @throws IOException to fail the save
         */
        void run() throws IOException;
    }

    private FailingSave() {
    }

    /**
     * {@link ModelFile#save}, running {@code action} once {@code model.json} is written: fill the
     * disk, or throw.
     *
     * @param model the model
     * @param file where to save it
     * @param action what to do then
     * @throws IOException as {@link ModelFile#save} does
     */
    public static void save(Model model, Path file, Action action) throws IOException {
        ModelFile.save(model, file, name -> {
            if (name.equals(ModelFile.MODEL_JSON)) {
                action.run();
            }
        });
    }
}
