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

    /** {@code schema.table}, the name tables are configured under. */
    public String qualifiedTable() {
        return schema + "." + table;
    }
}
