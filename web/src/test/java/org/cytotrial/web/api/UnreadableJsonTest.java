package org.cytotrial.web.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.bind.JsonbException;
import jakarta.json.bind.serializer.JsonbDeserializer;
import jakarta.json.stream.JsonParser;
import jakarta.json.stream.JsonParsingException;
import jakarta.ws.rs.ProcessingException;
import java.io.StringReader;
import org.cytotrial.platform.InvalidInputException.FieldError;
import org.junit.jupiter.api.Test;

class UnreadableJsonTest {

    /** The shape of RESTEasy's report: its reader failure around JSON-B's ProcessingException around the cause. */
    private static final class ReadFailure extends RuntimeException {
        private static final long serialVersionUID = 1L;

        ReadFailure(Throwable cause) {
            super(cause);
        }
    }

    private static java.util.Optional<FieldError> describe(Throwable thrown) {
        return UnreadableJson.describe(thrown, ReadFailure.class::isInstance);
    }

    private static Throwable asRestEasyReports(Throwable binding) {
        return new ReadFailure(new ProcessingException("RESTEASY008200: JSON Binding deserialization error: " + binding, binding));
    }

    @Test
    void aWrongValueNamesTheFieldAndWhatIsExpected() {
        FieldError grade = describe(asRestEasyReports(new JsonbException(
                "Unable to deserialize property 'grade' because of: 'x' is not a whole number",
                new JsonbException("'x' is not a whole number")))).orElseThrow();
        assertEquals("grade", grade.field());
        assertEquals("'x' is not a whole number", grade.message());

        FieldError nested = UnreadableJson.wrongValue("Unable to deserialize property 'results' because of: Unable to"
                + " deserialize property 'value' because of: Incorrect position for processing type: class java.lang.String."
                + " Received event: START_ARRAY Allowed: [VALUE_STRING]");
        assertEquals("results.value", nested.field());
        assertEquals("expected text (a JSON string), not an array […]", nested.message());

        FieldError notAnObject = UnreadableJson.wrongValue("Incorrect position for processing type: class"
                + " org.cytotrial.web.coordinator.SubjectsResource$VisitRequest. Received event: START_ARRAY Allowed: [START_OBJECT]");
        assertEquals("body", notAnObject.field());
        assertEquals("the body must be a JSON object {…}, not an array […]", notAnObject.message());
    }

    @Test
    void brokenSyntaxIsTheBodysWithTheLineAndColumn() {
        JsonParsingException parsing = syntaxError("{\"date\":");
        FieldError error = describe(asRestEasyReports(new JsonbException("Internal error: " + parsing.getMessage(),
                parsing))).orElseThrow();
        assertEquals("body", error.field());
        assertTrue(error.message().startsWith("the body is not valid JSON at line 1, column"), error.message());
        assertTrue(error.message().contains("EOF"), error.message());
    }

    @Test
    void theProviderFailingInReadFromIsReadingTheBody() {
        ProcessingException thrown = new ProcessingException("RESTEASY008200: JSON Binding deserialization error",
                new JsonbException("Unable to deserialize property 'age' because of: 'sixty' is not a whole number"));
        thrown.setStackTrace(new StackTraceElement[] {new StackTraceElement(
                "org.jboss.resteasy.plugins.providers.jsonb.JsonBindingProvider", "readFrom", "JsonBindingProvider.java", 78)});
        assertEquals(new FieldError("age", "'sixty' is not a whole number"), UnreadableJson.describe(thrown).orElseThrow());
        thrown.setStackTrace(new StackTraceElement[] {new StackTraceElement(
                "org.jboss.resteasy.plugins.providers.jsonb.JsonBindingProvider", "writeTo", "JsonBindingProvider.java", 120)});
        assertTrue(UnreadableJson.describe(thrown).isEmpty(), "writing an answer");
    }

    @Test
    void aFailureOtherThanReadingTheBodyIsNotMistakenForOne() {
        assertTrue(describe(new ProcessingException("writing", new JsonbException("cannot serialize"))).isEmpty(),
                "a JSON-B failure writing an answer is a bug (500), not the caller's fault");
        assertTrue(describe(new IllegalStateException("boom")).isEmpty());
    }

    @Test
    void wholeNumbersAndYesNoAreReadStrictly() {
        assertEquals(3, read(new StrictJsonValues.WholeInteger(), "3"));
        assertEquals(3, read(new StrictJsonValues.WholeInteger(), "\"3\""));
        assertNull(read(new StrictJsonValues.WholeInteger(), "null"));
        assertEquals("2.5 is not a whole number", assertThrows(JsonbException.class,
                () -> read(new StrictJsonValues.WholeInteger(), "2.5")).getMessage());
        assertEquals("'x' is not a whole number", assertThrows(JsonbException.class,
                () -> read(new StrictJsonValues.WholeInteger(), "\"x\"")).getMessage());
        assertEquals("true is not a whole number", assertThrows(JsonbException.class,
                () -> read(new StrictJsonValues.WholeLong(), "true")).getMessage());
        assertEquals(Boolean.TRUE, read(new StrictJsonValues.YesNo(), "true"));
        assertEquals(Boolean.FALSE, read(new StrictJsonValues.YesNo(), "\"false\""));
        assertEquals("'yes' is not true or false", assertThrows(JsonbException.class,
                () -> read(new StrictJsonValues.YesNo(), "\"yes\"")).getMessage());
        assertEquals("1 is not true or false", assertThrows(JsonbException.class,
                () -> read(new StrictJsonValues.YesNo(), "1")).getMessage());
    }

    private static Object read(JsonbDeserializer<?> deserializer, String value) {
        try (JsonParser parser = Json.createParser(new StringReader("[" + value + "]"))) {
            parser.next();
            parser.next();
            return deserializer.deserialize(parser, null, Object.class);
        }
    }

    private static JsonParsingException syntaxError(String json) {
        try (JsonParser parser = Json.createParser(new StringReader(json))) {
            while (parser.hasNext()) {
                parser.next();
            }
        } catch (JsonParsingException e) {
            return e;
        }
        throw new AssertionError("no syntax error in " + json);
    }
}
