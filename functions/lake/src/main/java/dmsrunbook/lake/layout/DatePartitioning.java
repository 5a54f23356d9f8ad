package dmsrunbook.lake.layout;

import java.util.Locale;

/**
 * DMS's date-based folder partitioning ({@code DatePartitionEnabled}, {@code DatePartitionSequence},
 * {@code DatePartitionDelimiter}): which date folders to expect between the table folder and the file, and how to
 * turn them into the lake's partition value {@code yyyy-MM-dd} (or {@code yyyy-MM-dd-HH}, {@code yyyy-MM}).
 *
 * @param sequence  {@code NONE} (partitioning off) or one of YYYYMMDD, YYYYMMDDHH, YYYYMM, MMYYYYDD, DDMMYYYY
 * @param delimiter SLASH (the default), UNDERSCORE, DASH or NONE
 */
public record DatePartitioning(String sequence, String delimiter) {

    public static final DatePartitioning NONE = new DatePartitioning("NONE", "SLASH");

    public DatePartitioning {
        sequence = sequence == null || sequence.isBlank() ? "NONE" : sequence.trim().toUpperCase(Locale.ROOT);
        delimiter = delimiter == null || delimiter.isBlank() ? "SLASH" : delimiter.trim().toUpperCase(Locale.ROOT);
        if (!java.util.List.of("NONE", "YYYYMMDD", "YYYYMMDDHH", "YYYYMM", "MMYYYYDD", "DDMMYYYY").contains(sequence)) {
            throw new IllegalArgumentException("DatePartitionSequence " + sequence
                    + " is not one DMS writes: use NONE, YYYYMMDD, YYYYMMDDHH, YYYYMM, MMYYYYDD or DDMMYYYY");
        }
        if (!java.util.List.of("SLASH", "UNDERSCORE", "DASH", "NONE").contains(delimiter)) {
            throw new IllegalArgumentException("DatePartitionDelimiter " + delimiter + " is not SLASH, UNDERSCORE, DASH or NONE");
        }
    }

    public boolean enabled() {
        return !"NONE".equals(sequence);
    }

    /** How many key segments the date folder takes. */
    public int segments() {
        if (!enabled()) {
            return 0;
        }
        return "SLASH".equals(delimiter) ? parts().length : 1;
    }

    /** The folder DMS writes for a date (used by the generator), e.g. {@code 2024/01/31}. */
    public String folderFor(int year, int month, int day, int hour) {
        String[] parts = parts();
        StringBuilder folder = new StringBuilder();
        for (int i = 0; i < parts.length; i++) {
            if (i > 0) {
                folder.append(separator());
            }
            folder.append(switch (parts[i]) {
                case "YYYY" -> String.format("%04d", year);
                case "MM" -> String.format("%02d", month);
                case "DD" -> String.format("%02d", day);
                default -> String.format("%02d", hour);
            });
        }
        return folder.toString();
    }

    /** The partition value for a date folder, or null when the folder does not match the sequence. */
    public String partitionOf(String folder) {
        String digits = folder.replaceAll("[/_-]", "");
        String[] parts = parts();
        int expected = 0;
        for (String part : parts) {
            expected += part.length();
        }
        if (digits.length() != expected || !digits.chars().allMatch(Character::isDigit)) {
            return null;
        }
        String year = "", month = "", day = "", hour = "";
        int at = 0;
        for (String part : parts) {
            String value = digits.substring(at, at + part.length());
            at += part.length();
            switch (part) {
                case "YYYY" -> year = value;
                case "MM" -> month = value;
                case "DD" -> day = value;
                default -> hour = value;
            }
        }
        StringBuilder partition = new StringBuilder(year).append('-').append(month);
        if (!day.isEmpty()) {
            partition.append('-').append(day);
        }
        if (!hour.isEmpty()) {
            partition.append('-').append(hour);
        }
        return partition.toString();
    }

    private String[] parts() {
        return switch (sequence) {
            case "YYYYMMDD" -> new String[] {"YYYY", "MM", "DD"};
            case "YYYYMMDDHH" -> new String[] {"YYYY", "MM", "DD", "HH"};
            case "YYYYMM" -> new String[] {"YYYY", "MM"};
            case "MMYYYYDD" -> new String[] {"MM", "YYYY", "DD"};
            case "DDMMYYYY" -> new String[] {"DD", "MM", "YYYY"};
            default -> new String[0];
        };
    }

    private String separator() {
        return switch (delimiter) {
            case "SLASH" -> "/";
            case "UNDERSCORE" -> "_";
            case "DASH" -> "-";
            default -> "";
        };
    }
}
