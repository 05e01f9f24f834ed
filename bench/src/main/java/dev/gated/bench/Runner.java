package dev.gated.bench;

/** One library set up for one (shape, cell, threads): a training step and an inference pass on fixed data. */
interface Runner extends AutoCloseable {

    /** Forward + backward through time + Adam update on one batch. */
    void train();

    /** Forward only, no gradients, on one batch. */
    void infer();

    @Override
    void close();
}
