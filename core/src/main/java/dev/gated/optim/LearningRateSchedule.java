package dev.gated.optim;

import dev.gated.layer.Checks;

/**
 * The learning rate for each epoch (0-based), from the initial rate η₀.
 * <pre>
 * constant:     η = η₀
 * step:         η = η₀ · γ^⌊epoch / k⌋
 * exponential:  η = η₀ · γ^epoch
 * cosine:       η = η_min + ½ (η₀ − η_min)(1 + cos(π · epoch / E))     (Loshchilov &amp; Hutter, 2017, no restarts)
 * </pre>
 * Reduce-on-plateau depends on validation loss, not the epoch; it is a training listener
 * ({@code dev.gated.model.ReduceLearningRateOnPlateau}).
 */
public interface LearningRateSchedule {

    double rate(int epoch, double initialRate);

    /** Description for summaries and model files. */
    String describe();

    /** Parses what {@link #describe()} wrote. */
    static LearningRateSchedule parse(String text) {
        String t = text.trim();
        if (t.equals("constant")) {
            return constant();
        }
        int open = t.indexOf('(');
        if (open < 0 || !t.endsWith(")")) {
            throw new IllegalArgumentException("learning-rate schedule: expected constant, step(every=N, factor=F), "
                    + "exponential(factor=F) or cosine(epochs=N, min=R) but found \"" + text + "\"");
        }
        java.util.Map<String, String> args = new java.util.HashMap<>();
        for (String part : t.substring(open + 1, t.length() - 1).split(",")) {
            String[] kv = part.trim().split("=", 2);
            if (kv.length == 2) {
                args.put(kv[0].trim(), kv[1].trim());
            }
        }
        String name = t.substring(0, open);
        try {
            return switch (name) {
                case "step" -> step(Integer.parseInt(args.get("every")), Double.parseDouble(args.get("factor")));
                case "exponential" -> exponential(Double.parseDouble(args.get("factor")));
                case "cosine" -> cosine(Integer.parseInt(args.get("epochs")), Double.parseDouble(args.get("min")));
                default -> throw new IllegalArgumentException("unknown schedule \"" + name + "\"");
            };
        } catch (NullPointerException | NumberFormatException e) {
            throw new IllegalArgumentException("learning-rate schedule \"" + text + "\": missing or malformed argument", e);
        }
    }

    static LearningRateSchedule constant() {
        return new LearningRateSchedule() {
            public double rate(int epoch, double initialRate) {
                return initialRate;
            }

            public String describe() {
                return "constant";
            }
        };
    }

    static LearningRateSchedule step(int every, double factor) {
        Checks.positive("step schedule: epochs per step", every);
        Checks.positive("step schedule: factor", factor);
        return new LearningRateSchedule() {
            public double rate(int epoch, double initialRate) {
                return initialRate * Math.pow(factor, epoch / every);
            }

            public String describe() {
                return "step(every=" + every + ", factor=" + factor + ")";
            }
        };
    }

    static LearningRateSchedule exponential(double factor) {
        Checks.positive("exponential schedule: factor", factor);
        return new LearningRateSchedule() {
            public double rate(int epoch, double initialRate) {
                return initialRate * Math.pow(factor, epoch);
            }

            public String describe() {
                return "exponential(factor=" + factor + ")";
            }
        };
    }

    static LearningRateSchedule cosine(int totalEpochs, double minimumRate) {
        Checks.positive("cosine schedule: total epochs", totalEpochs);
        Checks.nonNegative("cosine schedule: minimum rate", minimumRate);
        return new LearningRateSchedule() {
            public double rate(int epoch, double initialRate) {
                double progress = Math.min(epoch, totalEpochs) / (double) totalEpochs;
                return minimumRate + 0.5 * (initialRate - minimumRate) * (1 + Math.cos(Math.PI * progress));
            }

            public String describe() {
                return "cosine(epochs=" + totalEpochs + ", min=" + minimumRate + ")";
            }
        };
    }
}
