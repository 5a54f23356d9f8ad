package dmsrunbook.mapping;

import java.util.Arrays;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/** A DMS object-locator name: literal text where {@code %} stands for any run of characters. */
record NamePattern(String text) {

    boolean matches(String name) {
        String regex = Arrays.stream(text.split("%", -1)).map(Pattern::quote).collect(Collectors.joining(".*"));
        return Pattern.compile(regex, Pattern.DOTALL).matcher(name).matches();
    }
}
