package dev.gated.cli;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;

/**
 * One run at a time per output file: a second {@code gated train --out m.gated} started while the first is
 * still training refuses at once, naming the file and the process that holds it, instead of the last writer
 * silently winning.
 * <pre>
 *   lock file   .&lt;name&gt;.lock beside the output, holding "pid &lt;n&gt;"
 *   acquired    FileChannel.tryLock (an OS lock: a killed process releases it, even on kill -9)
 *   released    when the command ends (and by a shutdown hook on Ctrl-C): the lock file is deleted
 * </pre>
 * A lock file left by a killed run holds no lock: the next run takes it over and deletes it at its end. The lock
 * is taken on the file the path names at that moment; after locking, the identity (inode) of the file the path
 * names proves that no other run deleted and re-created it in between (else the lock is taken again).
 */
final class OutputLock {

    private static final List<OutputLock> HELD = new ArrayList<>();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(OutputLock::releaseAll, "gated-output-locks"));
    }

    private final Path file;
    private final FileChannel channel;
    private final FileLock lock;

    private OutputLock(Path file, FileChannel channel, FileLock lock) {
        this.file = file;
        this.channel = channel;
        this.lock = lock;
    }

    /** The lock file of {@code out}: {@code .<name>.lock} in the same folder. */
    static Path fileFor(Path out) {
        Path absolute = out.toAbsolutePath().normalize();
        return absolute.resolveSibling("." + absolute.getFileName() + ".lock");
    }

    /**
     * Locks {@code out} (given with {@code option}) for this process until {@link #releaseAll()}, or throws an
     * {@link IllegalStateException} naming the file and the process that holds it.
     */
    static synchronized void acquire(Path out, String option) throws IOException {
        Path file = fileFor(out);
        Files.createDirectories(file.getParent());
        for (int attempt = 0; attempt < 5; attempt++) {
            Object before = key(file);
            if (before == null) {
                try {
                    Files.createFile(file);
                } catch (FileAlreadyExistsException e) {
                    // another run created it first: lock that one
                }
                continue;
            }
            FileChannel channel;
            try {
                channel = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE);
            } catch (NoSuchFileException e) {
                continue; // deleted by the run that held it, just now
            }
            FileLock lock;
            try {
                lock = channel.tryLock();
            } catch (OverlappingFileLockException e) {
                lock = null; // held by this very process (another command run in the same JVM)
            }
            if (lock == null) {
                String holder = holder(channel);
                channel.close();
                throw new IllegalStateException(option + " " + out + ": another gated run (" + holder + ") is "
                        + "writing it now; wait for it to end or choose another " + option + " (lock file " + file
                        + ")");
            }
            if (!before.equals(key(file))) {   // deleted and re-created meanwhile: the lock is on an orphan
                lock.release();
                channel.close();
                continue;
            }
            channel.truncate(0);
            channel.write(ByteBuffer.wrap(("pid " + ProcessHandle.current().pid()).getBytes(StandardCharsets.UTF_8)), 0);
            channel.force(false);
            HELD.add(new OutputLock(file, channel, lock));
            return;
        }
        throw new IllegalStateException(option + " " + out + ": cannot lock it (" + file + " keeps changing); is "
                + "another gated run starting on it?");
    }

    /** Releases every lock of this process and deletes its lock files. */
    static synchronized void releaseAll() {
        for (OutputLock l : HELD) {
            try {
                Files.deleteIfExists(l.file); // deleted while still locked, so no run can lock the old file after
                l.lock.release();
                l.channel.close();
            } catch (IOException ignored) {
                // the process is ending: the OS releases the lock anyway
            }
        }
        HELD.clear();
    }

    /** "process 1234", from the lock file's content, or "another process" when it cannot be read. */
    private static String holder(FileChannel channel) {
        try {
            ByteBuffer b = ByteBuffer.allocate(256);
            channel.read(b, 0);
            String text = new String(b.array(), 0, b.position(), StandardCharsets.UTF_8);
            if (text.startsWith("pid ")) {
                String pid = text.substring(4).split(" ")[0];
                return "process " + pid + (pid.equals(Long.toString(ProcessHandle.current().pid())) ? ", this one" : "");
            }
        } catch (IOException ignored) {
            // fall through
        }
        return "another process";
    }

    /**
     * The identity (device and inode) of the file the path names now, or null when there is none. A stat, never an
     * open: closing any descriptor of a locked file would release this process's lock on it (POSIX).
     */
    private static Object key(Path file) {
        try {
            return Files.readAttributes(file, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS).fileKey();
        } catch (IOException e) {
            return null;
        }
    }
}
