package dev.gated.bench;

import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.RNNFormat;
import org.deeplearning4j.nn.conf.layers.LSTM;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.recurrent.LastTimeStep;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/**
 * Deeplearning4j 1.0.0-M2.1 (nd4j-native, CPU): LastTimeStep(LSTM) → OutputLayer(MSE, identity), Adam,
 * float32, data (B, T, I) in NWC format. LSTM only: DL4J has no GRU layer.
 */
final class Dl4jRunner implements Runner {

    private final MultiLayerNetwork net;
    private final INDArray x;
    private final INDArray y;

    static String load() {
        Nd4j.create(1);
        return "Deeplearning4j 1.0.0-M2.1 (" + Nd4j.getBackend().getClass().getSimpleName() + ", "
                + Nd4j.getExecutioner().getClass().getSimpleName() + ")";
    }

    static void threads(int n) {
        Nd4j.getEnvironment().setMaxThreads(n);
        Nd4j.getEnvironment().setMaxMasterThreads(n);
        try {
            org.nd4j.nativeblas.NativeOpsHolder.getInstance().getDeviceNativeOps().setOmpNumThreads(n);
        } catch (RuntimeException | LinkageError e) {
            System.err.println("[bench] DL4J: could not set OpenMP threads: " + e);
        }
    }

    Dl4jRunner(Shape s, int threads, Data data) {
        threads(threads);
        MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder()
                .seed(7)
                .dataType(DataType.FLOAT)
                .updater(new Adam(1e-3))
                .weightInit(WeightInit.XAVIER)
                .list()
                .layer(new LastTimeStep(new LSTM.Builder().nIn(s.input()).nOut(s.hidden())
                        .activation(Activation.TANH).dataFormat(RNNFormat.NWC).build()))
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MSE).nIn(s.hidden()).nOut(1)
                        .activation(Activation.IDENTITY).build())
                .build();
        net = new MultiLayerNetwork(conf);
        net.init();
        x = Nd4j.create(data.x, new long[] {s.batch(), s.steps(), s.input()}, 'c').castTo(DataType.FLOAT);
        y = Nd4j.create(data.y, new long[] {s.batch(), 1}, 'c').castTo(DataType.FLOAT);
    }

    @Override
    public void train() {
        net.fit(x, y);
    }

    @Override
    public void infer() {
        net.output(x, false);
    }

    @Override
    public void close() {
    }
}
