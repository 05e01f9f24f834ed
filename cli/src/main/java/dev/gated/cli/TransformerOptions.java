package dev.gated.cli;

import dev.gated.translate.ModelSpec;
import dev.gated.translate.TransformerShape;
import picocli.CommandLine.Option;

/**
 * The Transformer's sizes for {@code gated translate train/compare --model transformer} (unset ones take
 * {@link TransformerShape#defaults()}), and the dropout of every model: the Transformer's (default 0.1) or a
 * recurrent model's (on its embeddings and before its output layer; default 0).
 */
final class TransformerOptions {

    @Option(names = "--layers", paramLabel = "N", description = "Transformer: encoder and decoder blocks (default 2).")
    Integer layers;

    @Option(names = "--heads", paramLabel = "H", description = "Transformer: attention heads; --embedding must be a multiple (default 4).")
    Integer heads;

    @Option(names = "--ff", paramLabel = "F", description = "Transformer: feed-forward width of each block (default 256).")
    Integer feedForward;

    @Option(names = "--dropout", paramLabel = "P", description = "Dropout. Transformer: after attention, feed-forward and positions (default 0.1); "
            + "lstm/gru models: on the embeddings and before the output layer (default 0).")
    Double dropout;

    /** The model a name gives, with these sizes and this dropout. */
    ModelSpec spec(String name, int embedding, int units) {
        ModelSpec recurrent = ModelSpec.parse(name, embedding, units);
        if (recurrent.isTransformer()) {
            return ModelSpec.parse(name, embedding, units, shape());
        }
        return dropout == null ? recurrent : recurrent.withDropout(dropout);
    }

    TransformerShape shape() {
        TransformerShape d = TransformerShape.defaults();
        return new TransformerShape(layers != null ? layers : d.layers(), heads != null ? heads : d.heads(),
                feedForward != null ? feedForward : d.feedForward(), dropout != null ? dropout : d.dropout());
    }
}
