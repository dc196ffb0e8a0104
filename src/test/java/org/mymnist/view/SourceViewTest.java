package org.mymnist.view;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.mymnist.nn.Activation;
import org.mymnist.nn.Layer;
import org.mymnist.nn.Model;
import org.mymnist.nn.Sigmoid;

class SourceViewTest {

    @Test
    void readsTheWholeClass() {
        String source = SourceView.of(Sigmoid.class);
        assertTrue(source.startsWith("package org.mymnist.nn;"), source);
        assertTrue(source.contains("public final class Sigmoid implements Activation"));
        String declaration = SourceView.declaration(Sigmoid.class);
        assertTrue(declaration.startsWith("/**"), declaration);
        assertFalse(declaration.contains("import "));
        assertTrue(declaration.endsWith("}"));
    }

    @Test
    void extractsEveryOverloadOfAMethodWithItsComment() {
        String predict = SourceView.member(Model.class, "predict");
        assertTrue(predict.startsWith("/**"), predict);
        assertTrue(predict.contains("public INDArray predict(INDArray inputData) {"), predict);
        assertTrue(predict.contains("public double[] predict(double[] example) {"), predict);
        assertTrue(predict.endsWith("}"), predict);
        assertFalse(predict.contains("predictLoss("), "a member of another name is left out");
        assertFalse(predict.startsWith(" "), "de-indented");
        String learn = SourceView.member(Layer.class, "learn");
        assertTrue(learn.startsWith("/**"), learn);
        assertTrue(learn.contains("public INDArray learn(INDArray e_2, boolean needError) {"), learn);
        assertTrue(learn.contains("weight.subi("), learn);
        assertTrue(learn.endsWith("}"), learn);
        assertFalse(learn.contains("public LayerGradient gradient("), "stops at the end of learn");
    }

    @Test
    void extractsAConstructorAndAnAbstractMethod() {
        String constructors = SourceView.member(Layer.class, "Layer");
        assertTrue(constructors.contains("public Layer(INDArray weight, double lr, Activation activation) {"));
        assertTrue(constructors.contains("public Layer(INDArray weight, INDArray bias, double lr, Activation activation) {"));
        assertTrue(constructors.contains("NumpyRandomState random) {"));
        String apply = SourceView.member(Activation.class, "apply");
        assertTrue(apply.startsWith("/**"), apply);
        assertTrue(apply.endsWith("INDArray apply(INDArray x);"), "an abstract method ends at its semicolon: " + apply);
        String backward = SourceView.member(Activation.class, "backward");
        assertTrue(backward.contains("default INDArray backward(INDArray y, INDArray dz) {"), backward);
        assertTrue(backward.endsWith("}"), "a default method comes whole: " + backward);
        String backpropagation = SourceView.member(Model.class, "backpropagation");
        assertEquals(1, backpropagation.split("public double backpropagation", -1).length - 1);
        assertTrue(backpropagation.contains("loss.add(mean);"));
    }

    @Test
    void markdownIsAJavaCodeBlock() {
        String md = SourceView.markdown(Layer.class, "calculate");
        assertTrue(md.startsWith("`org/mymnist/nn/Layer.java — calculate`"), md);
        assertTrue(md.contains("```java\n"));
        assertTrue(md.endsWith("```\n"));
        assertThrows(IllegalArgumentException.class, () -> SourceView.member(Layer.class, "nothing"));
    }
}
