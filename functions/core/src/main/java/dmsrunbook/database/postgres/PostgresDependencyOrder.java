package dmsrunbook.database.postgres;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.TreeSet;

/**
 * Orders items so each comes after what it needs (a topological sort, as pg_dump sorts its archive). Among items
 * whose needs are met, the one first by {@code rank} then {@code key} goes next, so the order is the same on every
 * run and reads naturally (types before tables before views). A cycle, which pg_depend can hold (a function returning
 * a table's row type that the table's default calls), is broken by taking the first item by rank and key.
 *
 * @param <T> the items
 */
final class PostgresDependencyOrder<T> {

    private final Comparator<T> priority;

    PostgresDependencyOrder(Comparator<T> priority) {
        this.priority = priority;
    }

    /** {@code items} ordered; {@code needs} maps an item to the items that must come before it (others ignored). */
    List<T> order(Collection<T> items, Map<T, Set<T>> needs) {
        Set<T> pending = new HashSet<>(items);
        Map<T, Integer> unmet = new HashMap<>();
        Map<T, List<T>> neededBy = new HashMap<>();
        for (T item : items) {
            int count = 0;
            for (T need : needs.getOrDefault(item, Set.of())) {
                if (pending.contains(need) && !need.equals(item)) {
                    count++;
                    neededBy.computeIfAbsent(need, k -> new ArrayList<>()).add(item);
                }
            }
            unmet.put(item, count);
        }
        PriorityQueue<T> ready = new PriorityQueue<>(priority);
        TreeSet<T> waiting = new TreeSet<>(priority);
        for (T item : items) {
            (unmet.get(item) == 0 ? ready : waiting).add(item);
        }
        List<T> ordered = new ArrayList<>(items.size());
        while (!ready.isEmpty() || !waiting.isEmpty()) {
            T next = ready.isEmpty() ? waiting.pollFirst() : ready.poll();
            ordered.add(next);
            for (T dependent : neededBy.getOrDefault(next, List.of())) {
                int left = unmet.merge(dependent, -1, Integer::sum);
                if (left == 0 && waiting.remove(dependent)) {
                    ready.add(dependent);
                }
            }
        }
        return ordered;
    }
}
