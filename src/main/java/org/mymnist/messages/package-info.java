/**
 * How the library's and the command line's error messages are shown: one line, long quoted values
 * cut, so that a 10 MB string in a damaged file or a long value typed by the user cannot flood a
 * terminal or a notebook cell.
 */
package org.mymnist.messages;
