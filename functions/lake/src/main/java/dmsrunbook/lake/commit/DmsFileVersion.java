package dmsrunbook.lake.commit;

import java.time.Instant;

/**
 * One object DMS wrote at a key: the key alone is not enough, because a reload writes {@code LOAD00000001.parquet}
 * again, and a byte-identical file even has the same ETag. Key, ETag and write time together tell two writes apart.
 *
 * @param key          the S3 key
 * @param etag         its ETag without quotes (null when not known, for manifests written before it was kept)
 * @param lastModified when S3 stored it, epoch millis in whole seconds as S3 keeps them (0 when not known)
 */
public record DmsFileVersion(String key, String etag, long lastModified) {

    public static DmsFileVersion of(S3Store.Listed listed) {
        return new DmsFileVersion(listed.key(), listed.etag(), wholeSeconds(listed.lastModified()));
    }

    public static DmsFileVersion of(String key, S3Store.Fetched fetched) {
        return new DmsFileVersion(key, fetched.etag(), wholeSeconds(fetched.lastModified()));
    }

    /** Whether {@code other} is the same write; an unknown write time (0) matches any. */
    public boolean sameAs(DmsFileVersion other) {
        return other != null && key != null && key.equals(other.key) && etag != null && etag.equals(other.etag)
                && (lastModified == 0 || other.lastModified == 0 || lastModified == other.lastModified);
    }

    /** The id the manifest's {@code consumed} list knows the object by. */
    public String id() {
        return key + "#" + etag;
    }

    private static long wholeSeconds(Instant time) {
        return time == null ? 0 : time.getEpochSecond() * 1000;
    }
}
