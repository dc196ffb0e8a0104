package org.mymnist.training;

/**
 * A choice with a name on the command line and in model files ({@link #label()}), looked up by
 * that name with {@link #named}.
 */
public interface Labelled {

    /** The name on the command line, e.g. {@code relu} or {@code mean-gradient}. */
    String label();

    /**
     * The constant of {@code kind} with the given label.
     *
     * @param <E> the enum
     * @param kind the enum's class
     * @param what what the constants are, for the message, e.g. {@code activation}
     * @param label the label looked for
     * @return the constant
     * @throws IllegalArgumentException naming the label and every label there is, e.g.
     *     {@code unknown activation 'tanh': expected sigmoid, relu or identity}
     */
    static <E extends Enum<E> & Labelled> E named(Class<E> kind, String what, String label) {
        E[] all = kind.getEnumConstants();
        StringBuilder expected = new StringBuilder();
        for (int i = 0; i < all.length; i++) {
            if (all[i].label().equals(label)) {
                return all[i];
            }
            expected.append(i == 0 ? "" : i == all.length - 1 ? " or " : ", ").append(all[i].label());
        }
        throw new IllegalArgumentException("unknown " + what + " '" + label + "': expected " + expected);
    }
}
