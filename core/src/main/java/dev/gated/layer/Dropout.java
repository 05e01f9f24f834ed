package dev.gated.layer;

import dev.gated.tensor.Tensor;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Inverted dropout: in training each value is kept with probability 1 − rate and scaled by 1/(1 − rate),
 * so inference needs no rescaling; in inference the layer is the identity.
 *
 * <pre>
 * y = x ⊙ m / (1 − rate),  m_i ~ Bernoulli(1 − rate)        ∂L/∂x = ∂L/∂y ⊙ m / (1 − rate)
 * </pre>
 * The mask is drawn from the batch seed in {@link Mode}, so runs are reproducible.
 */
public final class Dropout implements Layer {

    private final double rate;
    private int[] inputShape;
    private Tensor scaleMask; // m / (1 − rate), same shape as the input; null in inference

    public Dropout(double rate) {
        this.rate = Checks.fraction("Dropout rate", rate);
    }

    public double rate() {
        return rate;
    }

    @Override
    public String type() {
        return "dropout";
    }

    @Override
    public int[] build(int[] inputShape, BuildContext context) {
        this.inputShape = inputShape.clone();
        return inputShape.clone();
    }

    @Override
    public Dropout replica() {
        Dropout r = new Dropout(rate);
        r.inputShape = inputShape;
        return r;
    }

    @Override
    public Tensor forward(Tensor x, Tensor mask, Mode mode) {
        Checks.inputShape("Dropout", Checks.freeTime(inputShape), x.shape());
        if (!mode.training() || rate == 0) {
            scaleMask = null;
            return x;
        }
        SplittableRandom random = new SplittableRandom(mode.seed() ^ 0x5DEECE66DL);
        scaleMask = x.zerosLike();
        Tensor y = x.zerosLike();
        double keep = 1 - rate;
        for (int i = 0; i < x.size(); i++) {
            double m = random.nextDouble() < keep ? 1 / keep : 0;
            scaleMask.set(i, m);
            y.set(i, x.get(i) * m);
        }
        return y;
    }

    @Override
    public Tensor backward(Tensor dOutput) {
        if (scaleMask == null) {
            return dOutput;
        }
        Tensor dx = dOutput.zerosLike();
        for (int i = 0; i < dx.size(); i++) {
            dx.set(i, dOutput.get(i) * scaleMask.get(i));
        }
        return dx;
    }

    @Override
    public List<Parameter> parameters() {
        return List.of();
    }

    @Override
    public Map<String, String> config() {
        Map<String, String> c = new LinkedHashMap<>();
        c.put("rate", Double.toString(rate));
        return c;
    }
}
