package dmsrunbook.schema;

import java.util.List;

/**
 * One slice of a section applied statement by statement within an invocation's time: the statements it ran
 * (described), how many it skipped because their effect was already there, and where the next slice starts
 * ({@code next} of {@code total}; the section is done when they are equal).
 */
public record SchemaSlice(int from, int next, int total, List<String> executed, int alreadyPresent) {

    public SchemaSlice {
        executed = List.copyOf(executed);
    }

    public boolean finished() {
        return next >= total;
    }
}
