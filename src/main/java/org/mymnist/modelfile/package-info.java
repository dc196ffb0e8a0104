/**
 * Saving and loading a trained {@link org.mymnist.nn.Model} as a documented, numpy-readable file:
 * a zip archive holding {@code model.json} and one {@code .npy} array per weight matrix. See
 * {@link org.mymnist.modelfile.ModelFile} for the format and {@link org.mymnist.modelfile.Npy} for
 * the array encoding. No Java serialization is involved anywhere.
 */
package org.mymnist.modelfile;
