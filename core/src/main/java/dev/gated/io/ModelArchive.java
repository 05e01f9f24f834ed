package dev.gated.io;

import java.io.Closeable;
import java.io.EOFException;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Enumeration;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.zip.CRC32;
import java.util.zip.CheckedInputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;

/**
 * The ZIP container of a model file, read defensively and tied together by a digest.
 *
 * <p>Reading ({@link #open}) refuses, before inflating anything: two entries with the same name (a ZIP reader
 * would silently pick one), an entry whose declared size exceeds what this heap can hold or what deflate can
 * produce from its compressed bytes ({@value #MAX_DEFLATE_RATIO}:1 at most), and archives whose entries add up
 * beyond the heap. {@link #read} then inflates at most the declared size and checks the CRC-32, so a lying
 * header costs nothing. Every error is a {@link ModelFileException} naming the file.
 *
 * <p>Writing through {@link Writer} records {@value #DIGEST}: the SHA-256 of every other entry, so entries
 * spliced in from another file (same architecture, other weights) are refused on read:
 * <pre>
 *   digest = SHA-256( for each entry but digest.sha256, by name: name ‖ 0x00 ‖ SHA-256(entry bytes) )
 *   digest.sha256 holds "sha256:" + 64 lowercase hex digits
 * </pre>
 * Files written before the digest existed have no such entry and load as before.
 */
public final class ModelArchive implements Closeable {

    /** The entry holding the digest of all other entries. */
    /** The entries of a model file. */
    public static final String PROPERTIES = "model.properties";
    public static final String WEIGHTS = "weights.bin";
    public static final String OPTIMIZER = "optimizer.bin";
    public static final String STREAM_STATE = "stream_state.bin";
    public static final String DIGEST = "digest.sha256";
    /** The model.properties key that announces the digest, so that removing the digest entry is noticed. */
    public static final String DIGEST_KEY = "archive.digest";
    /** The most bytes deflate can make of one compressed byte is about 1032; allow a margin. */
    static final long MAX_DEFLATE_RATIO = 1100;
    private static final String PREFIX = "sha256:";

    private final Path file;
    private final ZipFile zip;
    private final Map<String, ZipEntry> entries;
    private final Map<String, byte[]> cache = new LinkedHashMap<>();

    private ModelArchive(Path file, ZipFile zip, Map<String, ZipEntry> entries) {
        this.file = file;
        this.zip = zip;
        this.entries = entries;
    }

    /** The most one archive may inflate in total: a quarter of the heap (the model needs the rest). */
    static long maxTotalBytes() {
        return Math.min(Runtime.getRuntime().maxMemory() / 4, Integer.MAX_VALUE - 64L);
    }

    /** Opens and vets the archive's directory; nothing is inflated yet. */
    public static ModelArchive open(Path file) throws IOException {
        ZipFile zip;
        try {
            zip = new ZipFile(file.toFile());
        } catch (IOException e) {
            throw new ModelFileException(file, "is truncated or corrupted (" + e.getMessage()
                    + ") — it is not a complete Gated model file", e);
        }
        try {
            return new ModelArchive(file, zip, vet(file, zip));
        } catch (IOException | RuntimeException e) {
            zip.close();
            throw e;
        }
    }

    private static Map<String, ZipEntry> vet(Path file, ZipFile zip) throws ModelFileException {
        Map<String, ZipEntry> entries = new LinkedHashMap<>();
        long total = 0;
        Enumeration<? extends ZipEntry> all = zip.entries();
        while (all.hasMoreElements()) {
            ZipEntry e = all.nextElement();
            if (entries.put(e.getName(), e) != null) {
                throw new ModelFileException(file, "is corrupted or tampered with: it holds two entries named "
                        + e.getName() + " (a ZIP reader would use one and ignore the other)");
            }
            long size = e.getSize();
            long compressed = e.getCompressedSize();
            if (size < 0 || compressed < 0) {
                throw new ModelFileException(file, "is corrupted: entry " + e.getName() + " does not declare its size");
            }
            if (e.getMethod() == ZipEntry.DEFLATED && size > compressed * MAX_DEFLATE_RATIO + 1024) {
                throw new ModelFileException(file, "is corrupted or tampered with: entry " + e.getName()
                        + " claims to inflate " + size + " bytes from " + compressed
                        + ", more than deflate can produce");
            }
            total += size;
        }
        if (total > maxTotalBytes()) {
            throw new ModelFileException(file, "declares " + total + " bytes of entries, more than this Java heap ("
                    + Runtime.getRuntime().maxMemory() + " bytes) can load; if it is genuine, give Java more memory "
                    + "(-Xmx)");
        }
        return entries;
    }

    /** Whether the archive has an entry of that name. */
    public boolean has(String name) {
        return entries.containsKey(name);
    }

    /** The declared (uncompressed) size of an entry, or -1 when there is none. */
    public long size(String name) {
        ZipEntry e = entries.get(name);
        return e == null ? -1 : e.getSize();
    }

