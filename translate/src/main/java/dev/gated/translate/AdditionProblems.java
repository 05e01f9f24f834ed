package dev.gated.translate;

import dev.gated.tensor.Precision;
import dev.gated.tensor.Tensor;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

/**
 * The data of Keras's {@code addition_rnn} example, with its recipe: questions "a+b" where each of a and b has
 * 1 to {@code digits} digits (the length drawn uniformly, then each digit), answers a + b; an unordered pair
 * {a, b} is used once; questions are padded with spaces to {@code 2·digits + 1} characters, answers to
 * {@code digits + 1}; with {@code reverse} the padded question is read backwards ("535+61 " → " 16+535").
 * The first {@code size − size/10} problems (after a seeded shuffle) are for training, the rest for validation.
 *
 * <pre>
 * alphabet   "0123456789+ "  (12 symbols)
 * question   (N, 2·digits + 1, 12) one-hot            answer (N, digits + 1) symbol indices
 * </pre>
 *
 * @param questions padded (and possibly reversed) questions
 * @param answers   padded answers
 * @param digits    the largest number of digits of an operand
 */
public record AdditionProblems(List<String> questions, List<String> answers, int digits) {

    public static final String ALPHABET = "0123456789+ ";

    public AdditionProblems {
        questions = List.copyOf(questions);
        answers = List.copyOf(answers);
    }

    /** {@code size} distinct problems, as Keras's example makes them, from {@code java.util.Random(seed)}. */
    public static AdditionProblems generate(int size, int digits, boolean reverse, long seed) {
        if (digits < 1 || digits > 9) {
            throw new IllegalArgumentException("digits: expected 1 to 9 but found " + digits);
        }
        long distinctPairs = distinctPairs(digits);
        if (size < 10 || size > distinctPairs) {
            throw new IllegalArgumentException("size: expected 10 to " + distinctPairs + " problems for " + digits
                    + "-digit operands (there are no more distinct pairs) but found " + size);
        }
        Random random = new Random(seed);
        int width = 2 * digits + 1;
        Set<String> seen = new HashSet<>();
        List<String> questions = new ArrayList<>();
        List<String> answers = new ArrayList<>();
        while (questions.size() < size) {
            long a = operand(random, digits);
            long b = operand(random, digits);
            if (!seen.add(Math.min(a, b) + "+" + Math.max(a, b))) {
                continue;
            }
            String q = pad(a + "+" + b, width);
            questions.add(reverse ? new StringBuilder(q).reverse().toString() : q);
            answers.add(pad(Long.toString(a + b), digits + 1));
        }
        shuffle(questions, answers, new Random(seed + 1));
        return new AdditionProblems(questions, answers, digits);
    }

    /** Unordered pairs of numbers below 10^digits: the most distinct problems there are. */
    private static long distinctPairs(int digits) {
        long n = (long) Math.pow(10, digits);
        return n * (n + 1) / 2;
    }

    private static long operand(Random random, int digits) {
        int length = 1 + random.nextInt(digits);
        long value = 0;
        for (int i = 0; i < length; i++) {
            value = value * 10 + random.nextInt(10);
        }
        return value;
    }

    private static String pad(String s, int width) {
        return s + " ".repeat(width - s.length());
    }

    private static void shuffle(List<String> q, List<String> a, Random random) {
        for (int i = q.size() - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            java.util.Collections.swap(q, i, j);
            java.util.Collections.swap(a, i, j);
        }
    }

    public int size() {
        return questions.size();
    }

    /** Where validation starts: Keras's {@code len(x) − len(x) // 10}. */
    public int validationStart() {
        return size() - size() / 10;
    }

    public int questionLength() {
        return 2 * digits + 1;
    }

    public int answerLength() {
        return digits + 1;
    }

    /** Questions {@code from} (inclusive) to {@code to}, one-hot: (to − from, 2·digits + 1, 12). */
    public Tensor questionTensor(int from, int to) {
        int steps = questionLength();
        int symbols = ALPHABET.length();
        float[] data = new float[(to - from) * steps * symbols];
        for (int i = from; i < to; i++) {
            String q = questions.get(i);
            for (int t = 0; t < steps; t++) {
                data[((i - from) * steps + t) * symbols + ALPHABET.indexOf(q.charAt(t))] = 1;
            }
        }
        return Tensor.of(data, to - from, steps, symbols);
    }

    /** Answers {@code from} to {@code to} as symbol indices: (to − from, digits + 1). */
    public Tensor answerTensor(int from, int to) {
        int steps = answerLength();
        Tensor y = Tensor.zeros(Precision.FLOAT32, to - from, steps);
        for (int i = from; i < to; i++) {
            String a = answers.get(i);
            for (int t = 0; t < steps; t++) {
                y.set((i - from) * steps + t, ALPHABET.indexOf(a.charAt(t)));
            }
        }
        return y;
    }
}
