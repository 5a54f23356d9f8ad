package dmsrunbook.error;

import java.util.List;
import java.util.stream.Collectors;

/**
 * Thrown by spec validation, before any AWS or database call, when the migration spec has one or more
 * problems. The message lists every problem at once, each as {@code field path: what is wrong -> what to do}.
 */
public final class InvalidSpecException extends TerminalException {

    private final List<SpecProblem> problems;

    public InvalidSpecException(List<SpecProblem> problems) {
        super(describe(problems), "correct the fields above and start a new execution");
        this.problems = List.copyOf(problems);
    }

    public List<SpecProblem> problems() {
        return problems;
    }

    private static String describe(List<SpecProblem> problems) {
        return "The migration spec has " + problems.size() + (problems.size() == 1 ? " problem" : " problems") + ": "
                + problems.stream().map(SpecProblem::toString).collect(Collectors.joining("; "));
    }

    /** One problem: the JSON path of the field, what is wrong with it, and how to fix it. */
    public record SpecProblem(String path, String problem, String fix) {
        @Override
        public String toString() {
            return path + ": " + problem + " -> " + fix;
        }
    }
}
