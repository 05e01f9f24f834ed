package dev.gated.bench;

import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.openblas.global.openblas_nolapack;

/**
 * OpenBLAS {@code cblas_sgemm} (org.bytedeco:openblas, run with the {@code blas} profile's JavaCPP 1.5.13)
 * on operands copied once into native memory, so only the multiply is timed.
 */
final class BlasGemm implements KernelBench.Gemm {

    private final int threads;
    private FloatPointer a;
    private FloatPointer b;
    private FloatPointer c;
    private float[] lastA;
    private float[] lastB;

    private BlasGemm(int threads) {
        this.threads = threads;
    }

    static BlasGemm create(int threads) {
        openblas_nolapack.blas_set_num_threads(threads);
        return new BlasGemm(threads);
    }

    static String describe() {
        return "OpenBLAS " + org.bytedeco.openblas.presets.openblas_nolapack.class.getPackage().getImplementationVersion()
                + ", OPENBLAS_CORETYPE=" + System.getenv("OPENBLAS_CORETYPE")
                + ", OPENBLAS_L2_SIZE=" + System.getenv("OPENBLAS_L2_SIZE");
    }

    @Override
    public String name() {
        return "openblas cblas_sgemm";
    }

    @Override
    public void run(KernelBench.Phase p, float[] av, float[] bv, float[] cv) {
        if (av != lastA || bv != lastB) {
            close();
            a = new FloatPointer(av);
            b = new FloatPointer(bv);
            c = new FloatPointer(cv);
            lastA = av;
            lastB = bv;
            openblas_nolapack.blas_set_num_threads(threads);
        }
        int lda = p.transA() ? p.m() : p.k();
        int ldb = p.transB() ? p.k() : p.n();
        for (int r = 0; r < p.times(); r++) {
            openblas_nolapack.cblas_sgemm(openblas_nolapack.CblasRowMajor,
                    p.transA() ? openblas_nolapack.CblasTrans : openblas_nolapack.CblasNoTrans,
                    p.transB() ? openblas_nolapack.CblasTrans : openblas_nolapack.CblasNoTrans,
                    p.m(), p.n(), p.k(), 1f, a, lda, b, ldb, 1f, c, p.n());
        }
    }

    private void close() {
        if (a != null) {
            a.close();
            b.close();
            c.close();
        }
    }
}
