package org.cytotrial.web.api;

import jakarta.json.JsonNumber;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.json.bind.JsonbException;
import jakarta.json.bind.serializer.DeserializationContext;
import jakarta.json.bind.serializer.JsonbDeserializer;
import jakarta.json.stream.JsonParser;
import java.lang.reflect.Type;
import java.util.Locale;

/**
 * Reads whole numbers and yes/no values as written, instead of JSON-B's lenient defaults, which
 * turn {@code "serious": "yes"} into false and {@code "grade": 2.5} into 2 without a word: in a
 * casebook a guessed value is worse than a refused one. A refused value becomes a 400 naming the
 * field ({@link UnreadableJson}). Numbers written as text ({@code "3"}) and booleans written as
 * text ({@code "true"}) are still accepted: nothing is lost reading them.
 */
final class StrictJsonValues {

    private StrictJsonValues() {}

    static JsonbDeserializer<?>[] deserializers() {
        return new JsonbDeserializer<?>[] {new WholeInteger(), new WholeLong(), new YesNo()};
    }

    static final class WholeInteger implements JsonbDeserializer<Integer> {
        @Override
        public Integer deserialize(JsonParser parser, DeserializationContext context, Type type) {
            Long value = whole(parser.getValue());
            if (value == null) {
                return null;
            }
            if (value < Integer.MIN_VALUE || value > Integer.MAX_VALUE) {
                throw new JsonbException(value + " is too large for this field");
            }
            return value.intValue();
        }
    }

    static final class WholeLong implements JsonbDeserializer<Long> {
        @Override
        public Long deserialize(JsonParser parser, DeserializationContext context, Type type) {
            return whole(parser.getValue());
        }
    }

    static final class YesNo implements JsonbDeserializer<Boolean> {
        @Override
        public Boolean deserialize(JsonParser parser, DeserializationContext context, Type type) {
            JsonValue value = parser.getValue();
            if (value == JsonValue.NULL) {
                return null;
            }
            if (value == JsonValue.TRUE || value == JsonValue.FALSE) {
                return value == JsonValue.TRUE;
            }
            if (value instanceof JsonString text) {
                String answer = text.getString().strip().toLowerCase(Locale.ROOT);
                if (answer.equals("true") || answer.equals("false")) {
                    return Boolean.valueOf(answer);
                }
            }
            throw new JsonbException(shown(value) + " is not true or false");
        }
    }

    private static Long whole(JsonValue value) {
        if (value == JsonValue.NULL) {
            return null;
        }
        try {
            if (value instanceof JsonNumber number) {
                return number.bigDecimalValue().longValueExact();
            }
            if (value instanceof JsonString text && !text.getString().isBlank()) {
                return new java.math.BigDecimal(text.getString().strip()).longValueExact();
            }
        } catch (ArithmeticException | NumberFormatException e) {
            // said below, with the value
        }
        throw new JsonbException(shown(value) + " is not a whole number");
    }

    private static String shown(JsonValue value) {
        String text = value instanceof JsonString s ? "'" + s.getString() + "'" : value.toString();
        return text.length() > 60 ? text.substring(0, 60) + "…" : text;
    }
}
