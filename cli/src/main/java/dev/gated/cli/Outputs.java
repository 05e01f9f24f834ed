package dev.gated.cli;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The output files of one run, published last: each is first written to a hidden sibling temporary
 * ({@code .<name>.<hex>.tmp}), and only when the whole run has succeeded are they renamed over their targets.
 * A run that fails half-way (a plot that cannot be drawn after training) leaves every existing output as it was.
 * {@link #close()} deletes the temporaries of a run that did not publish; temporaries of ours that a killed run
 * left behind more than {@link #STALE} ago are swept when a later run writes next to them.
 *
 * <p>Errors name the option and the target, never the hidden temporary.
 */
final class Outputs implements AutoCloseable {

    /** Temporaries older than this are leftovers of a killed run (no run writes one for so long). */
    static final Duration STALE = Duration.ofHours(1);

    /** Writes one output file. */
    interface Writer {
        void write(Path file) throws IOException;
    }

    private record Pending(String option, Path target, Path temp) {
    }

    private final Map<Path, Pending> pending = new LinkedHashMap<>();

    /** Writes {@code target} (given with {@code option}) to its temporary now; it is renamed by {@link #publish}. */
    void write(String option, Path target, Writer writer) throws IOException {
        Path absolute = target.toAbsolutePath().normalize();
        Path folder = absolute.getParent();
        try {
            Files.createDirectories(folder);
        } catch (IOException e) {
            throw new IOException(option + " " + target + ": cannot create its folder " + folder + ": "
                    + Failures.describe(e), e);
        }
        sweepStale(folder, absolute.getFileName().toString());
        Path temp = folder.resolve("." + absolute.getFileName() + "." + Long.toHexString(System.nanoTime()) + ".tmp");
        pending.put(absolute, new Pending(option, target, temp));
        try {
            writer.write(temp);
        } catch (IOException | RuntimeException e) {
            throw new IOException(option + " " + target + ": cannot write it: " + Failures.describe(e)
                    .replace(temp.toString(), target.toString()), e);
        }
    }

    /** Renames every written output over its target (atomically where the file system allows). */
    void publish() throws IOException {
        for (Pending p : pending.values()) {
            Path to = p.target().toAbsolutePath();
            try {
                try {
                    Files.move(p.temp(), to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                } catch (AtomicMoveNotSupportedException e) {
                    Files.move(p.temp(), to, StandardCopyOption.REPLACE_EXISTING);
                }
            } catch (IOException e) {
                throw new IOException(p.option() + " " + p.target() + ": cannot replace it: " + Failures.describe(e), e);
            }
        }
        pending.clear();
    }

    /** Deletes the temporaries of outputs that were not published. */
    @Override
    public void close() {
        for (Pending p : pending.values()) {
            try {
                Files.deleteIfExists(p.temp());
            } catch (IOException ignored) {
                // best effort: a later run sweeps it once it is stale
            }
        }
        pending.clear();
    }

    /**
     * Deletes {@code .<name>.*.tmp} (and the model writer's own {@code ..<name>.*.tmp.*.tmp}) in {@code folder}
     * that were last modified more than {@link #STALE} ago: only our own naming pattern, only for this name.
     *
     * @return the number deleted
     */
    static int sweepStale(Path folder, String name) {
        Pattern ours = Pattern.compile("\\.+" + Pattern.quote(name) + "\\.[0-9a-f]+\\.tmp(\\.[0-9a-f]+\\.tmp)?");
        Instant before = Instant.now().minus(STALE);
        List<Path> stale = new ArrayList<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(folder, "." + "*" + ".tmp")) {
            for (Path p : entries) {
                if (ours.matcher(p.getFileName().toString()).matches() && Files.isRegularFile(p)
                        && Files.getLastModifiedTime(p).compareTo(FileTime.from(before)) < 0) {
                    stale.add(p);
                }
            }
        } catch (IOException e) {
            return 0; // an unreadable folder fails later, where the message can name the output
        }
        int deleted = 0;
        for (Path p : stale) {
            try {
                deleted += Files.deleteIfExists(p) ? 1 : 0;
            } catch (IOException ignored) {
                // someone else's file after all, or already gone
            }
        }
        return deleted;
    }
}
