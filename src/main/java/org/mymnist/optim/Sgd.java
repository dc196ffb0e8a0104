package org.mymnist.optim;

import java.util.OptionalDouble;
import org.nd4j.linalg.api.ndarray.INDArray;

/** Plain gradient descent, {@code w -= lr * g}: what the notebook does. */
public final class Sgd implements Optimizer {

    /** The name on the command line: {@value}. */
    public static final String NAME = "sgd";

    private double learningRate;

    /**
     * Gradient descent with the given step size.
     *
     * @param learningRate the learning rate, positive
     */
    public Sgd(double learningRate) {
        this.learningRate = Checks.positive(learningRate, "learning rate");
    }

    /** {@code w -= lr * g}. */
    @Override
    public void update(INDArray parameter, INDArray gradient) {
        parameter.subi(gradient.mul(learningRate));
    }

    @Override
    public double learningRate() {
        return learningRate;
    }

    @Override
    public void setLearningRate(double rate) {
        this.learningRate = Checks.positive(rate, "learning rate");
    }

    @Override
    public String name() {
        return NAME;
    }

    /** 0: no velocity, {@code w -= lr * g}. */
    @Override
    public OptionalDouble velocityDecay() {
        return OptionalDouble.of(0.0);
    }

    @Override
    public String toString() {
        return "Sgd(lr " + learningRate + ")";
    }
}
