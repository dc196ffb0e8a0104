package org.mymnist.evaluation;

import org.mymnist.nn.Model;
import org.mymnist.training.SeedLog;
import org.mymnist.view.Language;
import org.nd4j.linalg.api.ndarray.INDArray;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.Table;

/**
 * How well a model reads a labelled set of digits: overall accuracy, accuracy per digit (the
 * notebook's last loop) and the confusion matrix, from one batched prediction.
 */
public final class Evaluation {

    /** Number of classes (digits 0 to 9). */
    public static final int CLASSES = 10;

    private final int[] labels;
    private final int[] predicted;
    private final int[][] confusion = new int[CLASSES][CLASSES];

    private Evaluation(int[] labels, int[] predicted) {
        this.labels = labels;
        this.predicted = predicted;
        for (int i = 0; i < labels.length; i++) {
            confusion[labels[i]][predicted[i]]++;
        }
    }

    /**
     * Predicts every image and compares with its label.
     *
     * @param model the model
     * @param images inputs, one row per image
     * @param labels the digit of each row, 0 to 9
     * @return the evaluation
     */
    public static Evaluation of(Model model, INDArray images, int[] labels) {
        if (images.rows() != labels.length) {
            throw new IllegalArgumentException(images.rows() + " images but " + labels.length + " labels");
        }
        for (int i = 0; i < labels.length; i++) {
            if (labels[i] < 0 || labels[i] >= CLASSES) {
                throw new IllegalArgumentException("label " + i + " is " + labels[i] + ", expected 0 to 9");
            }
        }
        return new Evaluation(labels.clone(), org.mymnist.engine.Predictions.classes(model, images));
    }

    /** Number of images evaluated. */
    public int size() {
        return labels.length;
    }

    /** The predicted digit of each image, in order. */
    public int[] predicted() {
        return predicted.clone();
    }

    /** Percent of images whose predicted digit is their label. */
    public double accuracy() {
        int good = 0;
        for (int d = 0; d < CLASSES; d++) {
            good += confusion[d][d];
        }
        return percent(good, labels.length);
    }

    /** For each digit, the percent of its images predicted right (NaN for a digit with no image). */
    public double[] perDigit() {
        double[] result = new double[CLASSES];
        for (int d = 0; d < CLASSES; d++) {
            result[d] = percent(confusion[d][d], count(d));
        }
        return result;
    }

    /** Number of images labelled with each digit. */
    public int[] counts() {
        int[] result = new int[CLASSES];
        for (int d = 0; d < CLASSES; d++) {
            result[d] = count(d);
        }
        return result;
    }

    /** {@code confusion()[t][p]} counts images of digit {@code t} predicted as {@code p}. */
    public int[][] confusion() {
        int[][] copy = new int[CLASSES][];
        for (int d = 0; d < CLASSES; d++) {
            copy[d] = confusion[d].clone();
        }
        return copy;
    }

    /**
     * The per-digit accuracies as a table, in English: columns {@code digit}, {@code images},
     * {@code correct} and {@code accuracy %} (rounded to 2 decimals as the notebook prints it).
     *
     * @return a new table with one row per digit
     */
    public Table perDigitTable() {
        return perDigitTable(Language.ENGLISH);
    }

    /**
     * The per-digit accuracies as a table whose title and column names are in a language (in
     * French: {@code chiffre}, {@code images}, {@code justes}, {@code exactitude %}), the accuracies
     * rounded to 2 decimals as the notebook prints them.
     *
     * @param language the language of the title and the column names
     * @return a new table with one row per digit
     */
    public Table perDigitTable(Language language) {
        int[] digits = new int[CLASSES];
        int[] correct = new int[CLASSES];
        double[] accuracy = perDigit();
        for (int d = 0; d < CLASSES; d++) {
            digits[d] = d;
            correct[d] = confusion[d][d];
            accuracy[d] = SeedLog.round(accuracy[d], 2);
        }
        return Table.create(language.text("per-digit.title"),
                IntColumn.create(language.text("per-digit.digit"), digits),
                IntColumn.create(language.text("per-digit.images"), counts()),
                IntColumn.create(language.text("per-digit.correct"), correct),
                DoubleColumn.create(language.text("per-digit.accuracy"), accuracy));
    }

    private int count(int digit) {
        int n = 0;
        for (int c : confusion[digit]) {
            n += c;
        }
        return n;
    }

    /** The notebook's {@code round(np.mean(...) * 100, 2)} before rounding: {@code good / n * 100}. */
    private static double percent(int good, int n) {
        return n == 0 ? Double.NaN : (double) good / n * 100;
    }
}
