package dmsrunbook.lake.layout;

/**
 * A DMS output object's key, understood: which table it belongs to, which date folder (partition) it sits in, and
 * where its rows go in change order.
 *
 * @param key       the S3 key as DMS wrote it
 * @param schema    source schema name
 * @param table     source table name
 * @param partition the lake partition value: the DMS date folder as {@code yyyy-MM-dd[-HH]}, else the CDC file's
 *                  date, else {@code full-load}
 * @param fileName  the object's file name
 * @param kind      full load or CDC
 * @param firstSeq  the change sequence number of the file's first row; row {@code i} has {@code firstSeq + i}
 */
public record DmsObjectKey(String key, String schema, String table, String partition, String fileName, DmsFileKind kind,
                           long firstSeq) {

    /** The table the file belongs to, schema and table kept apart. */
    public TableName tableName() {
        return new TableName(schema, table);
    }

    /** {@code schema.table} as {@code LAKE_TABLES} writes it (a name holding a dot quoted), for messages. */
    public String qualifiedTable() {
        return tableName().toString();
    }

    /** The {@code LOAD} counter of a full-load file (DMS restarts it at 1 with every load); 0 for a CDC file. */
    public int loadCounter() {
        return kind == DmsFileKind.FULL_LOAD ? ChangeSequence.loadCounter(firstSeq) : 0;
    }

    /** This file numbered as part of table epoch {@code epoch}: full-load numbers carry the epoch, CDC numbers do not. */
    public DmsObjectKey inEpoch(int epoch) {
        if (kind == DmsFileKind.CDC) {
            return this;
        }
        return new DmsObjectKey(key, schema, table, partition, fileName, kind, ChangeSequence.ofFullLoad(epoch, loadCounter()));
    }
}
