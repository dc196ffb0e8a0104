package org.mymnist.optim;

import java.util.IdentityHashMap;
import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Gradient descent with momentum: a velocity {@code v = mu * v + g} remembers past gradients and
 * {@code w -= lr * v}, so steps build up along directions that stay consistent.
 */
public final class Momentum implements Optimizer {

    /** The name on the command line: {@value}. */
    public static final String NAME = "momentum";
    /** The usual momentum, {@value}. */
    public static final double DEFAULT_MOMENTUM = 0.9;

    private final double learningRate;
    private final double momentum;
    private final Map<INDArray, INDArray> velocities = new IdentityHashMap<>();

    /**
     * Momentum with the given settings.
     *
     * @param learningRate the learning rate, positive
     * @param momentum the fraction of the velocity kept at each step, in [0, 1)
     */
    public Momentum(double learningRate, double momentum) {
        this.learningRate = Checks.positive(learningRate, "learning rate");
        this.momentum = Checks.fraction(momentum, "momentum");
    }

    @Override
    public void update(INDArray parameter, INDArray gradient) {
        INDArray v = velocities.computeIfAbsent(parameter, p -> p.ulike().assign(0));
        v.muli(momentum).addi(gradient);
        parameter.subi(gradient.assign(v).muli(learningRate));
    }

    /** The momentum {@code mu}. */
    public double momentum() {
        return momentum;
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
        return "Momentum(lr " + learningRate + ", momentum " + momentum + ")";
    }
}
