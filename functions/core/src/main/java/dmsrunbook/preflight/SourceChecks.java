package dmsrunbook.preflight;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

/** The checks of one source database family, run on one open connection. */
public interface SourceChecks {

    List<CheckResult> run(Connection source, PreflightContext context) throws SQLException;
}
