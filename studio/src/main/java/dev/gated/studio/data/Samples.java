package dev.gated.studio.data;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The bundled sample data sets.
 *
 * <ul>
 *   <li>{@code airline-passengers}: monthly totals 1949–1960 (Box &amp; Jenkins), the file in
 *       {@code samples/} with its PROVENANCE.md, unmodified.</li>
 *   <li>{@code sine}: the engine issue's yardstick, {@code sin(x)} at 500 points of x = linspace(0, 100, 500),
 *       generated here.</li>
 * </ul>
 */
public final class Samples {

    /** Name → one-line description, in display order. */
    public static final Map<String, String> DESCRIPTIONS = new LinkedHashMap<>();

    static {
        DESCRIPTIONS.put("airline-passengers", "Monthly international airline passengers (thousands), 1949–1960, "
                + "144 rows; yearly season");
        DESCRIPTIONS.put("sine", "sin(x) at 500 evenly spaced x in [0, 100]; the Keras tutorial's toy series");
    }

    private Samples() {
    }

    /** The file name and bytes of a sample. */
    public static Map.Entry<String, byte[]> load(String name) {
        return switch (name.toLowerCase(Locale.ROOT)) {
            case "airline-passengers" -> Map.entry("airline-passengers.csv", resource("airline-passengers.csv"));
            case "sine" -> Map.entry("sine.csv", sine().getBytes(StandardCharsets.UTF_8));
            default -> throw new IllegalArgumentException("no sample \"" + name + "\"; the samples are "
                    + String.join(", ", DESCRIPTIONS.keySet()));
        };
    }

    /** Where a bundled sample's file lies in the Gated source tree, from the project root. */
    public static final String AIRLINE_IN_REPO = "studio/src/main/resources/dev/gated/studio/samples/airline-passengers.csv";

    /**
     * How an exported command should name a data set's file: the sample's path in the source tree when the data
     * set is the unchanged airline sample (a command run from the project root then finds it), else its name.
     */
    public static String commandPath(StoredDataset d) {
        if (d.name().equals("airline-passengers.csv")) {
            try {
                if (java.util.Arrays.equals(java.nio.file.Files.readAllBytes(d.file()), resource("airline-passengers.csv"))) {
                    return AIRLINE_IN_REPO;
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return d.name();
    }

    /** x = linspace(0, 100, 500); columns "time" (the x value, kept as a text label) and "sine". */
    static String sine() {
        StringBuilder sb = new StringBuilder("time,sine\n");
        for (int i = 0; i < 500; i++) {
            double x = 100.0 * i / 499;
            sb.append(String.format(Locale.ROOT, "%.6f,%.6f%n", x, Math.sin(x)));
        }
        return sb.toString();
    }

    private static byte[] resource(String file) {
        try (InputStream in = Samples.class.getResourceAsStream("/dev/gated/studio/samples/" + file)) {
            if (in == null) {
                throw new IllegalStateException("the studio jar lacks its sample " + file);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
