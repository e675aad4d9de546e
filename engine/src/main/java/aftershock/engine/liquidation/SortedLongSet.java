package aftershock.engine.liquidation;

import java.util.Arrays;

/**
 * A sorted set of longs in pages of at most {@value #PAGE} keys (a flat B+-tree of height two): insert and remove
 * cost O(log n + PAGE), ascending or descending walks from any key O(1) per key, no boxing, and no allocation except
 * when a page splits or the page directory grows.
 */
final class SortedLongSet {
    static final int PAGE = 256;

    private long[][] pages = new long[4][];
    private int[] sizes = new int[4];
    private long[] firstKeys = new long[4];
    private int pageCount;
    private int size;

    int size() {
        return size;
    }

    /** The page that holds (or would hold) the key: the last page whose first key is ≤ key, or 0. */
    private int pageFor(long key) {
        int lo = 0;
        int hi = pageCount - 1;
        int found = 0;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            if (firstKeys[mid] <= key) {
                found = mid;
                lo = mid + 1;
            } else {
                hi = mid - 1;
            }
        }
        return found;
    }

    boolean add(long key) {
        if (pageCount == 0) {
            pages[0] = new long[PAGE];
            pages[0][0] = key;
            sizes[0] = 1;
            firstKeys[0] = key;
            pageCount = 1;
            size = 1;
            return true;
        }
        int p = pageFor(key);
        long[] page = pages[p];
        int n = sizes[p];
        int at = Arrays.binarySearch(page, 0, n, key);
        if (at >= 0) {
            return false;
        }
        at = -at - 1;
        if (n == PAGE) {
            split(p);
            if (at > PAGE / 2) {
                p++;
                at -= PAGE / 2;
            }
            page = pages[p];
            n = sizes[p];
        }
        System.arraycopy(page, at, page, at + 1, n - at);
        page[at] = key;
        sizes[p] = n + 1;
        firstKeys[p] = page[0];
        size++;
        return true;
    }

    private void split(int p) {
        if (pageCount == pages.length) {
            pages = Arrays.copyOf(pages, pageCount * 2);
            sizes = Arrays.copyOf(sizes, pageCount * 2);
            firstKeys = Arrays.copyOf(firstKeys, pageCount * 2);
        }
        System.arraycopy(pages, p + 1, pages, p + 2, pageCount - p - 1);
        System.arraycopy(sizes, p + 1, sizes, p + 2, pageCount - p - 1);
        System.arraycopy(firstKeys, p + 1, firstKeys, p + 2, pageCount - p - 1);
        long[] right = new long[PAGE];
        int half = PAGE / 2;
        System.arraycopy(pages[p], half, right, 0, PAGE - half);
        pages[p + 1] = right;
        sizes[p + 1] = PAGE - half;
        firstKeys[p + 1] = right[0];
        sizes[p] = half;
        pageCount++;
    }

    boolean remove(long key) {
        if (pageCount == 0) {
            return false;
        }
        int p = pageFor(key);
        long[] page = pages[p];
        int n = sizes[p];
        int at = Arrays.binarySearch(page, 0, n, key);
        if (at < 0) {
            return false;
        }
        System.arraycopy(page, at + 1, page, at, n - at - 1);
        sizes[p] = n - 1;
        size--;
        if (n - 1 == 0) {
            System.arraycopy(pages, p + 1, pages, p, pageCount - p - 1);
            System.arraycopy(sizes, p + 1, sizes, p, pageCount - p - 1);
            System.arraycopy(firstKeys, p + 1, firstKeys, p, pageCount - p - 1);
            pageCount--;
            pages[pageCount] = null;
        } else {
            firstKeys[p] = page[0];
        }
        return true;
    }

    /** Receives keys of a walk; returns false to stop. */
    @FunctionalInterface
    interface KeyVisitor {
        boolean visit(long key);
    }

    /** Visits keys ≥ {@code from} in ascending order until the visitor stops. */
    void ascendingFrom(long from, KeyVisitor v) {
        if (pageCount == 0) {
            return;
        }
        int p = pageFor(from);
        int i = Arrays.binarySearch(pages[p], 0, sizes[p], from);
        i = i >= 0 ? i : -i - 1;
        for (; p < pageCount; p++, i = 0) {
            for (; i < sizes[p]; i++) {
                if (!v.visit(pages[p][i])) {
                    return;
                }
            }
        }
    }

    /** Visits keys ≤ {@code from} in descending order until the visitor stops. */
    void descendingFrom(long from, KeyVisitor v) {
        if (pageCount == 0) {
            return;
        }
        int p = pageFor(from);
        int i = Arrays.binarySearch(pages[p], 0, sizes[p], from);
        i = i >= 0 ? i : -i - 2;
        for (; p >= 0; p--) {
            if (i == Integer.MIN_VALUE) {
                i = sizes[p] - 1;
            }
            for (; i >= 0; i--) {
                if (!v.visit(pages[p][i])) {
                    return;
                }
            }
            i = Integer.MIN_VALUE;
        }
    }
}
