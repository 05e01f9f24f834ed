package dev.gated.text.lm;

/**
 * A text cut in two where nanoGPT cuts it: the first 1 − f for training, the last f for validation, with no
 * shuffling (the validation text is a passage the model has never read, as it would be in use).
 * <pre>
 *   n = ⌊N · (1 − f)⌋;   train = text[0, n),   validation = text[n, N)
 * </pre>
 *
 * @param train      the first part
 * @param validation the last part (empty when f = 0)
 */
public record TextSplit(String train, String validation) {

    /** Splits {@code text} read from {@code source}, keeping a last fraction {@code f} ∈ [0, 1) for validation. */
    public static TextSplit of(String text, double f, String source) {
        if (!(f >= 0 && f < 1)) {
            throw new IllegalArgumentException("the validation fraction must be in [0, 1) but is " + f);
        }
        int n = (int) Math.floor(text.length() * (1 - f));
        TextSplit split = new TextSplit(text.substring(0, n), text.substring(n));
        if (split.train.length() < 2) {
            throw new IllegalArgumentException(source + ": " + text.length() + " characters leave " + n + " to train on; "
                    + "a language model needs at least 2 (one to read, one to predict) — use a longer text");
        }
        if (f > 0 && split.validation.length() < 2) {
            throw new IllegalArgumentException(source + ": " + text.length() + " characters leave "
                    + split.validation.length() + " for validation (the last " + f + "); it needs at least 2 — "
                    + "use a longer text or a larger fraction");
        }
        return split;
    }

    /** "first 90 % (1,003,854 characters) for training, last 10 % (111,540) for validation". */
    public String describe() {
        long total = (long) train.length() + validation.length();
        return String.format(java.util.Locale.ROOT, "first %.4g %% (%,d characters) for training, last %.4g %% (%,d) for validation",
                100.0 * train.length() / total, train.length(), 100.0 * validation.length() / total, validation.length());
    }
}
