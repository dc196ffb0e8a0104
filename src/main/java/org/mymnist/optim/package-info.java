/**
 * Optimizers: the rules that turn a parameter's gradient into a step ({@link
 * org.mymnist.optim.Sgd}, {@link org.mymnist.optim.Momentum}, {@link org.mymnist.optim.Adam}).
 */
package org.mymnist.optim;
