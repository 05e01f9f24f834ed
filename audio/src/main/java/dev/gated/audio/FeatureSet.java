package dev.gated.audio;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * Labelled utterances as un-normalised feature frames: {@code frames.get(i)} (T_i, F) with class
 * {@code labels[i]}, from {@code recordings.get(i)}.
 */
public record FeatureSet(List<SpokenDigits.Recording> recordings, List<double[][]> frames, int[] labels) {

    /**
     * Reads and featurises every recording (resampled to the settings' rate); each is read whole, so one longer than
     * {@link WavReader#WHOLE_FILE_LIMIT_SECONDS} is refused with its length and the limit.
     */
    public static FeatureSet compute(List<SpokenDigits.Recording> recordings, FeatureSettings settings) throws IOException {
        MfccExtractor extractor = new MfccExtractor(settings);
        List<double[][]> frames = new ArrayList<>(recordings.size());
        int[] labels = new int[recordings.size()];
        for (int i = 0; i < recordings.size(); i++) {
            frames.add(extractor.features(WavReader.readWhole(recordings.get(i).file(), "training and evaluation",
                    "cut it into utterances first")));
            labels[i] = recordings.get(i).digit();
        }
        return new FeatureSet(List.copyOf(recordings), frames, labels);
    }

    public int size() {
        return frames.size();
    }

    /** The utterances whose recording passes {@code keep}. */
    public FeatureSet filter(Predicate<SpokenDigits.Recording> keep) {
        List<SpokenDigits.Recording> r = new ArrayList<>();
        List<double[][]> f = new ArrayList<>();
        List<Integer> l = new ArrayList<>();
        for (int i = 0; i < size(); i++) {
            if (keep.test(recordings.get(i))) {
                r.add(recordings.get(i));
                f.add(frames.get(i));
                l.add(labels[i]);
            }
        }
        return new FeatureSet(r, f, l.stream().mapToInt(Integer::intValue).toArray());
    }

    /** This set followed by {@code other}. */
    public FeatureSet plus(FeatureSet other) {
        List<SpokenDigits.Recording> r = new ArrayList<>(recordings);
        r.addAll(other.recordings);
        List<double[][]> f = new ArrayList<>(frames);
        f.addAll(other.frames);
        int[] l = java.util.Arrays.copyOf(labels, labels.length + other.labels.length);
        System.arraycopy(other.labels, 0, l, labels.length, other.labels.length);
        return new FeatureSet(r, f, l);
    }

    /** Total frames over all utterances. */
    public long totalFrames() {
        long n = 0;
        for (double[][] u : frames) {
            n += u.length;
        }
        return n;
    }
}
