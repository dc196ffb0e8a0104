/**
 * The library's words. {@link org.mymnist.messages.Messages}: every sentence the library shows
 * (charts, tables, the drawing pad, the exercises' verdicts and hints), one UTF-8 bundle per
 * language, {@code messages_fr.properties} and {@code messages_en.properties}, so that a sentence is
 * reworded, or a language added, without touching Java (see {@code docs/languages.md}).
 * {@link org.mymnist.messages.OneLineMessage}: how the library's and the command line's error
 * messages are shown, one line, long quoted values cut, so that a 10 MB string in a damaged file or
 * a long value typed by the user cannot flood a terminal or a notebook cell.
 */
package org.mymnist.messages;
