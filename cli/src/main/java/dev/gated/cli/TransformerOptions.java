package dev.gated.cli;

import dev.gated.translate.TransformerShape;
import picocli.CommandLine.Option;

/** The Transformer's sizes for {@code gated translate train/compare --model transformer}; unset ones take {@link TransformerShape#defaults()}. */
final class TransformerOptions {

    @Option(names = "--layers", paramLabel = "N", description = "Transformer: encoder and decoder blocks (default 2).")
    Integer layers;

    @Option(names = "--heads", paramLabel = "H", description = "Transformer: attention heads; --embedding must be a multiple (default 4).")
    Integer heads;

    @Option(names = "--ff", paramLabel = "F", description = "Transformer: feed-forward width of each block (default 256).")
    Integer feedForward;

    @Option(names = "--dropout", paramLabel = "P", description = "Transformer: dropout after attention, feed-forward and positions (default 0.1).")
    Double dropout;

    TransformerShape shape() {
        TransformerShape d = TransformerShape.defaults();
        return new TransformerShape(layers != null ? layers : d.layers(), heads != null ? heads : d.heads(),
                feedForward != null ? feedForward : d.feedForward(), dropout != null ? dropout : d.dropout());
    }
}
