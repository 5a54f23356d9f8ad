package dmsrunbook.preflight;

/** Sizes in bytes as the checks print them: B, KB, MB, then GB with one decimal. */
public final class ByteSizes {

    private ByteSizes() {
    }

    public static String readable(long bytes) {
        if (bytes < 1024) {
            return bytes + " B";
        }
        if (bytes < 1024 * 1024) {
            return (bytes / 1024) + " KB";
        }
        if (bytes < 1024L * 1024 * 1024) {
            return (bytes / (1024 * 1024)) + " MB";
        }
        return String.format("%.1f GB", bytes / (1024.0 * 1024 * 1024));
    }
}
