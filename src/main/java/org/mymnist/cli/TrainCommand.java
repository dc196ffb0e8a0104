package org.mymnist.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.mymnist.data.MnistData;
import org.mymnist.modelfile.ModelFile;
import org.mymnist.nn.Initializer;
import org.mymnist.nn.Model;
import org.mymnist.training.Epoch;
import org.mymnist.training.History;
import org.mymnist.training.SeedLog;
import org.mymnist.training.Trainer;
import org.mymnist.training.TrainingConfig;
import org.nd4j.linalg.api.buffer.DataType;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code my-mnist train}: trains a network and prints one line per epoch: the notebook's line for
 * the seed recipe, or loss, accuracy and seconds for the modern one.
 */
@Command(name = "train", mixinStandardHelpOptions = true,
        description = "Train a network on MNIST, printing one line after each epoch.")
final class TrainCommand implements Callable<Integer> {

    /** The recipes this command knows. */
    enum RecipeName { seed, modern }

    @Option(names = "--recipe", paramLabel = "NAME", defaultValue = "seed",
            description = "Starting recipe: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}). "
                    + "seed is the notebook as written; modern applies every fix. Options below override it.")
    RecipeName recipe;

    @Option(names = "--epochs", paramLabel = "N",
            description = "Number of epochs (default: 50 for seed, 10 for modern).")
    Integer epochs;

    @Option(names = "--seed", paramLabel = "S",
            description = "Seed of the initial weights (numpy's) and of the shuffles (default: 2 for seed, as in the notebook; 1 for modern).")
    Long seed;

    @Mixin
    RecipeOptions options;

    @Mixin
    DataOption data;

    @Option(names = "--save", paramLabel = "FILE", description = "Save the trained model to FILE (zip).")
    Path save;

    @Option(names = "--history", paramLabel = "FILE",
            description = "Write the history as CSV: epoch,loss,accuracy,train_seconds,eval_seconds.")
    Path history;

    @Override
    public Integer call() throws IOException {
        int epochCount = epochs != null ? epochs : recipe == RecipeName.seed ? 50 : 10;
        if (epochCount < 1) {
            throw new UsageException("--epochs must be at least 1, got " + epochCount);
        }
        TrainingConfig config = options.config(recipe, seed);
        MnistData mnist = MnistData.load(data.data, config.dataType());
        Model model = config.newModel();
        Progress progress = Progress.onTerminal(System.err, epochCount);
        PrintStream out = System.out;
        if (recipe != RecipeName.seed) {
            out.println("Training " + config);
        }
        History result = new Trainer(model, mnist.trainImages(), mnist.trainOneHot(), mnist.testImages(),
                mnist.testOneHot())
                .config(config)
                .epochs(epochCount)
                .onEpoch(epoch -> {
                    progress.clear();
                    out.println(recipe == RecipeName.seed ? SeedLog.epochLine(epoch) : line(epoch));
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

    /** The modern recipe's line: epoch from 1, loss, test accuracy and seconds. */
    static String line(Epoch e) {
        return String.format(Locale.ROOT, "epoch %d  loss %.4f  accuracy %.2f %%  train %.3f s  eval %.3f s",
                e.epoch() + 1, e.loss(), e.accuracy(), e.trainSeconds(), e.evalSeconds());
    }

    /** The options that override a recipe, shared with {@code bench}. */
    static final class RecipeOptions {

        @Option(names = "--batch", paramLabel = "B",
                description = "Batch size: shuffled mini-batches of B for modern; for seed, the notebook's batch argument (input_data[::n/B]).")
        Integer batch;

        @Option(names = "--shuffle", negatable = true,
                description = "Shuffled mini-batches (default: on for modern, off for seed).")
        Boolean shuffle;

        @Option(names = "--loss", paramLabel = "NAME", description = "Loss: mse or cross-entropy.")
        String loss;

        @Option(names = "--bias", negatable = true, description = "Give every layer a bias (default: on for modern).")
        Boolean bias;

        @Option(names = "--init", paramLabel = "NAME",
                description = "Initial weights: normal, xavier or he (modern default: xavier for sigmoid, he for relu).")
        String init;

        @Option(names = "--activation", paramLabel = "NAME", description = "Hidden activation: sigmoid or relu.")
        String activation;

        @Option(names = "--hidden", paramLabel = "N,N", split = ",",
                description = "Hidden layer sizes, e.g. 32,16 or 256,128.")
        int[] hidden;

        @Option(names = "--optimizer", paramLabel = "NAME", description = "Optimizer: sgd, momentum or adam.")
        String optimizer;

        @Option(names = "--lr", paramLabel = "RATE", description = "Learning rate.")
        Double lr;

        @Option(names = "--dtype", paramLabel = "TYPE", description = "Number type: float32 or float64.")
        String dtype;

        /** The recipe's configuration with these options applied. */
        TrainingConfig config(RecipeName recipe, Long seed) {
            TrainingConfig c = recipe == RecipeName.seed ? TrainingConfig.seed() : TrainingConfig.modern();
            set("--seed", seed, c::seed);
            set("--batch", batch, c::batch);
            set("--shuffle", shuffle, c::shuffle);
            set("--loss", loss, c::loss);
            set("--bias", bias, c::bias);
            set("--init", init, name -> c.init(Initializer.named(name)));
            set("--activation", activation, name -> {
                if (!name.equals("sigmoid") && !name.equals("relu")) {
                    throw new IllegalArgumentException("unknown activation '" + name + "', expected sigmoid or relu");
                }
                c.activation(name);
            });
            set("--hidden", hidden, c::hidden);
            set("--optimizer", optimizer, c::optimizer);
            set("--lr", lr, c::learningRate);
            set("--dtype", dtype, name -> {
                switch (name) {
                    case "float32":
                        c.dataType(DataType.FLOAT);
                        break;
                    case "float64":
                        c.dataType(DataType.DOUBLE);
                        break;
                    default:
                        throw new IllegalArgumentException("unknown type '" + name + "', expected float32 or float64");
                }
            });
            return c;
        }

        /** Applies a value the user gave, if any; a value the configuration refuses is a usage error. */
        private static <T> void set(String option, T value, java.util.function.Consumer<T> setter) {
            if (value == null) {
                return;
            }
            try {
                setter.accept(value);
            } catch (IllegalArgumentException e) {
                throw new UsageException(option + ": " + e.getMessage());
            }
        }
    }
}
