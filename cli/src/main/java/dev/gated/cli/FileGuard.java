package dev.gated.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Objects;

/**
 * Checks the files named on the command line before any work starts, so that a run fails in its first
 * millisecond with one line naming the option and the file, rather than after training or with a stack trace:
 * <pre>
 *   input  (--data, --model)  exists, is a regular file (not a folder, device or pipe such as /dev/zero),
 *                              is readable, and (unless streamed, as CSV data is) fits the memory this JVM may use
 *   output (--out, --plot)    is not an input (same file, also through a link), is a regular file when it exists
 *                              (never a device or folder), and its folder is writable
 * </pre>
 * Problems are {@link IllegalArgumentException}s (exit 1) whose message starts with the option and the path.
 */
final class FileGuard {

    /**
     * An input read whole (text, a model, a tensor) may use at most this share of the heap as raw bytes; CSV data is
     * streamed instead (see {@link #streamedInput}).
     */
    private static final int HEAP_SHARE_OF_INPUT = 16;

    private FileGuard() {
    }

    /** Checks an input file given with {@code option}, read whole, so its size is checked too; returns it. */
    static Path input(Path file, String option) {
        return input(file, option, true);
    }

    /**
     * Checks an input file given with {@code option} that its reader streams: its size does not matter (a CSV's
     * reader checks the memory of the columns it keeps as it reads, see TimeSeriesCsvReader; a long recording is
     * read in chunks). Returns it.
     */
    static Path streamedInput(Path file, String option) {
        return input(file, option, false);
    }

    private static Path input(Path file, String option, boolean readWhole) {
        Objects.requireNonNull(file, option);
        String name = option + " " + file;
        if (!Files.exists(file)) {
            throw new IllegalArgumentException(name + ": file not found (working directory: "
                    + Path.of("").toAbsolutePath() + ")");
        }
        if (Files.isDirectory(file)) {
            throw new IllegalArgumentException(name + ": is a folder; " + option + " needs a file");
        }
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException(name + ": is not a regular file (a device, pipe or socket); "
                    + option + " needs a file that can be read to its end");
        }
        if (!Files.isReadable(file)) {
            throw new IllegalArgumentException(name + ": permission denied (cannot read it)");
        }
        if (!readWhole) {
            return file;
        }
        long size = size(file, name);
        long limit = Runtime.getRuntime().maxMemory() / HEAP_SHARE_OF_INPUT;
        if (size > limit) {
            throw new IllegalArgumentException(name + ": is " + bytes(size) + ", more than this Java heap of "
                    + bytes(Runtime.getRuntime().maxMemory()) + " can read (at most " + bytes(limit)
                    + "); give Java more memory (GATED_JAVA_OPTS=-Xmx16g) or use a shorter file");
        }
        return file;
    }

    /**
     * Checks an output file given with {@code option} against the inputs of the same run (null entries are
     * skipped); returns it.
     */
    static Path output(Path file, String option, Path... inputs) {
        if (file == null) {
            return null;
        }
        String name = option + " " + file;
        for (Path in : inputs) {
            if (in != null && sameFile(file, in)) {
                throw new IllegalArgumentException(name + ": is the same file as the input " + in
                        + "; choose another output file, the input is never overwritten");
            }
        }
        if (Files.isDirectory(file)) {
            throw new IllegalArgumentException(name + ": is a folder; " + option + " needs a file name (inside it, "
                    + "or anywhere else)");
        }
        if (Files.exists(file, LinkOption.NOFOLLOW_LINKS) && !Files.isRegularFile(file)) {
            throw new IllegalArgumentException(name + ": exists and is not a regular file (a device, pipe, socket "
                    + "or dangling link); " + option + " only writes or replaces regular files");
        }
        if (Files.exists(file) && !Files.isWritable(file)) {
            throw new IllegalArgumentException(name + ": permission denied (the file is read-only)");
        }
        Path folder = existingFolder(file);
        if (!Files.isDirectory(folder)) {
            throw new IllegalArgumentException(name + ": cannot create its folder, " + folder + " is not a folder");
        }
        if (!Files.isWritable(folder)) {
            throw new IllegalArgumentException(name + ": permission denied (cannot write in " + folder + ")");
        }
        return file;
    }

    /**
     * Checks a folder that {@code option} writes files into: a folder or nothing yet (it is created), never a file
     * or device, and writable. Returns it.
     */
    static Path outputFolder(Path folder, String option) {
        if (folder == null) {
            return null;
        }
        String name = option + " " + folder;
        if (Files.exists(folder) && !Files.isDirectory(folder)) {
            throw new IllegalArgumentException(name + ": exists and is not a folder; " + option + " names a folder "
                    + "to write files into");
        }
        Path existing = Files.isDirectory(folder) ? folder.toAbsolutePath() : existingFolder(folder);
        if (!Files.isDirectory(existing)) {
            throw new IllegalArgumentException(name + ": cannot create it, " + existing + " is not a folder");
        }
        if (!Files.isWritable(existing)) {
            throw new IllegalArgumentException(name + ": permission denied (cannot write in " + existing + ")");
        }
        return folder;
    }

    /** Checks that no two outputs of one run are the same file. */
    static void distinct(Path a, String optionA, Path b, String optionB) {
        if (a != null && b != null && a.toAbsolutePath().normalize().equals(b.toAbsolutePath().normalize())) {
            throw new IllegalArgumentException(optionA + " and " + optionB + " are the same file, " + a
                    + "; give them different names");
        }
    }

    /** Same file by identity when both exist (links, hard links, "./x" vs "x"), else by normalized path. */
    static boolean sameFile(Path a, Path b) {
        try {
            if (Files.exists(a) && Files.exists(b)) {
                return Files.isSameFile(a, b);
            }
        } catch (IOException e) {
            // fall through to the path comparison
        }
        return a.toAbsolutePath().normalize().equals(b.toAbsolutePath().normalize());
    }

    /** The nearest folder above {@code file} that exists (where a missing folder chain would be created). */
    private static Path existingFolder(Path file) {
        Path p = file.toAbsolutePath().normalize().getParent();
        while (p != null && !Files.exists(p)) {
            p = p.getParent();
        }
        return p == null ? Path.of("").toAbsolutePath() : p;
    }

    private static long size(Path file, String name) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            throw new IllegalArgumentException(name + ": cannot read its size: " + e.getMessage(), e);
        }
    }

    /** 1.5 GB, 12.0 MB, 512 bytes. */
    static String bytes(long n) {
        if (n >= 1L << 30) {
            return String.format(Locale.ROOT, "%.1f GB", n / (double) (1L << 30));
        }
        if (n >= 1L << 20) {
            return String.format(Locale.ROOT, "%.1f MB", n / (double) (1L << 20));
        }
        return n + " bytes";
    }
}
