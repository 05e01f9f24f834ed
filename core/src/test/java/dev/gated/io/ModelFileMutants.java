package dev.gated.io;

import dev.gated.model.ModelFile;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

/**
 * Entry-level mutants of a model file: what a tool (or a person) that understands ZIP can do to it. Each is a
 * well-formed ZIP whose CRCs are right, so only the loader's own checks can refuse it.
 */
final class ModelFileMutants {

    private ModelFileMutants() {
    }

    /** Name → mutant bytes, built from {@code original} and {@code other} (same architecture, other weights). */
    static Map<String, byte[]> entryMutants(byte[] original, byte[] other) throws IOException {
        Map<String, byte[]> a = entries(original);
        Map<String, byte[]> b = entries(other);
        Map<String, byte[]> out = new LinkedHashMap<>();
        for (String name : a.keySet()) {
            out.put("splice " + name + " from another model", zip(with(a, name, b.get(name))));
            out.put("drop " + name, zip(without(a, name)));
            out.put("duplicate " + name + " (first copy from another model)", duplicate(a, name, b.get(name)));
            out.put("duplicate " + name + " (second copy from another model)", duplicateLast(a, name, b.get(name)));
        }
        out.put("splice weights.bin and digest.sha256 from another model",
                zip(with(with(a, ModelFile.WEIGHTS, b.get(ModelFile.WEIGHTS)), ModelArchive.DIGEST,
                        b.get(ModelArchive.DIGEST))));
        out.put("every entry but model.properties from another model",
                zip(with(b, ModelFile.PROPERTIES, a.get(ModelFile.PROPERTIES))));
        Map<String, byte[]> extra = new LinkedHashMap<>(a);
        extra.put("notes.txt", "hello".getBytes(StandardCharsets.UTF_8));
        out.put("an extra entry", zip(extra));
        out.put("edited history", zip(with(a, ModelFile.PROPERTIES, edit(a, "history.0=", "history.0=7,"))));
        out.put("edited metadata", zip(with(a, ModelFile.PROPERTIES, edit(a, "=Passengers", "=Sales"))));
        out.put("more units", zip(with(a, ModelFile.PROPERTIES, edit(a, "units=3", "units=15000"))));
        out.put("digest announcement removed", zip(without(a, ModelArchive.DIGEST)));
        out.put("weights size declared 2 GB", patchCentralSize(zip(a), ModelFile.WEIGHTS, 0x7FFF_FFF0));
        out.put("weights size declared 1 byte smaller", patchCentralSize(zip(a), ModelFile.WEIGHTS, -1));
        return out;
    }

    /** The entries of a ZIP, in order. */
    static Map<String, byte[]> entries(byte[] zip) throws IOException {
        Map<String, byte[]> out = new LinkedHashMap<>();
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip))) {
            for (ZipEntry e; (e = in.getNextEntry()) != null; ) {
                out.put(e.getName(), in.readAllBytes());
            }
        }
        return out;
    }

    /** A ZIP of these entries, in order (deflated, with correct CRCs). */
    static byte[] zip(Map<String, byte[]> entries) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream out = new ZipOutputStream(bytes)) {
            for (Map.Entry<String, byte[]> e : entries.entrySet()) {
                out.putNextEntry(new ZipEntry(e.getKey()));
                out.write(e.getValue());
                out.closeEntry();
            }
        }
        return bytes.toByteArray();
    }

    private static Map<String, byte[]> with(Map<String, byte[]> m, String name, byte[] data) {
        Map<String, byte[]> out = new LinkedHashMap<>(m);
        out.put(name, data);
        return out;
    }

    private static Map<String, byte[]> without(Map<String, byte[]> m, String name) {
        Map<String, byte[]> out = new LinkedHashMap<>(m);
        out.remove(name);
        if (name.equals(ModelArchive.DIGEST)) { // also drop the announcement, as a careful forger would
            out.put(ModelFile.PROPERTIES, new String(m.get(ModelFile.PROPERTIES), StandardCharsets.UTF_8)
                    .replaceAll("(?m)^" + ModelArchive.DIGEST_KEY.replace(".", "\\.") + "=.*\n", "")
                    .getBytes(StandardCharsets.UTF_8));
        }
        return out;
    }

    private static byte[] edit(Map<String, byte[]> m, String find, String replace) {
        String text = new String(m.get(ModelFile.PROPERTIES), StandardCharsets.UTF_8);
        if (!text.contains(find)) {
            throw new IllegalStateException("model.properties has no \"" + find + "\":\n" + text);
        }
        return text.replace(find, replace).getBytes(StandardCharsets.UTF_8);
    }

    /** Two entries named {@code name}: the copy from elsewhere first, then the original one. */
    private static byte[] duplicate(Map<String, byte[]> m, String name, byte[] first) throws IOException {
        Map<String, byte[]> out = new LinkedHashMap<>();
        out.put(placeholder(name), first);
        out.putAll(m);
        return rename(zip(out), placeholder(name), name);
    }

    /** Two entries named {@code name}: the original, then the copy from elsewhere last ("last one wins"). */
    private static byte[] duplicateLast(Map<String, byte[]> m, String name, byte[] last) throws IOException {
        Map<String, byte[]> out = new LinkedHashMap<>(m);
        out.put(placeholder(name), last);
        return rename(zip(out), placeholder(name), name);
    }

    /** A name of the same length, so the ZIP can be patched in place (ZipOutputStream refuses duplicates). */
    private static String placeholder(String name) {
        return name.substring(0, name.length() - 1) + "~";
    }

    private static byte[] rename(byte[] zip, String from, String to) {
        byte[] f = from.getBytes(StandardCharsets.UTF_8);
        byte[] t = to.getBytes(StandardCharsets.UTF_8);
        for (int i = 0; i + f.length <= zip.length; i++) {
            if (java.util.Arrays.equals(zip, i, i + f.length, f, 0, f.length)) {
                System.arraycopy(t, 0, zip, i, t.length);
            }
        }
        return zip;
    }

    /**
     * Sets the uncompressed size of {@code name} in the central directory to {@code size}, or to one less than
     * it is when {@code size} is negative.
     */
    private static byte[] patchCentralSize(byte[] zip, String name, int size) {
        byte[] n = name.getBytes(StandardCharsets.UTF_8);
        for (int i = 0; i + 46 + n.length <= zip.length; i++) {
            boolean central = zip[i] == 'P' && zip[i + 1] == 'K' && zip[i + 2] == 1 && zip[i + 3] == 2;
            if (central && java.util.Arrays.equals(zip, i + 46, i + 46 + n.length, n, 0, n.length)) {
                int old = le32(zip, i + 24);
                int v = size < 0 ? old - 1 : size;
                for (int k = 0; k < 4; k++) {
                    zip[i + 24 + k] = (byte) (v >>> (8 * k));
                }
                return zip;
            }
        }
        throw new IllegalStateException("no central directory entry " + name);
    }

    private static int le32(byte[] b, int at) {
        return (b[at] & 0xFF) | (b[at + 1] & 0xFF) << 8 | (b[at + 2] & 0xFF) << 16 | (b[at + 3] & 0xFF) << 24;
    }
}
