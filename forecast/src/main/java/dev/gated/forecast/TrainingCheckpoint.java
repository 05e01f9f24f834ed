package dev.gated.forecast;

import dev.gated.layer.recurrent.RecurrentKind;
import dev.gated.model.Checkpoint;
import dev.gated.model.Sequential;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.Objects;

/**
 * Checkpoints of {@code gated train --checkpoint-every N}, and {@code --resume} from them. A checkpoint is the
 * whole model file (weights, optimizer state, epochs completed) saved atomically every N epochs, stamped with
 * what it was trained on, so that a resume with other data or options is refused instead of silently mixing
 * two trainings:
 * <pre>
 *   checkpoint.model          lstm | gru | rnn
 *   checkpoint.hp.*           the hyper-parameters, but epochs and patience (a resume may train longer)
 *   checkpoint.data.*         the data settings (target, columns, split, scaler …)
 *   checkpoint.data_sha256    the CSV file's SHA-256
 * </pre>
 * Resuming is bit-identical to an uninterrupted run: shuffling and dropout are seeded per epoch and batch.
 *
 * @param file  the checkpoint file
 * @param every save every this many epochs (and after the last); 0 = only read, for a resume without new checkpoints
 * @param stamp what the training is, as checkpoint.* metadata
 */
public record TrainingCheckpoint(Path file, int every, Map<String, String> stamp) {

    static final String PREFIX = "checkpoint.";

    public TrainingCheckpoint {
        Objects.requireNonNull(file, "file");
        if (every < 0) {
            throw new IllegalArgumentException("--checkpoint-every must be >= 1, got " + every);
        }
        stamp = Map.copyOf(stamp);
    }

    /** The checkpoint of a model saved to {@code out}: {@code out} + ".checkpoint", beside it. */
    public static Path fileFor(Path out) {
        return out.resolveSibling(out.getFileName() + ".checkpoint");
    }

    /** The stamp of a training of {@code kind} with {@code hp} on {@code csv} read with {@code spec}. */
    public static Map<String, String> stamp(RecurrentKind kind, HyperParameters hp, DataSpec spec, Path csv)
            throws IOException {
        Map<String, String> m = new java.util.TreeMap<>();
        m.put(PREFIX + "model", kind.id());
        Map<String, String> h = new java.util.LinkedHashMap<>(hp.toMap());
        h.remove("epochs");
        h.remove("patience");
        MetadataKeys.putAll(m, PREFIX + "hp.", h);
        MetadataKeys.putAll(m, PREFIX + "data.", spec.toMap());
        m.put(PREFIX + "data_sha256", sha256(csv));
        return m;
    }

    /** Marks the model as belonging to this training, so its checkpoints can be recognised. */
    void stampInto(Sequential model) {
        model.metadata().putAll(stamp);
    }

    /** The listener that saves the checkpoints, or null when {@code every} is 0. */
    Checkpoint listener() {
        return every > 0 ? new Checkpoint(file, every) : null;
    }

    /**
     * Loads the checkpoint to resume from; refuses one written for other data or options, naming the first
     * difference.
     */
    public Sequential load() throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException("--resume: there is no checkpoint " + file + " to resume from; "
                    + "start the training with --checkpoint-every N (without --resume)");
        }
        Sequential model = Sequential.load(file);
        Map<String, String> saved = MetadataKeys.withPrefix(model.metadata(), PREFIX);
        for (Map.Entry<String, String> e : stamp.entrySet()) {
            String key = e.getKey().substring(PREFIX.length());
            String was = saved.get(key);
            if (!e.getValue().equals(was)) {
                throw new IllegalArgumentException("--resume: the checkpoint " + file + " was written by a "
                        + "different training (" + key + " was " + (was == null ? "not set" : "\"" + was + "\"")
                        + ", now \"" + e.getValue() + "\"); resume with the same data and options, or start over "
                        + "without --resume");
            }
        }
        return model;
    }

    /** Removes the checkpoint.* stamp from a finished model's metadata, before it is saved as the result. */
    public static void unstamp(Sequential model) {
        model.metadata().keySet().removeIf(k -> k.startsWith(PREFIX));
    }

    private static String sha256(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            MessageDigest d = MessageDigest.getInstance("SHA-256");
            byte[] buffer = new byte[1 << 16];
            for (int n; (n = in.read(buffer)) > 0; ) {
                d.update(buffer, 0, n);
            }
            return HexFormat.of().formatHex(d.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("this Java has no SHA-256", e);
        }
    }
}
