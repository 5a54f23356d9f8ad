package dmsrunbook.spec;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.Optional;
import java.util.stream.Collectors;

/** An enum whose JSON spelling is the lower-case, hyphenated word users write in the spec. */
public interface SpecValue {

    @JsonValue
    String value();

    static <E extends Enum<E> & SpecValue> Optional<E> parse(Class<E> type, String text) {
        return Arrays.stream(type.getEnumConstants()).filter(e -> e.value().equals(text)).findFirst();
    }

    static <E extends Enum<E> & SpecValue> String allowed(Class<E> type) {
        return Arrays.stream(type.getEnumConstants()).map(SpecValue::value).collect(Collectors.joining(", "));
    }
}
