package dmsrunbook.plan;

/** Sizes and durations as people read them: 1.5 GiB, 2 h 05 min. */
final class Bytes {

    private Bytes() {
    }

    static String human(long bytes) {
        String[] units = {"B", "KiB", "MiB", "GiB", "TiB"};
        double value = bytes;
        int unit = 0;
        while (value >= 1024 && unit < units.length - 1) {
            value /= 1024;
            unit++;
        }
        return unit == 0 ? bytes + " B" : String.format("%.1f %s", value, units[unit]);
    }

    static String duration(double seconds) {
        long s = Math.max(1, Math.round(seconds));
        if (s < 60) {
            return s + " s";
        }
        long minutes = (s + 59) / 60;
        if (minutes < 60) {
            return minutes + " min";
        }
        return String.format("%d h %02d min", minutes / 60, minutes % 60);
    }
}
