package dev.gated.bench;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * The machine's float32 FMA peak on one core, measured: 12 independent vector FMA chains (enough to cover
 * the FMA latency on two FMA pipes) in a loop. Counts 2 FLOPs per lane per FMA.
 */
final class Peak {

    private static final VectorSpecies<Float> SPECIES = FloatVector.SPECIES_PREFERRED;

    private Peak() {
    }

    /**
     * GFLOP/s, best of a few runs of about 0.2 s, per second of the thread's CPU time (not wall time): a
     * co-tenant that takes the core away for part of a run does not lower the peak it is compared with.
     */
    static double measure() {
        java.lang.management.ThreadMXBean mx = java.lang.management.ManagementFactory.getThreadMXBean();
        double best = 0;
        for (int run = 0; run < 6; run++) {
            long iterations = 20_000_000L;
            long start = mx.getCurrentThreadCpuTime();
            float sink = loop(iterations, 1.0000001f);
            long ns = mx.getCurrentThreadCpuTime() - start;
            double flops = 2.0 * 12 * SPECIES.length() * iterations;
            best = Math.max(best, flops / ns);
            if (sink == 42f) {
                System.out.print("");
            }
        }
        return best;
    }

    private static float loop(long iterations, float factor) {
        FloatVector m = FloatVector.broadcast(SPECIES, factor);
        FloatVector a = FloatVector.broadcast(SPECIES, 1e-3f);
        FloatVector c0 = FloatVector.broadcast(SPECIES, 0.1f);
        FloatVector c1 = c0.add(0.01f);
        FloatVector c2 = c0.add(0.02f);
        FloatVector c3 = c0.add(0.03f);
        FloatVector c4 = c0.add(0.04f);
        FloatVector c5 = c0.add(0.05f);
        FloatVector c6 = c0.add(0.06f);
        FloatVector c7 = c0.add(0.07f);
        FloatVector c8 = c0.add(0.08f);
        FloatVector c9 = c0.add(0.09f);
        FloatVector c10 = c0.add(0.10f);
        FloatVector c11 = c0.add(0.11f);
        for (long i = 0; i < iterations; i++) {
            c0 = c0.fma(m, a);
            c1 = c1.fma(m, a);
            c2 = c2.fma(m, a);
            c3 = c3.fma(m, a);
            c4 = c4.fma(m, a);
            c5 = c5.fma(m, a);
            c6 = c6.fma(m, a);
            c7 = c7.fma(m, a);
            c8 = c8.fma(m, a);
            c9 = c9.fma(m, a);
            c10 = c10.fma(m, a);
            c11 = c11.fma(m, a);
        }
        return c0.add(c1).add(c2).add(c3).add(c4).add(c5).add(c6).add(c7).add(c8).add(c9).add(c10).add(c11)
                .reduceLanes(jdk.incubator.vector.VectorOperators.ADD);
    }
}
