package dev.gated.studio.data;

import dev.gated.studio.web.ApiException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/** The CSV files of this server run, by id. Each is written to {@code work/uploads/<id>/data.csv}. */
public final class DatasetStore {

    private final WorkFolder work;
    private final Map<String, StoredDataset> byId = new ConcurrentHashMap<>();
    private final AtomicInteger counter = new AtomicInteger();

    public DatasetStore(WorkFolder work) {
        this.work = work;
    }

    /** Stores bytes under a fresh id; {@code clientName} is only a label. */
    public StoredDataset add(String clientName, byte[] bytes) {
        String id = "d" + counter.incrementAndGet();
        Path file = work.folder("uploads", id).resolve("data.csv");
        try {
            Files.write(file, bytes);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot store the upload: " + e.getMessage(), e);
        }
        StoredDataset d = new StoredDataset(id, cleanName(clientName), file, bytes.length);
        byId.put(id, d);
        return d;
    }

    public StoredDataset get(String id) {
        StoredDataset d = byId.get(id);
        if (d == null) {
            throw ApiException.notFound("data set", id);
        }
        return d;
    }

    public List<StoredDataset> all() {
        List<StoredDataset> out = new ArrayList<>(byId.values());
        out.sort((a, b) -> Integer.compare(Integer.parseInt(a.id().substring(1)), Integer.parseInt(b.id().substring(1))));
        return out;
    }

    /**
     * A display name from what the client sent: the last path segment, letters, digits and {@code . _ - space}
     * only, at most 80 characters; "upload.csv" if nothing is left.
     */
    public static String cleanName(String raw) {
        if (raw == null) {
            return "upload.csv";
        }
        String s = raw.replace('\\', '/');
        s = s.substring(s.lastIndexOf('/') + 1);
        s = s.replaceAll("[^A-Za-z0-9._ -]", "_").strip();
        while (s.startsWith(".")) {
            s = s.substring(1);
        }
        if (s.length() > 80) {
            s = s.substring(0, 80);
        }
        return s.isEmpty() ? "upload.csv" : s;
    }
}
