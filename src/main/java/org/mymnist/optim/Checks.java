package org.mymnist.optim;

/** Argument checks shared by the optimizers. */
final class Checks {

    private Checks() {
    }

    static double positive(double value, String what) {
        if (!(value > 0) || Double.isInfinite(value)) {
            throw new IllegalArgumentException(what + " must be a positive number, got " + value);
        }
        return value;
    }

    static double fraction(double value, String what) {
        if (!(value >= 0 && value < 1)) {
            throw new IllegalArgumentException(what + " must be in [0, 1), got " + value);
        }
        return value;
    }
}
