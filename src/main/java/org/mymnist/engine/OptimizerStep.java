package org.mymnist.engine;

import java.util.Objects;
import java.util.OptionalDouble;
import org.mymnist.backend.StepWorkspace;
import org.mymnist.optim.Optimizer;
import org.nd4j.linalg.api.memory.MemoryWorkspace;

/**
 * The optimizer's step folded into the gradient's product, in one of three ways. Plain gradient
 * descent ({@code w -= lr g}) writes the product straight into the parameters; a rule with a
 * velocity ({@code v = mu v + g, w -= lr v}, {@link Optimizer#velocityDecay()}) writes it into the
 * velocity, then adds it to the parameters; any other rule (Adam) gets the gradient in a matrix of
 * its own and takes the step through {@link Optimizer#update}.
 */
final class OptimizerStep {

    private final Optimizer optimizer;
    private final OptionalDouble decay;

    /**
     * The step of this optimizer.
     *
     * @param optimizer the update rule, the same at every step: its velocity lives in the engine's
     *     update matrices, its other state in itself
     */
    OptimizerStep(Optimizer optimizer) {
        this.optimizer = Objects.requireNonNull(optimizer, "optimizer");
        this.decay = optimizer.velocityDecay();
    }

    /** Whether the parameters need a matrix of their own for the update (all but plain gradient descent). */
    boolean needsUpdateMatrix() {
        return !(decay.isPresent() && decay.getAsDouble() == 0.0);
    }

    /** Whether the update matrix is a velocity, added to the parameters by an {@link Axpy}. */
    boolean hasVelocity() {
        return decay.isPresent() && needsUpdateMatrix();
    }

    /**
     * Runs the gradient's product {@code scale * gradient} and the optimizer's step on {@code p}.
     *
     * @param gradient the prepared product, writing into {@link ParameterMatrix#gradientTarget()}
     * @param p the parameters
     * @param scale the factor of the product (1 / rows for a mean, or 1 when already folded in)
     */
    void take(Gemm gradient, ParameterMatrix p, double scale) {
        if (p.update() == null) {
            // Plain gradient descent in the product: P = P - lr * scale * gradient.
            gradient.run(-optimizer.learningRate() * scale, 1.0);
        } else if (decay.isPresent()) {
            // v = mu v + g in the product itself, then P -= lr v.
            gradient.run(scale, decay.getAsDouble());
            p.velocityStep().run(-optimizer.learningRate());
        } else {
            gradient.run(scale, 0.0);
            // Another rule (Adam) through the optimizer itself; its temporaries in the step's workspace.
            try (MemoryWorkspace step = StepWorkspace.open(StepWorkspace.TRAINING)) {
                optimizer.update(p.all(), p.update());
            }
        }
    }
}
