package dmsrunbook.validation.diff;

import dmsrunbook.mapping.TableName;
import java.util.List;

/**
 * A table as one database's catalog describes it: its columns in order; the columns of its key (the primary key,
 * else the narrowest unique index whose columns are all NOT NULL; empty when it has neither) and what that key is
 * ({@code keySource}, for messages); whether this server hashes whole rows natively ({@code rowHashing}, e.g.
 * PostgreSQL 14+'s {@code hash_record_extended}); and whether its text is stored as UTF-8 ({@code utf8}).
 */
public record TableDescription(TableName table, List<DeclaredColumn> columns, List<String> keyColumns, String keySource,
                               boolean rowHashing, boolean utf8) {

    public TableDescription {
        columns = List.copyOf(columns);
        keyColumns = List.copyOf(keyColumns);
    }
}
