package org.cytotrial.analytics;

import java.util.Arrays;

/** A growable array of primitive doubles: a million values cost 8 MB, not 24 MB of boxes. */
final class DoubleList {

    private double[] values = new double[64];
    private int size;

    void add(double value) {
        if (size == values.length) {
            values = Arrays.copyOf(values, size * 2);
        }
        values[size++] = value;
    }

    int size() {
        return size;
    }

    double[] toArray() {
        return Arrays.copyOf(values, size);
    }
}
