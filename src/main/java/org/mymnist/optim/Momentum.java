package org.mymnist.optim;

import java.util.IdentityHashMap;
import java.util.Map;
import java.util.OptionalDouble;
import org.mymnist.backend.StepWorkspace;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Gradient descent with momentum: a velocity {@code v = mu * v + g} remembers past gradients and
 * {@code w -= lr * v}, so steps build up along directions that stay consistent.
 */
public final class Momentum implements Optimizer {

    /** The name on the command line: {@value}. */
    public static final String NAME = "momentum";
    /** The usual momentum, {@value}. */
    public static final double DEFAULT_MOMENTUM = 0.9;

    private double learningRate;
    private final double momentum;
    /** Each parameter's velocity, made at zero on its first update (outside the step's workspace: it lasts). */
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

    /** {@code v = mu * v + g}, then {@code w -= lr * v}. */
    @Override
    public void update(INDArray parameter, INDArray gradient) {
        INDArray v = velocities.computeIfAbsent(parameter,
                p -> StepWorkspace.outside(() -> Nd4j.zeros(p.dataType(), p.shape())));
        v.muli(momentum).addi(gradient);
        parameter.subi(v.mul(learningRate));
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
    public void setLearningRate(double rate) {
        this.learningRate = Checks.positive(rate, "learning rate");
    }

    @Override
    public String name() {
        return NAME;
    }

    /** {@code mu}. */
    @Override
    public OptionalDouble velocityDecay() {
        return OptionalDouble.of(momentum);
    }

    @Override
    public String toString() {
        return "Momentum(lr " + learningRate + ", momentum " + momentum + ")";
    }
}
