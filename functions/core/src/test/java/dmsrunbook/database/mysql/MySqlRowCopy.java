package dmsrunbook.database.mysql;

import dmsrunbook.database.mysql.MySqlCatalog.Column;
import dmsrunbook.database.mysql.MySqlCatalog.Table;
import dmsrunbook.mapping.TableMappings;
import dmsrunbook.local.MariaDbFullLoad;
import dmsrunbook.mapping.TableName;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The data movement of these tests, standing in for DMS's full load into tables that already exist: each selected
 * table copied by the local emulation's {@link MariaDbFullLoad} (values as DMS's load writes them into the converted
 * types), under the names the DMS mappings give the table and its columns.
 */
final class MySqlRowCopy {

    private MySqlRowCopy() {
    }

    /** Copies every table {@code mappings} selects; returns the rows copied per source table. */
    static Map<TableName, Long> copy(Connection source, Connection target, MySqlCatalog catalog, TableMappings mappings) throws SQLException {
        Map<TableName, Long> copied = new LinkedHashMap<>();
        for (Table table : catalog.tables()) {
            if (!mappings.selects(table.sourceName()) || !table.kind().equals("TABLE")) {
                continue;
            }
            TableName targetTable = mappings.targetName(table.sourceName());
            Map<String, String> columns = new LinkedHashMap<>();
            for (Column column : table.columns()) {
                mappings.targetColumn(table.sourceName(), column.name()).ifPresent(name -> columns.put(column.name(), name));
            }
            copied.put(table.sourceName(), MariaDbFullLoad.copy(source, target, table.schema(), table.name(), targetTable.schema(),
                    targetTable.table(), columns));
        }
        return copied;
    }
}
