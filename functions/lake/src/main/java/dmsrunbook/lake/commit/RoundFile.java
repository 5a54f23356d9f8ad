package dmsrunbook.lake.commit;

import dmsrunbook.lake.layout.DmsObjectKey;

/**
 * A DMS file a round takes in (unless its checks set it aside).
 *
 * @param key     its key, numbered for the epoch it belongs to
 * @param version the write listed in the folder: the download must be that very write
 * @param epoch   the table epoch it belongs to
 * @param bytes   its size, from the listing
 */
record RoundFile(DmsObjectKey key, DmsFileVersion version, int epoch, long bytes) {
}
