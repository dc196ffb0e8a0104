package org.mymnist.training;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.mymnist.backend.NativeBackend;
import org.mymnist.data.MnistData;
import org.mymnist.nn.Initializer;
import org.mymnist.nn.Model;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;

class TrainingConfigTest {

    @Test
    void seedConfigBuildsTheNotebooksModel() {
        Model fromConfig = TrainingConfig.seed().newModel();
        Model seed = Recipe.seed(2);
        assertTrue(TrainingConfig.seed().notebookRule());
        for (int i = 0; i < 3; i++) {
            assertEquals(seed.layers().get(i).weight(), fromConfig.layers().get(i).weight());
            assertFalse(fromConfig.layers().get(i).hasBias());
        }
        assertEquals(seed.toString(), fromConfig.toString());
    }

    @Test
    void modernDefaultsAndOverrides() {
        TrainingConfig c = TrainingConfig.modern();
        assertFalse(c.notebookRule());
        assertEquals(Initializer.XAVIER, c.init());
        assertEquals(Initializer.HE, c.activation("relu").init());
        assertEquals(Initializer.NORMAL, c.init(Initializer.NORMAL).init());
        Model model = TrainingConfig.modern().hidden(256, 128).newModel();
        assertEquals(DataType.FLOAT, model.layers().get(0).weight().dataType());
        assertEquals(256, model.layers().get(0).outputN);
        assertTrue(model.layers().get(2).hasBias());
        // Xavier: standard deviation sqrt(2 / (784 + 256)) = 0.0439
        assertEquals(0.0439, model.layers().get(0).weight().stdNumber().doubleValue(), 0.001);
    }

    @Test
    void modernRecipeLearnsMnistInOneEpoch() throws Exception {
        MnistData mnist = MnistData.load(null, DataType.FLOAT);
        TrainingConfig config = TrainingConfig.modern();
        int blasThreads = Nd4j.factory().blas().getMaxThreads();
        int openMpThreads = NativeBackend.openMpThreads(1);
        NativeBackend.openMpThreads(openMpThreads);
        Model model = config.newModel();
        History h = new Trainer(model, mnist.trainImages(), mnist.trainOneHot(), mnist.testImages(),
                mnist.testOneHot()).config(config).epochs(1).run();
        assertTrue(h.last().accuracy() > 90, "accuracy " + h.last().accuracy());
        assertEquals(1, model.loss().size());
        // Training with small batches runs on one thread, then gives the threads back.
        assertEquals(blasThreads, Nd4j.factory().blas().getMaxThreads());
        assertEquals(openMpThreads, NativeBackend.openMpThreads(openMpThreads));
    }
}
