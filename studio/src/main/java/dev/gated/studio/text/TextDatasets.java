package dev.gated.studio.text;

import dev.gated.studio.data.DatasetStore;
import dev.gated.studio.data.WorkFolder;
import dev.gated.studio.web.ApiException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/** The labelled-text files of this server run, by id ({@code t1}, {@code t2} …), in {@code work/texts/<id>/}. */
public final class TextDatasets {

    private static final byte[] BOM = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};

    private final WorkFolder work;
    private final Map<String, TextDataset> byId = new ConcurrentHashMap<>();
    private final AtomicInteger counter = new AtomicInteger();

    public TextDatasets(WorkFolder work) {
        this.work = work;
    }

    /**
     * Stores an upload as {@code data.<ext>} with the extension of {@code clientName} (.csv, .tsv, .tab or .txt;
     * anything else is refused before it is stored). A UTF-8 byte-order mark is dropped, so a header's first name
     * reads as written.
     */
    public TextDataset add(String clientName, byte[] bytes) {
        String name = DatasetStore.cleanName(clientName == null ? "upload.txt" : clientName);
        TextProfile.format(name); // refuses an unknown extension in the page's words
        String ext = name.substring(name.lastIndexOf('.') + 1).toLowerCase(Locale.ROOT);
        byte[] body = startsWithBom(bytes) ? Arrays.copyOfRange(bytes, BOM.length, bytes.length) : bytes;
        String id = "t" + counter.incrementAndGet();
        Path file = work.folder("texts", id).resolve("data." + ext).toAbsolutePath();
        try {
            Files.write(file, body);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot store the upload: " + e.getMessage(), e);
        }
        TextDataset d = new TextDataset(id, name, file, body.length);
        byId.put(id, d);
        return d;
    }

    public TextDataset get(String id) {
        TextDataset d = byId.get(id);
        if (d == null) {
            throw ApiException.notFound("text file", id);
        }
        return d;
    }

    /** Forgets a file and deletes its bytes (an upload the first read refused). */
    public void remove(String id) {
        TextDataset d = byId.remove(id);
        if (d != null) {
            try {
                Files.deleteIfExists(d.file());
            } catch (IOException ignored) {
                // the work folder goes when the studio stops
            }
        }
    }

    private static boolean startsWithBom(byte[] b) {
        return b.length >= 3 && b[0] == BOM[0] && b[1] == BOM[1] && b[2] == BOM[2];
    }
}
