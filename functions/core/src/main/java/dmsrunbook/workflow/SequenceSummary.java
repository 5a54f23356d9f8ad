package dmsrunbook.workflow;

import dmsrunbook.cutover.SequenceValue;
import java.util.List;

/** The target sequences the cutover moved forward. */
public record SequenceSummary(int moved, List<SequenceValue> sequences) {
}
