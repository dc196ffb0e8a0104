package org.mymnist.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;
import org.mymnist.nn.Activation;
import org.mymnist.nn.Identity;
import org.mymnist.nn.KernelFreeSigmoid;
import org.mymnist.nn.Loss;
import org.mymnist.nn.MeanSquaredError;
import org.mymnist.nn.Relu;
import org.mymnist.nn.Sigmoid;
import org.mymnist.nn.Softmax;
import org.mymnist.nn.SoftmaxCrossEntropy;
import org.nd4j.linalg.api.ndarray.INDArray;

/** The engines know the library's own activations and losses by their class, never by their name. */
class KernelTest {

    @Test
    void eachOfTheLibrarysActivationsAndLossesHasItsKernel() {
        assertEquals(Kernel.SIGMOID, Kernel.of(new Sigmoid()));
        assertEquals(Kernel.RELU, Kernel.of(new Relu()));
        assertEquals(Kernel.IDENTITY, Kernel.of(new Identity()));
        assertEquals(Kernel.SOFTMAX, Kernel.of(new Softmax()));
        assertEquals(Kernel.MEAN_SQUARED_ERROR, Kernel.of(new MeanSquaredError()));
        assertEquals(Kernel.CROSS_ENTROPY, Kernel.of(new SoftmaxCrossEntropy()));
    }

    @Test
    void aStudentsOwnFunctionHasNoneEvenUnderTheLibrarysName() {
        assertNull(Kernel.of(new KernelFreeSigmoid()));
        Activation namedSigmoid = new Activation() {
            public INDArray apply(INDArray x) {
                return x.dup();
            }

            public INDArray derivative(INDArray x) {
                return x.ulike().assign(1.0);
            }

            public String name() {
                return Sigmoid.NAME;
            }
        };
        assertNull(Kernel.of(namedSigmoid));
        Loss namedMse = new Loss() {
            public double value(INDArray predicted, INDArray target) {
                return 0;
            }

            public INDArray derivative(INDArray predicted, INDArray target) {
                return predicted.ulike();
            }

            public long count(INDArray predicted) {
                return predicted.length();
            }

            public String name() {
                return MeanSquaredError.NAME;
            }
        };
        assertNull(Kernel.of(namedMse));
    }
}
