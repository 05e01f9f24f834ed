package dev.gated.translate;

import java.util.List;

/**
 * One source sentence with every reference translation the corpus gives for it (Tatoeba often has several
 * French sentences for one English one). Training uses each (source, reference) pair; scoring uses all
 * references at once.
 */
public record Example(String source, List<String> references) {

    public Example {
        if (source == null || source.isBlank()) {
            throw new IllegalArgumentException("example: the source sentence is empty");
        }
        if (references == null || references.isEmpty()) {
            throw new IllegalArgumentException("example \"" + source + "\": no reference translation");
        }
        references = List.copyOf(references);
    }

    /** The first reference: the training target when one is needed. */
    public String reference() {
        return references.get(0);
    }
}
