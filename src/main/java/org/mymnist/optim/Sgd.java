package org.mymnist.optim;

import org.nd4j.linalg.api.ndarray.INDArray;

/** Plain gradient descent, {@code w -= lr * g}: what the notebook does. */
public final class Sgd implements Optimizer {

    /** The name on the command line: {@value}. */
    public static final String NAME = "sgd";

    private final double learningRate;

    /**
     * Gradient descent with the given step size.
     *
     * @param learningRate the learning rate, positive
     */
    public Sgd(double learningRate) {
        this.learningRate = Checks.positive(learningRate, "learning rate");
    }

    @Override
    public void update(INDArray parameter, INDArray gradient) {
        parameter.subi(gradient.muli(learningRate));
    }

    @Override
    public double learningRate() {
        return learningRate;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String toString() {
        return "Sgd(lr " + learningRate + ")";
    }
}
