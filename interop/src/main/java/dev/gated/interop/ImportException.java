package dev.gated.interop;

import java.io.IOException;

/**
 * A model file from another framework that cannot be brought in: the message names the file, the part of it
 * (tensor, layer, JSON path) and what was expected against what was found.
 */
public class ImportException extends IOException {

    private static final long serialVersionUID = 1L;

    public ImportException(String message) {
        super(message);
    }

    public ImportException(String message, Throwable cause) {
        super(message, cause);
    }
}
