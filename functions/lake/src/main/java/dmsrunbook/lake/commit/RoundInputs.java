package dmsrunbook.lake.commit;

import java.util.List;
import java.util.Set;

/**
 * The notices one round of a table works on.
 *
 * @param created  files announced as written, not yet taken in by an earlier round of this call
 * @param removed  removals of files of the table's DMS folder (only the first round sees them)
 * @param setAside keys this round has quarantined in an earlier attempt: not looked at again
 */
record RoundInputs(List<IncomingObject> created, List<RemovalNotice> removed, Set<String> setAside) {

    RoundInputs {
        created = List.copyOf(created);
        removed = List.copyOf(removed);
        setAside = Set.copyOf(setAside);
    }
}
