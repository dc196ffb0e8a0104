package org.mymnist.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.mymnist.data.MnistData;
import org.mymnist.modelfile.ModelFile;
import org.mymnist.nn.Model;
import org.mymnist.training.History;
import org.mymnist.training.Recipe;
import org.mymnist.training.SeedLog;
import org.mymnist.training.Trainer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code my-mnist train}: trains a network and prints one line per epoch in the notebook's form. */
@Command(name = "train", mixinStandardHelpOptions = true,
        description = "Train a network on MNIST, printing the notebook's line after each epoch.")
final class TrainCommand implements Callable<Integer> {

    /** The recipes this command knows. */
    enum RecipeName { seed }

    @Option(names = "--recipe", paramLabel = "NAME", defaultValue = "seed",
            description = "Network and training recipe: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
    RecipeName recipe;

    @Option(names = "--epochs", paramLabel = "N", defaultValue = "50",
            description = "Number of epochs (default: ${DEFAULT-VALUE}).")
    int epochs;

    @Option(names = "--seed", paramLabel = "S", defaultValue = "2",
            description = "numpy seed for the initial weights (default: ${DEFAULT-VALUE}, as in the notebook).")
    long seed;

    @Mixin
    DataOption data;

    @Option(names = "--save", paramLabel = "FILE", description = "Save the trained model to FILE (zip).")
    Path save;

    @Option(names = "--history", paramLabel = "FILE",
            description = "Write the history as CSV: epoch,loss,accuracy,train_seconds,eval_seconds.")
    Path history;

    @Override
    public Integer call() throws IOException {
        if (epochs < 1) {
            throw new UsageException("--epochs must be at least 1, got " + epochs);
        }
        if (seed < 0 || seed > 0xFFFFFFFFL) {
            throw new UsageException("--seed must be between 0 and 4294967295, got " + seed);
        }
        MnistData mnist = MnistData.load(data.data);
        Model model = Recipe.seed(seed);
        Progress progress = Progress.onTerminal(System.err, epochs);
        PrintStream out = System.out;
        History result = new Trainer(model, mnist.trainImages(), mnist.trainOneHot(), mnist.testImages(),
                mnist.testOneHot())
                .epochs(epochs)
                .onEpoch(epoch -> {
                    progress.clear();
                    out.println(SeedLog.epochLine(epoch));
                    out.flush();
                    progress.show(epoch.epoch() + 1);
                })
                .run();
        progress.clear();
        if (save != null) {
            ModelFile.save(model, save);
            out.println("Model saved to " + save);
        }
        if (history != null) {
            result.writeCsv(history);
            out.println("History written to " + history);
        }
        return 0;
    }
}
