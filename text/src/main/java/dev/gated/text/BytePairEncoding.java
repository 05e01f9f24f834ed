package dev.gated.text;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Byte-pair encoding (Sennrich, Haddow &amp; Birch 2016, "Neural Machine Translation of Rare Words with Subword
 * Units") over pieces of text that the caller has already cut and spelled as base symbols (usually one
 * character each); merges never cross a piece's border.
 * <pre>
 * learn:  pieces p with counts n_p, each a list of symbols;  repeat M times:
 *           count(a, b) = Σ_p n_p · #(adjacent a, b in p)          (kept up to date, not recounted)
 *           (a, b) = the most frequent pair, count ≥ 2 (ties: the smaller "a b", then the smaller a)
 *           replace every adjacent a, b (left to right, not overlapping) by the new symbol ab
 *         stops early when no pair is seen twice
 * apply:  per piece, repeatedly merge the adjacent pair of lowest merge rank (everywhere in the piece) until
 *         no adjacent pair has a rank
 * symbols = the base symbols (sorted by String order) followed by the M merged symbols, in merge order
 * </pre>
 * Learning costs one pass over the pieces, then per merge only the pieces that hold the merged pair and one
 * scan of the pair counts.
 */
public final class BytePairEncoding {

    /** Two adjacent symbols. */
    public record Pair(String left, String right) {
        String key() {
            return left + " " + right;
        }
    }

    private final List<String> base;
    private final List<Pair> merges;
    private final Map<Pair, Integer> rank = new HashMap<>();

    private BytePairEncoding(List<String> base, List<Pair> merges) {
        this.base = List.copyOf(base);
        this.merges = List.copyOf(merges);
        for (int i = 0; i < merges.size(); i++) {
            rank.put(merges.get(i), i);
        }
    }

    /** An encoding from its parts: base symbols (kept in the order given) and merges in rank order. */
    public static BytePairEncoding of(List<String> base, List<Pair> merges) {
        return new BytePairEncoding(base, merges);
    }

    /**
     * Learns at most {@code mergeCount} merges from {@code pieces} (each a list of base symbols, not changed) seen
     * {@code counts} times each; the base symbols are those the pieces hold, sorted.
     */
    public static BytePairEncoding learn(List<List<String>> pieces, List<Integer> counts, int mergeCount) {
        if (mergeCount < 0) {
            throw new IllegalArgumentException("BPE merges must be ≥ 0 but is " + mergeCount);
        }
        if (pieces.size() != counts.size()) {
            throw new IllegalArgumentException(pieces.size() + " pieces but " + counts.size() + " counts");
        }
        TreeSet<String> base = new TreeSet<>();
        List<List<String>> words = new ArrayList<>(pieces.size());
        for (List<String> p : pieces) {
            base.addAll(p);
            words.add(new ArrayList<>(p));
        }
        Map<Pair, Long> pairCounts = new HashMap<>();
        Map<Pair, Set<Integer>> holders = new HashMap<>();   // pair → pieces that hold it (may hold stale entries)
        for (int i = 0; i < words.size(); i++) {
            count(words.get(i), i, counts.get(i), pairCounts, holders);
        }
        List<Pair> merges = new ArrayList<>();
        while (merges.size() < mergeCount) {
            Pair best = mostFrequent(pairCounts);
            if (best == null) {
                break;
            }
            merges.add(best);
            for (int i : new ArrayList<>(holders.getOrDefault(best, Set.of()))) {
                List<String> w = words.get(i);
                uncount(w, counts.get(i), pairCounts);
                mergeAll(w, best.left(), best.right());
                count(w, i, counts.get(i), pairCounts, holders);
            }
            holders.remove(best);
        }
        return new BytePairEncoding(new ArrayList<>(base), merges);
    }

    /** The pair of highest count ≥ 2, ties to the smaller "left right" and then the smaller left; null if none. */
    private static Pair mostFrequent(Map<Pair, Long> pairCounts) {
        Pair best = null;
        long bestCount = 1;   // a pair seen once is not worth a symbol
        for (Map.Entry<Pair, Long> e : pairCounts.entrySet()) {
            long c = e.getValue();
            if (c > bestCount || (c == bestCount && best != null && before(e.getKey(), best))) {
                best = e.getKey();
                bestCount = c;
            }
        }
        return best;
    }

    private static boolean before(Pair a, Pair b) {
        int byKey = a.key().compareTo(b.key());
        return byKey < 0 || (byKey == 0 && a.left().compareTo(b.left()) < 0);
    }

