package org.mymnist.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.mymnist.backend.NativeBackend;
import org.mymnist.data.MnistData;
import org.mymnist.nn.Model;
import org.mymnist.training.Epoch;
import org.mymnist.training.History;
import org.mymnist.training.Recipe;
import org.mymnist.training.Trainer;
import org.mymnist.training.TrainingConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code my-mnist bench}: how fast a recipe trains and predicts here, how much memory it takes,
 * and which ND4J backend and BLAS do the work.
 */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Measure training and inference speed (samples per second), peak memory, backend and BLAS.")
final class BenchCommand implements Callable<Integer> {

    @Option(names = "--recipe", paramLabel = "NAME", defaultValue = "modern",
            converter = TrainCommand.RecipeConverter.class,
            description = "Recipe: seed, modern or cnn (default: ${DEFAULT-VALUE}); options below override it.")
    Recipe recipe;

    @Option(names = "--epochs", paramLabel = "N", defaultValue = "3",
            description = "Training epochs to time (default: ${DEFAULT-VALUE}); the first is reported apart as warm-up.")
    int epochs;

    @Option(names = "--repeats", paramLabel = "N", defaultValue = "5",
            description = "Times the test set is predicted to time inference (default: ${DEFAULT-VALUE}).")
    int repeats;

    @Option(names = "--seed", paramLabel = "S", description = "Seed (default: the recipe's).")
    Long seed;

    @Mixin
    TrainCommand.RecipeOptions options;

    @Mixin
    DataOption data;

    /** The most times inference may be repeated. */
    static final int MAX_REPEATS = 10_000;

    @Override
    public Integer call() throws IOException {
        TrainCommand.checkRange("--epochs", epochs, 1, TrainCommand.MAX_EPOCHS, "");
        TrainCommand.checkRange("--repeats", repeats, 1, MAX_REPEATS, "");
        TrainingConfig config = options.config(recipe, seed);
        MnistData mnist = MnistData.load(data.data, config.dataType());
        options.checkFits(config, mnist);
        PrintStream out = System.out;
        out.println("backend   " + NativeBackend.backendName());
        out.println("blas      " + NativeBackend.blasName());
        out.println("recipe    " + config);
        Model model = config.newModel();
        History history = new Trainer(model, config, mnist.trainImages(), mnist.trainOneHot(), mnist.testImages(),
                mnist.testOneHot()).epochs(epochs).run();
        int n = mnist.trainSize();
        for (Epoch e : history.epochs()) {
            out.println(String.format(Locale.ROOT,
                    "train     epoch %d: %.3f s, %.0f samples/s, loss %.4f, test accuracy %.2f %%%s",
                    e.epoch() + 1, e.trainSeconds(), n / e.trainSeconds(), e.loss(), e.accuracy(),
                    e.epoch() == 0 && epochs > 1 ? " (warm-up)" : ""));
        }
        double[] train = history.epochs().stream().skip(epochs > 1 ? 1 : 0).mapToDouble(Epoch::trainSeconds)
                .sorted().toArray();
        double median = train[train.length / 2];
        out.println(String.format(Locale.ROOT, "training  median %.3f s/epoch, %.0f samples/s", median, n / median));
        int m = mnist.testSize();
        double[] infer = new double[repeats];
        for (int r = 0; r < repeats; r++) {
            long t0 = System.nanoTime();
            org.mymnist.engine.Predictions.classes(model, mnist.testImages());
            infer[r] = (System.nanoTime() - t0) / 1e9;
        }
        java.util.Arrays.sort(infer);
        double inferMedian = infer[repeats / 2];
        out.println(String.format(Locale.ROOT, "inference median %.4f s for %d images, %.0f samples/s",
                inferMedian, m, m / inferMedian));
        long peak = NativeBackend.peakResidentBytes();
        out.println("memory    peak resident " + (peak < 0 ? "unknown" : (peak >> 20) + " MiB")
                + ", Java heap max " + (Runtime.getRuntime().maxMemory() >> 20) + " MiB");
        return 0;
    }
}
