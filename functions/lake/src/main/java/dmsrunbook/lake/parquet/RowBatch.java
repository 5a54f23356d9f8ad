package dmsrunbook.lake.parquet;

import java.util.List;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType;
import org.apache.parquet.schema.Type;

/** A run of rows of one flat schema, held column by column. Reused between row groups to spare the GC. */
public final class RowBatch {

    private final MessageType schema;
    private final ColumnValues[] columns;

    public RowBatch(MessageType schema, int capacity) {
        this.schema = schema;
        List<Type> fields = schema.getFields();
        columns = new ColumnValues[fields.size()];
        for (int i = 0; i < columns.length; i++) {
            columns[i] = new ColumnValues(fields.get(i).asPrimitiveType().getPrimitiveTypeName(), capacity);
        }
    }

    public MessageType schema() {
        return schema;
    }

    public ColumnValues column(int index) {
        return columns[index];
    }

    public int columnCount() {
        return columns.length;
    }

    public PrimitiveType type(int index) {
        return schema.getType(index).asPrimitiveType();
    }

    public int rowCount() {
        return columns.length == 0 ? 0 : columns[0].size();
    }

    public void clear() {
        for (ColumnValues column : columns) {
            column.clear();
        }
    }
}