    private static void count(List<String> w, int piece, int n, Map<Pair, Long> pairCounts, Map<Pair, Set<Integer>> holders) {
        for (int j = 0; j + 1 < w.size(); j++) {
            Pair p = new Pair(w.get(j), w.get(j + 1));
            pairCounts.merge(p, (long) n, Long::sum);
            holders.computeIfAbsent(p, k -> new HashSet<>()).add(piece);
        }
    }

    private static void uncount(List<String> w, int n, Map<Pair, Long> pairCounts) {
        for (int j = 0; j + 1 < w.size(); j++) {
            Pair p = new Pair(w.get(j), w.get(j + 1));
            long left = pairCounts.get(p) - n;
            if (left == 0) {
                pairCounts.remove(p);
            } else {
                pairCounts.put(p, left);
            }
        }
    }

    private static void mergeAll(List<String> w, String left, String right) {
        for (int j = 0; j + 1 < w.size(); j++) {
            if (w.get(j).equals(left) && w.get(j + 1).equals(right)) {
                w.set(j, left + right);
                w.remove(j + 1);
            }
        }
    }

    /** {@code symbols} (one piece spelled in base symbols) after the learned merges, as a new list. */
    public List<String> apply(List<String> symbols) {
        List<String> w = new ArrayList<>(symbols);
        while (w.size() > 1) {
            int bestRank = Integer.MAX_VALUE;
            for (int j = 0; j + 1 < w.size(); j++) {
                Integer r = rank.get(new Pair(w.get(j), w.get(j + 1)));
                if (r != null && r < bestRank) {
                    bestRank = r;
                }
            }
            if (bestRank == Integer.MAX_VALUE) {
                break;
            }
            Pair pair = merges.get(bestRank);
            mergeAll(w, pair.left(), pair.right());
        }
        return w;
    }

    /** The base symbols followed by the merged ones: index i of this list is symbol i. */
    public List<String> symbols() {
        List<String> out = new ArrayList<>(base.size() + merges.size());
        out.addAll(base);
        for (Pair p : merges) {
            out.add(p.left() + p.right());
        }
        return out;
    }

    public List<String> base() {
        return base;
    }

    public List<Pair> merges() {
        return merges;
    }

    public int mergeCount() {
        return merges.size();
    }

    /**
     * One line: base symbols, then merges; each symbol as hex code points joined by '.', merges as left:right,
     * fields by ' ', the two lists by '|'. {@link #parse} reads it back.
     */
    public String serialise() {
        List<String> parts = new ArrayList<>();
        for (String s : base) {
            parts.add(hex(s));
        }
        List<String> pairs = new ArrayList<>();
        for (Pair p : merges) {
            pairs.add(hex(p.left()) + ":" + hex(p.right()));
        }
        return String.join(" ", parts) + "|" + String.join(" ", pairs);
    }

    /** Reads {@link #serialise()}'s form; IllegalArgumentException saying what is malformed. */
    public static BytePairEncoding parse(String text) {
        String[] halves = text.split("\\|", -1);
        if (halves.length != 2) {
            throw new IllegalArgumentException("bpe vocabulary: expected \"symbols|merges\" but found " + halves.length + " part(s)");
        }
        List<String> base = new ArrayList<>();
        for (String h : halves[0].split(" ")) {
            if (!h.isEmpty()) {
                base.add(unhex(h));
            }
        }
        List<Pair> merges = new ArrayList<>();
        for (String h : halves[1].split(" ")) {
            if (!h.isEmpty()) {
                String[] lr = h.split(":");
                if (lr.length != 2) {
                    throw new IllegalArgumentException("bpe vocabulary: a merge must be \"left:right\" but is \"" + h + "\"");
                }
                merges.add(new Pair(unhex(lr[0]), unhex(lr[1])));
            }
        }
        return new BytePairEncoding(base, merges);
    }

    private static String hex(String s) {
        List<String> cps = new ArrayList<>();
        s.codePoints().forEach(c -> cps.add(Integer.toString(c, 16)));
        return String.join(".", cps);
    }

    private static String unhex(String h) {
        StringBuilder out = new StringBuilder();
        for (String c : h.split("\\.")) {
            try {
                out.appendCodePoint(Integer.parseInt(c, 16));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("bpe vocabulary: \"" + c + "\" is not a hexadecimal code point");
            }
        }
        return out.toString();
    }
}
