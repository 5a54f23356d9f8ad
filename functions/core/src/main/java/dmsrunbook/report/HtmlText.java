package dmsrunbook.report;

/** Text put into the pages a person reads (the migration report, the schema assessment), escaped for HTML. */
public final class HtmlText {

    private HtmlText() {
    }

    /** {@code text} with the five characters HTML gives meaning to escaped, in element content and quoted attributes; "" for null. */
    public static String escape(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(text.length());
        for (char c : text.toCharArray()) {
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }
}