    /**
     * An entry's bytes, or null when there is none: inflated up to its declared size, which must be exact,
     * and checked against its CRC-32 (ZipFile itself checks neither).
     */
    public byte[] read(String name) throws ModelFileException {
        ZipEntry entry = entries.get(name);
        if (entry == null) {
            return null;
        }
        byte[] cached = cache.get(name);
        if (cached != null) {
            return cached;
        }
        CRC32 crc = new CRC32();
        byte[] data;
        int extra;
        try (InputStream in = new CheckedInputStream(zip.getInputStream(entry), crc)) {
            data = in.readNBytes((int) entry.getSize());
            extra = in.read();
        } catch (IOException e) {
            throw new ModelFileException(file, "is corrupted: " + name + " cannot be decompressed ("
                    + (e instanceof EOFException ? "it ends early" : e.getMessage()) + ")", e);
        }
        if (data.length != entry.getSize() || extra != -1) {
            throw new ModelFileException(file, "is corrupted: " + name + " holds " + (extra != -1 ? "more" : "fewer")
                    + " bytes than the " + entry.getSize() + " its header declares");
        }
        if (crc.getValue() != entry.getCrc()) {
            throw new ModelFileException(file, "is corrupted: " + name + " fails its checksum (CRC-32 "
                    + Long.toHexString(crc.getValue()) + ", expected " + Long.toHexString(entry.getCrc()) + ")");
        }
        cache.put(name, data);
        return data;
    }

    /** Whether the archive carries a digest (files written before it existed do not). */
    public boolean hasDigest() {
        return has(DIGEST);
    }

    /**
     * Checks the recorded digest against every other entry; a file without a digest passes unless
     * {@code required} (its properties announce one): files written before the digest existed load as before.
     *
     * @throws ModelFileException if an entry was changed, added, removed or spliced in from another file
     */
    public void verifyDigest(boolean required) throws ModelFileException {
        byte[] recorded = read(DIGEST);
        if (recorded == null) {
            if (required) {
                throw new ModelFileException(file, "is corrupted or tampered with: its " + PROPERTIES
                        + " announces " + DIGEST + " but the entry is missing");
            }
            return;
        }
        Map<String, byte[]> others = new TreeMap<>();
        for (String name : entries.keySet()) {
            if (!name.equals(DIGEST)) {
                others.put(name, read(name));
            }
        }
        String expected = new String(recorded, StandardCharsets.US_ASCII).trim();
        String actual = format(digest(others));
        if (!actual.equals(expected)) {
            throw new ModelFileException(file, "is corrupted or tampered with: its entries do not match the digest "
                    + "recorded when it was saved (recorded " + abbreviate(expected) + ", computed "
                    + abbreviate(actual) + "); entries were edited, or copied from another model file");
        }
    }

    @Override
    public void close() throws IOException {
        zip.close();
    }

    static String format(byte[] digest) {
        return PREFIX + HexFormat.of().formatHex(digest);
    }

    private static String abbreviate(String digest) {
        return digest.length() > PREFIX.length() + 12 ? digest.substring(0, PREFIX.length() + 12) + "…" : digest;
    }

    /** The archive digest of entries given as name → bytes. */
    static byte[] digest(Map<String, byte[]> entries) {
        Map<String, byte[]> hashes = new TreeMap<>();
        entries.forEach((name, bytes) -> hashes.put(name, sha256().digest(bytes)));
        return combine(hashes);
    }

    private static byte[] combine(Map<String, byte[]> entryHashes) {
        MessageDigest all = sha256();
        for (Map.Entry<String, byte[]> e : new TreeMap<>(entryHashes).entrySet()) {
            all.update(e.getKey().getBytes(StandardCharsets.UTF_8));
            all.update((byte) 0);
            all.update(e.getValue());
        }
        return all.digest();
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("this Java has no SHA-256", e); // every Java SE has it
        }
    }

    /**
     * Writes the entries of a model file and, on {@link #finish}, the digest entry over them. The caller writes
     * each entry's bytes to the stream {@link #entry} hands it.
     */
    public static final class Writer {

        /** Writes one entry's bytes. */
        public interface Content {
            void writeTo(OutputStream out) throws IOException;
        }

        private final ZipOutputStream zip;
        private final Map<String, byte[]> hashes = new TreeMap<>();

        public Writer(ZipOutputStream zip) {
            this.zip = zip;
        }

        /** Writes one entry; {@code content} may wrap and flush the stream but its close leaves the archive open. */
        public void entry(String name, Content content) throws IOException {
            if (name.equals(DIGEST) || hashes.containsKey(name)) {
                throw new IllegalArgumentException("entry " + name + " is reserved or already written");
            }
            MessageDigest digest = sha256();
            zip.putNextEntry(new ZipEntry(name));
            OutputStream out = new FilterOutputStream(zip) {
                @Override
                public void write(int b) throws IOException {
                    digest.update((byte) b);
                    zip.write(b);
                }

                @Override
                public void write(byte[] b, int off, int len) throws IOException {
                    digest.update(b, off, len);
                    zip.write(b, off, len);
                }

                @Override
                public void close() {
                    // the entry is closed by the writer, the archive by its owner
                }
            };
            content.writeTo(out);
            out.flush();
            zip.closeEntry();
            hashes.put(name, digest.digest());
        }

        /** Writes the digest entry and finishes the archive (the underlying stream stays open). */
        public void finish() throws IOException {
            zip.putNextEntry(new ZipEntry(DIGEST));
            zip.write((format(combine(hashes)) + "\n").getBytes(StandardCharsets.US_ASCII));
            zip.closeEntry();
            zip.finish();
        }
    }
}
