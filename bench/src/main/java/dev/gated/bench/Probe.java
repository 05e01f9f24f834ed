package dev.gated.bench;

/**
 * One tiny training step and inference in PyTorch and DL4J, run by {@code bench/run} with the libraries'
 * verbose switches on (OPENBLAS_VERBOSE, ONEDNN_VERBOSE, MKL_VERBOSE) to report which CPU code path each
 * library picked.
 */
public final class Probe {

    private Probe() {
    }

    public static void main(String[] args) {
        Shape s = new Shape("probe", 4, 3, 8, 16, false);
        Data data = new Data(s, 1);
        System.out.println("[probe] " + TorchRunner.load());
        try (TorchRunner t = new TorchRunner(s, Shape.Cell.LSTM, 1, data)) {
            t.train();
            t.infer();
        }
        try {
            System.out.println("[probe] " + Dl4jRunner.load());
            Dl4jRunner d = new Dl4jRunner(s, 1, data);
            d.train();
            d.infer();
        } catch (Throwable e) {
            System.out.println("[probe] Deeplearning4j failed: " + e);
        }
        System.out.println("[probe] Gated: Vector API " + jdk.incubator.vector.FloatVector.SPECIES_PREFERRED);
    }
}
