package org.mymnist.evaluation;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.mymnist.nn.Layer;
import org.mymnist.nn.Model;
import org.mymnist.nn.Softmax;
import org.mymnist.nn.SoftmaxCrossEntropy;
import org.mymnist.view.Language;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import tech.tablesaw.api.Table;

/** The per-digit table speaks the notebook's language; its numbers do not depend on it. */
class EvaluationTableTest {

    /** Eleven one-hot images read by an identity layer: each digit once, read right, and a 3 read as 5. */
    private static Evaluation evaluation() {
        INDArray identity = Nd4j.eye(10).castTo(DataType.DOUBLE);
        Model model = new Model(List.of(new Layer(identity, 0.1, new Softmax())), new SoftmaxCrossEntropy());
        INDArray images = Nd4j.vstack(identity, identity.getRow(5, true));
        int[] labels = {0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 3};
        return Evaluation.of(model, images, labels);
    }

    @Test
    void frenchHeaders() {
        Table table = evaluation().perDigitTable(Language.FRENCH);
        assertEquals("exactitude par chiffre", table.name());
        assertEquals(List.of("chiffre", "images", "justes", "exactitude %"), table.columnNames());
    }

    @Test
    void englishHeadersAreTheDefault() {
        Table table = evaluation().perDigitTable();
        assertEquals("accuracy per digit", table.name());
        assertEquals(List.of("digit", "images", "correct", "accuracy %"), table.columnNames());
        assertEquals(table.columnNames(), evaluation().perDigitTable(Language.ENGLISH).columnNames());
    }

    @Test
    void sameNumbersInEveryLanguage() {
        Table french = evaluation().perDigitTable(Language.FRENCH);
        Table english = evaluation().perDigitTable(Language.ENGLISH);
        for (int c = 0; c < 4; c++) {
            assertEquals(english.column(c).asList(), french.column(c).asList());
        }
        assertEquals(2, english.intColumn("images").get(3));
        assertEquals(1, english.intColumn("correct").get(3));
        assertEquals(50.0, english.doubleColumn("accuracy %").get(3));
        assertEquals(1, english.intColumn("images").get(5));
    }
}
