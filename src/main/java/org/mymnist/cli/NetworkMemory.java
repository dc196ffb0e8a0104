package org.mymnist.cli;

import java.util.ArrayList;
import java.util.List;
import org.mymnist.backend.MemoryBudget;
import org.mymnist.data.MnistData;
import org.mymnist.training.OptimizerKind;
import org.mymnist.training.TrainingConfig;

/**
 * About how much memory training a configuration takes, to refuse a network that cannot fit
 * before it is built ({@code --hidden 1000000} used to end, after a while, in an
 * {@link OutOfMemoryError}). Counted: the data set's arrays, the weights, their gradients and the
 * optimizer's state (momentum one copy, Adam two), and three arrays per layer for the rows of one
 * step (the whole training set with no batch, as the seed does) or of the test set, whichever is
 * larger; on the heap, the largest layer's initial weights as drawn in Java and flattened.
 */
final class NetworkMemory {

    private NetworkMemory() {
    }

    /**
     * Why training {@code config} on the data cannot fit, or null.
     *
     * @param config the configuration
     * @param inputs values per image (784)
     * @param trainSize training images
     * @param testSize test images
     * @return one line with both numbers, or null
     */
    static String shortfall(TrainingConfig config, int inputs, int trainSize, int testSize) {
        List<Integer> sizes = new ArrayList<>();
        sizes.add(inputs);
        sizes.addAll(config.hidden());
        sizes.add(MnistData.CLASSES);
        long width = config.dataType().width();
        long parameters = 0;
        long outputs = 0;
        long largestLayer = 0;
        for (int i = 1; i < sizes.size(); i++) {
            long layer = (long) sizes.get(i - 1) * sizes.get(i);
            parameters += layer + (config.bias() ? sizes.get(i) : 0);
            outputs += sizes.get(i);
            largestLayer = Math.max(largestLayer, layer);
        }
        int slots = config.optimizer() == OptimizerKind.ADAM ? 2 : config.optimizer() == OptimizerKind.MOMENTUM ? 1 : 0;
        long rows = Math.max(config.batch() == null ? trainSize : Math.min(config.batch(), trainSize), testSize);
        long data = ((long) trainSize + testSize) * (inputs + MnistData.CLASSES) * width;
        long network = parameters * width * (2 + slots) + 3 * rows * outputs * width;
        long heap = 2 * largestLayer * Double.BYTES + (long) trainSize * inputs; // drawn, then flattened
        StringBuilder shape = new StringBuilder();
        for (int size : sizes) {
            shape.append(shape.length() == 0 ? "" : "-").append(size);
        }
        return MemoryBudget.shortfall("the network " + shape + " (" + String.format(java.util.Locale.ROOT, "%,d",
                parameters) + " weights) with the data set", heap, data + network);
    }
}
