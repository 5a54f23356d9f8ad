package dmsrunbook.validation.diff;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.List;

/**
 * A key value, one canonical text per key column, the same on both engines: integers and decimals as digits, text as
 * it is, UUIDs in lower case, binary as lower-case hex, dates as days and timestamps as microseconds since 1970-01-01
 * UTC. Serialises as a JSON array of strings, so results and key ranges travel between Lambdas as they are.
 */
public record Key(List<String> values) {

    @JsonCreator
    public Key {
        values = List.copyOf(values);
    }

    public static Key of(String... values) {
        return new Key(List.of(values));
    }

    @JsonValue
    @Override
    public List<String> values() {
        return values;
    }

    @Override
    public String toString() {
        return values.size() == 1 ? values.get(0) : "(" + String.join(", ", values) + ")";
    }
}
