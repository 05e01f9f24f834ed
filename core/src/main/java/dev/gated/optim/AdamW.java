package dev.gated.optim;

/** Adam with decoupled weight decay (Loshchilov &amp; Hutter, ICLR 2019); see {@link Adam} for the update. */
public final class AdamW extends Adam {

    public AdamW(double learningRate, double beta1, double beta2, double epsilon, double weightDecay) {
        super(learningRate, beta1, beta2, epsilon, weightDecay);
    }

    public AdamW(double learningRate, double weightDecay) {
        this(learningRate, 0.9, 0.999, 1e-7, weightDecay);
    }

    @Override
    public String name() {
        return "adamw";
    }
}
