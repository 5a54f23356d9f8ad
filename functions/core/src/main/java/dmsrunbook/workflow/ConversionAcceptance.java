package dmsrunbook.workflow;

import java.util.List;

/**
 * The conversion proposals the cutover's approver accepted, by name (e.g. {@code procedure shop.add_order}), as the
 * state machine copies them from the approval's {@code acceptedConversions}. Only these are ever applied.
 */
public record ConversionAcceptance(List<String> names) {

    public ConversionAcceptance {
        names = names == null ? List.of() : List.copyOf(names);
    }
}
