package org.mymnist.optim;

import java.util.IdentityHashMap;
import java.util.Map;
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
        INDArray v = velocity(parameter);
        v.muli(momentum).addi(gradient);
        Nd4j.getBlasWrapper().level1().axpy(v.length(), -learningRate, v, parameter);
    }

    /**
     * The velocity of a parameter matrix, created at zero on first use. A trainer may update it
     * itself ({@code v = mu * v + g}, for example as the {@code beta} of the product that computes
     * {@code g}) and then apply {@code w -= lr * v}.
     *
     * @param parameter the parameter matrix
     * @return its live velocity, same shape, C order
     */
    public INDArray velocity(INDArray parameter) {
        return velocities.computeIfAbsent(parameter, p -> Nd4j.zeros(p.dataType(), p.shape()));
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
