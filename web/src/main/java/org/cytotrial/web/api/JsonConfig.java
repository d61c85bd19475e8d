package org.cytotrial.web.api;

import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import jakarta.json.bind.JsonbConfig;
import jakarta.ws.rs.ext.ContextResolver;
import jakarta.ws.rs.ext.Provider;

/**
 * JSON as the API documents it: fields that cannot be estimated are written as {@code null},
 * not left out, so clients can tell "not estimable" from "not sent"; whole numbers and true/false
 * are read strictly ({@link StrictJsonValues}).
 */
@Provider
public class JsonConfig implements ContextResolver<Jsonb> {

    private final Jsonb jsonb = JsonbBuilder.create(new JsonbConfig().withNullValues(true)
            .withDeserializers(StrictJsonValues.deserializers()));

    @Override
    public Jsonb getContext(Class<?> type) {
        return jsonb;
    }
}
