package dmsrunbook.preflight;

import dmsrunbook.database.DatabaseIdentity;
import dmsrunbook.mapping.TableMappings;
import dmsrunbook.mapping.TableName;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The target is not the source, by what the servers say of themselves: the spec's host names were compared at
 * validation, but a DNS alias or an IP address can still lead both endpoints to one database, whose load would then
 * erase (TRUNCATE_BEFORE_LOAD, DROP_AND_CREATE) or duplicate the source's rows. Another database of the same
 * PostgreSQL cluster is another catalog, and fine; on MySQL, where a server's databases are schemas of one catalog,
 * the selected tables must not land on themselves.
 */
public final class SourceIsNotTargetCheck {

    private static final String CHECK = "not the source";

    public CheckResult run(DatabaseIdentity source, DatabaseIdentity target, PreflightContext context) {
        if (!source.sameServer(target)) {
            return CheckResult.pass("target", CHECK, "another server than the source");
        }
        String fix = "point target at the database to migrate into; the preflight stops here so that nothing touches the source";
        if (!source.catalog().isEmpty()) {
            if (source.sameCatalog(target)) {
                return CheckResult.fail("target", CHECK, "the target is the source database (" + target.catalog() + " on the same server: "
                        + target.server() + "): loading it would erase or duplicate the source's rows", fix);
            }
            return CheckResult.pass("target", CHECK, "another database (" + target.catalog() + ") of the source's server");
        }
        TableMappings mappings = context.spec().mappings();
        List<String> ontoThemselves = context.selectedTables().stream()
                .filter(table -> context.selectedTables().contains(mappings.targetName(table)))
                .map(TableName::toString).collect(Collectors.toList());
        if (!ontoThemselves.isEmpty()) {
            return CheckResult.fail("target", CHECK, "the target is the source's server (" + target.server() + "), and "
                    + String.join(", ", ontoThemselves) + " would be loaded into themselves, erasing or duplicating their rows",
                    fix + ", or rename the target schema with a transformation rule");
        }
        return CheckResult.pass("target", CHECK, "the source's server, but no selected table is loaded into a selected table");
    }
}
