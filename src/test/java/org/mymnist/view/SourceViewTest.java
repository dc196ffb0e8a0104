package org.mymnist.view;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.mymnist.backend.NativeBackend;
import org.mymnist.nn.Activation;
import org.mymnist.nn.Layer;
import org.mymnist.nn.Model;
import org.mymnist.nn.Sigmoid;

class SourceViewTest {

    @Test
    void theJarPacksTheSourcesWhereNoJavaCompilerLooksForThem() throws Exception {
        // The build copies src/main/java into META-INF/sources/: a notebook run far from any checkout
        // (a class's server) shows the code from there. Beside the classes, JShell would compile them.
        ClassLoader loader = SourceView.class.getClassLoader();
        try (var packed = loader.getResourceAsStream(SourceView.PACKED_SOURCES + "org/mymnist/nn/Sigmoid.java")) {
            assertTrue(packed != null, "META-INF/sources/org/mymnist/nn/Sigmoid.java is not on the classpath");
            assertEquals(java.nio.file.Files.readString(java.nio.file.Path.of("src/main/java/org/mymnist/nn/Sigmoid.java")),
                    new String(packed.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8));
        }
        assertEquals(null, loader.getResource("org/mymnist/nn/Sigmoid.java"), "a source beside the classes");
    }

    @Test
    void readsTheWholeClass() {
        String source = SourceView.of(Sigmoid.class);
        assertTrue(source.startsWith("package org.mymnist.nn;"), source);
        assertTrue(source.contains("public final class Sigmoid implements Activation"));
        String declaration = SourceView.declaration(Sigmoid.class);
        assertTrue(declaration.startsWith("/**"), declaration);
        assertFalse(declaration.contains("import "));
        assertTrue(declaration.contains("return Transforms.exp(x.neg()).addi(1.0).rdivi(1.0);"), declaration);
        assertTrue(declaration.endsWith("}"));
    }

    @Test
    void extractsAMethodWithItsCommentAndNothingAfterIt() {
        String learn = SourceView.member(Layer.class, "learn");
        assertTrue(learn.startsWith("/**"), learn);
        assertTrue(learn.contains("public INDArray learn(INDArray e_2, boolean needError) {"), learn);
        assertTrue(learn.contains("INDArray e1 = e_2.div(outputN).muli(activation.derivative(predictedOutput_));"), learn);
        assertTrue(learn.contains("weight.subi(dw1.transpose().muli(lr));"), learn);
        assertTrue(learn.endsWith("}"), learn);
        assertFalse(learn.contains("public LayerGradient gradient("), "stops at the end of learn");
        assertFalse(learn.startsWith(" "), "de-indented");
    }

    @Test
    void extractsEveryOverloadAndNoMethodWhoseNameOnlyStartsTheSame() {
        String predict = SourceView.member(Model.class, "predict");
        assertTrue(predict.contains("public INDArray predict(INDArray inputData) {"), predict);
        assertTrue(predict.contains("public double[] predict(double[] example) {"), predict);
        assertFalse(predict.contains("predictLoss("), predict);
        String accuracy = SourceView.member(Model.class, "computeAccuracy");
        assertFalse(accuracy.contains("computeAccuracyOneByOne"), accuracy);
    }

    @Test
    void extractsAConstructorAnAbstractAndADefaultMethod() {
        String constructors = SourceView.member(Layer.class, "Layer");
        assertTrue(constructors.contains("public Layer(INDArray weight, double lr, Activation activation) {"));
        assertTrue(constructors.contains("NumpyRandomState random) {"));
        String derivative = SourceView.member(Activation.class, "derivative");
        assertTrue(derivative.endsWith("INDArray derivative(INDArray x);"), derivative);
        String backward = SourceView.member(Activation.class, "backward");
        assertTrue(backward.contains("default INDArray backward(INDArray y, INDArray dz) {"), backward);
        assertTrue(backward.endsWith("}"), backward);
        String backpropagation = SourceView.member(Model.class, "backpropagation");
        assertEquals(1, backpropagation.split("public double backpropagation", -1).length - 1);
        assertTrue(backpropagation.contains("losses.add(learnOn(bInputData, bTargetOutput));"), backpropagation);
        assertTrue(backpropagation.contains("loss.add(mean);"));
    }

    @Test
    void methodsThatReturnANestedRecordAndTheRecordItself() {
        String predictLoss = SourceView.member(Model.class, "predictLoss");
        assertTrue(predictLoss.contains("public Prediction predictLoss(INDArray inputData, INDArray targetOutput) {"),
                predictLoss);
        assertTrue(predictLoss.endsWith("}"), predictLoss);
        assertFalse(predictLoss.contains("record Prediction"), "stops before the record: " + predictLoss);
        String gradients = SourceView.member(Model.class, "gradients");
        assertTrue(gradients.contains("public Gradients gradients(INDArray inputData, INDArray targetOutput) {"),
                gradients);
        assertFalse(gradients.contains("record Gradients"), gradients);
        assertFalse(gradients.contains("learnMeanGradient"), gradients);

        String record = SourceView.member(Model.class, "Prediction");
        assertTrue(record.startsWith("/**"), record);
        assertTrue(record.contains("public record Prediction(INDArray output, double loss) {"), record);
        assertTrue(record.endsWith("}"), record);
        assertFalse(record.contains("predictLoss("), record);
        assertEquals(record, SourceView.declaration(Model.Prediction.class));
        assertTrue(SourceView.markdown(Model.Gradients.class)
                .startsWith("`org/mymnist/nn/Model.java — Gradients`"));
        String threads = SourceView.declaration(NativeBackend.Threads.class);
        assertTrue(threads.contains("class Threads implements AutoCloseable {"), threads);
        assertTrue(threads.endsWith("}"), threads);
        assertFalse(threads.contains("public final class NativeBackend"), threads);
    }

    @Test
    void markdownIsAJavaCodeBlock() {
        String md = SourceView.markdown(Layer.class, "calculate");
        assertTrue(md.startsWith("`org/mymnist/nn/Layer.java — calculate`"), md);
        assertTrue(md.contains("```java\n"));
        assertTrue(md.endsWith("```\n"));
        assertTrue(SourceView.markdown(Sigmoid.class).startsWith("`org/mymnist/nn/Sigmoid.java`"));
        assertEquals("Layer declares nothing named nothing",
                assertThrows(IllegalArgumentException.class, () -> SourceView.member(Layer.class, "nothing")).getMessage());
    }
}
