package org.mymnist.modelfile;

/**
 * One element of {@code model.json}'s {@code features} array: a stage before the dense layers.
 *
 * @param type {@code type}: {@code unflatten}, {@code convolution}, {@code activation},
 *     {@code max_pooling} or {@code flatten}
 * @param shape {@code shape}, the image shape {@code [channels, height, width]} of an unflatten, else null
 * @param activation {@code activation}, an activation's name, else null
 * @param size {@code size}, a pooling's window side, else 0
 * @param weight {@code weight}, a convolution's zip entry of {@code filters x channels x size x size}, else null
 * @param bias {@code bias}, a convolution's zip entry of {@code filters} values, else null
 */
record StageEntry(String type, int[] shape, String activation, int size, String weight, String bias) {
}
