package dev.gated.audio;

import java.io.IOException;
import java.nio.file.Path;

/** An audio file that cannot be read: the message starts with the file's path and says what was wrong. */
public final class AudioFileException extends IOException {

    private final Path file;

    public AudioFileException(Path file, String problem) {
        super(file + ": " + problem);
        this.file = file;
    }

    public Path file() {
        return file;
    }
}
