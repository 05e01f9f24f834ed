package dev.gated.cli;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

/** Rewrites model files at the ZIP level for the bad-input corpus. */
final class ModelZip {

    private ModelZip() {
    }

    /** {@code into} with its entry {@code name} replaced by the one of {@code from} (CRCs recomputed). */
    static byte[] splice(byte[] into, byte[] from, String name) throws IOException {
        Map<String, byte[]> entries = entries(into);
        entries.put(name, entries(from).get(name));
        return zip(entries);
    }

    /**
     * {@code zip} with its model.properties rewritten by {@code edit}, as a hostile user would edit it: the digest
     * entry and its announcement are dropped, so the file reads as one written before the digest existed.
     */
    static byte[] editProperties(byte[] zip, java.util.function.UnaryOperator<String> edit) throws IOException {
        Map<String, byte[]> entries = entries(zip);
        entries.remove("digest.sha256");
        String props = new String(entries.get("model.properties"), java.nio.charset.StandardCharsets.ISO_8859_1)
                .replaceAll("(?m)^archive\\.digest=.*\n", "");
        entries.put("model.properties", edit.apply(props).getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
        return zip(entries);
    }

    /** A ZIP of these entries, in order (CRCs computed by the writer). */
    private static byte[] zip(Map<String, byte[]> entries) throws IOException {
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

    private static Map<String, byte[]> entries(byte[] zip) throws IOException {
        Map<String, byte[]> out = new LinkedHashMap<>();
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip))) {
            for (ZipEntry e; (e = in.getNextEntry()) != null; ) {
                out.put(e.getName(), in.readAllBytes());
            }
        }
        return out;
    }
}
