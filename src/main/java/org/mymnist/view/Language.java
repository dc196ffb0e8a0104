package org.mymnist.view;

/** The language of the words on a picture (titles, axis names, legends). French is the default. */
public enum Language {
    /** French, the language of the original notebook. */
    FRENCH,
    /** English. */
    ENGLISH;

    /** Picks the French or the English text. */
    String pick(String french, String english) {
        return this == FRENCH ? french : english;
    }
}
