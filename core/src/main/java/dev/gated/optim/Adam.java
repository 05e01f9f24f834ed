package dev.gated.optim;

import dev.gated.layer.Checks;
import dev.gated.layer.Parameter;
import dev.gated.tensor.FloatTensor;
import dev.gated.tensor.Tensor;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Adam (Kingma &amp; Ba, ICLR 2015) and, with a weight decay λ &gt; 0, AdamW (Loshchilov &amp; Hutter, ICLR 2019).
 * <pre>
 * AdamW only:  w ← w − η λ w                 (decoupled weight decay, applied before the Adam step)
 * m ← β₁ m + (1 − β₁) g
 * v ← β₂ v + (1 − β₂) g²
 * w ← w − η · (m / (1 − β₁ᵗ)) / (√(v / (1 − β₂ᵗ)) + ε)
 * </pre>
 * Defaults η = 0.001, β₁ = 0.9, β₂ = 0.999, ε = 1e−7 (Keras; PyTorch uses ε = 1e−8).
 */
public class Adam extends SlottedOptimizer {

    private final double beta1;
    private final double beta2;
    private final double epsilon;
    private final double weightDecay;

    public Adam(double learningRate, double beta1, double beta2, double epsilon) {
        this(learningRate, beta1, beta2, epsilon, 0);
    }

    Adam(double learningRate, double beta1, double beta2, double epsilon, double weightDecay) {
        super(learningRate, 2);
        this.beta1 = Checks.fraction("Adam beta1", beta1);
        this.beta2 = Checks.fraction("Adam beta2", beta2);
        this.epsilon = Checks.positive("Adam epsilon", epsilon);
        this.weightDecay = Checks.nonNegative("AdamW weight decay", weightDecay);
    }

    public Adam(double learningRate) {
        this(learningRate, 0.9, 0.999, 1e-7);
    }

    public Adam() {
        this(0.001);
    }

    @Override
    public String name() {
        return "adam";
    }

    @Override
    void update(Parameter parameter, int index) {
        Tensor w = parameter.value();
        Tensor g = parameter.grad();
        Tensor m = slot(index, 0);
        Tensor v = slot(index, 1);
        double lr = learningRate();
        long t = iterations();
        double correction1 = 1 - Math.pow(beta1, t);
        double correction2 = 1 - Math.pow(beta2, t);
        if (w instanceof FloatTensor fw && g instanceof FloatTensor fg
                && m instanceof FloatTensor fm && v instanceof FloatTensor fv) {
            // the same arithmetic on the arrays directly (no virtual get/set per element)
            float[] wd = fw.data();
            float[] gd = fg.data();
            float[] md = fm.data();
            float[] vd = fv.data();
            double decay = 1 - lr * weightDecay;
            int n = w.size();
            for (int i = 0; i < n; i++) {
                double gi = gd[i];
                double mi = beta1 * md[i] + (1 - beta1) * gi;
                double vi = beta2 * vd[i] + (1 - beta2) * gi * gi;
                md[i] = (float) mi;
                vd[i] = (float) vi;
                double wi = wd[i] * decay;
                wd[i] = (float) (wi - lr * (mi / correction1) / (Math.sqrt(vi / correction2) + epsilon));
            }
            return;
        }
        for (int i = 0; i < w.size(); i++) {
            double gi = g.get(i);
            double mi = beta1 * m.get(i) + (1 - beta1) * gi;
            double vi = beta2 * v.get(i) + (1 - beta2) * gi * gi;
            m.set(i, mi);
            v.set(i, vi);
            double wi = w.get(i) * (1 - lr * weightDecay);
            w.set(i, wi - lr * (mi / correction1) / (Math.sqrt(vi / correction2) + epsilon));
        }
    }

    @Override
    public Map<String, String> config() {
        Map<String, String> c = new LinkedHashMap<>();
        c.put("learning_rate", Double.toString(learningRate()));
        c.put("beta1", Double.toString(beta1));
        c.put("beta2", Double.toString(beta2));
        c.put("epsilon", Double.toString(epsilon));
        if (weightDecay > 0 || this instanceof AdamW) {
            c.put("weight_decay", Double.toString(weightDecay));
        }
        return c;
    }
}
