package dev.gated.audio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Our features against numpy/scipy's, computed from the same formulas by audio/scripts/mfcc_reference.py
 * (conventions in its header and in {@link MfccExtractor}) on the float WAV it wrote. Agreement is relative:
 * |ours − ref| ≤ 1e-4 · max(|ref|, floor), floor 1e-6 of the largest value for power (which spans many decades) and
 * 1 for dB, cepstra and normalised features (whose values cross zero).
 */
class MfccReferenceTest {

    static final double TOLERANCE = 1e-4;

    private final MfccExtractor extractor = new MfccExtractor(FeatureSettings.SPEECH_8K);

    @Test
    void powerSpectrumMatches() throws Exception {
        AudioClip clip = WavReader.read(resource("signal.wav"));
        double[][] ref = csv("power.csv");
        compare("power", extractor.powerSpectrogram(clip.samples()), ref, 1e-6 * max(ref));
    }

    @Test
    void logMelMatches() throws Exception {
        compare("log-mel", extractor.logMel(WavReader.read(resource("signal.wav"))), csv("logmel.csv"), 1);
    }

    @Test
    void mfccMatches() throws Exception {
        compare("mfcc", extractor.cepstra(WavReader.read(resource("signal.wav"))), csv("mfcc.csv"), 1);
    }

    @Test
    void normalisedMfccWithDeltasMatches() throws Exception {
        double[][] ours = Normalisation.perUtterance().apply(extractor.features(WavReader.read(resource("signal.wav"))));
        compare("normalised [c, Δ, ΔΔ]", ours, csv("features.csv"), 1);
    }

    static void compare(String what, double[][] ours, double[][] ref, double floor) {
        assertEquals(ref.length, ours.length, what + ": frames");
        double worst = 0;
        for (int t = 0; t < ref.length; t++) {
            assertEquals(ref[t].length, ours[t].length, what + ": width");
            for (int j = 0; j < ref[t].length; j++) {
                double rel = Math.abs(ours[t][j] - ref[t][j]) / Math.max(Math.abs(ref[t][j]), floor);
                worst = Math.max(worst, rel);
                assertTrue(rel <= TOLERANCE, what + " [" + t + ", " + j + "]: ours " + ours[t][j] + ", reference " + ref[t][j]);
            }
        }
        System.out.printf("%s: %d × %d values, largest relative difference %.2e%n", what, ref.length, ref[0].length, worst);
    }

    static double max(double[][] a) {
        double m = 0;
        for (double[] row : a) {
            for (double v : row) {
                m = Math.max(m, Math.abs(v));
            }
        }
        return m;
    }

    static Path resource(String name) throws URISyntaxException {
        return Path.of(MfccReferenceTest.class.getResource(name).toURI());
    }

    static double[][] csv(String name) throws IOException, URISyntaxException {
        List<String> lines = Files.readAllLines(resource(name));
        double[][] out = new double[lines.size()][];
        for (int i = 0; i < out.length; i++) {
            String[] parts = lines.get(i).split(",");
            out[i] = new double[parts.length];
            for (int j = 0; j < parts.length; j++) {
                out[i][j] = Double.parseDouble(parts[j]);
            }
        }
        return out;
    }
}
