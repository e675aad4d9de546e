package aftershock.feeds.wire;

import java.util.Collections;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * Per-symbol parser state (a local book, a ticker being merged, a last sequence number), bounded: a message that
 * would make the parser track more than {@code max} symbols is rejected with {@code symbol-limit}. Sorted by symbol,
 * so anything iterated from it comes out in a fixed order.
 */
public final class SymbolStates<T> {
    private final TreeMap<String, T> states = new TreeMap<>();
    private final int max;

    public SymbolStates(int max) {
        this.max = max;
    }

    /** The state of {@code symbol}, or null. */
    public T get(String symbol) {
        return states.get(symbol);
    }

    public T getOrCreate(String symbol, Supplier<T> factory) {
        T state = states.get(symbol);
        if (state == null) {
            if (states.size() >= max) {
                throw new Rejected("symbol-limit");
            }
            state = factory.get();
            states.put(symbol, state);
        }
        return state;
    }

    /** The symbols whose state matches, in symbol order. */
    public java.util.SortedSet<String> symbolsWhere(Predicate<T> test) {
        java.util.TreeSet<String> out = new java.util.TreeSet<>();
        view().forEach((symbol, state) -> {
            if (test.test(state)) {
                out.add(symbol);
            }
        });
        return out;
    }

    public SortedMap<String, T> view() {
        return Collections.unmodifiableSortedMap(states);
    }
}
