package org.cytotrial.it.support;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonStructure;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;

/** A REST client of the running application, acting as one user (or anonymously). */
public final class Api {

    private static final HttpClient CLIENT = HttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(10))
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();

    private final String authorization;
    private final String baseUrl;

    private Api(String authorization) {
        this(authorization, null);
    }

    private Api(String authorization, String baseUrl) {
        this.authorization = authorization;
        this.baseUrl = baseUrl;
    }

    /** The same user against another server (e.g. the fault tests' own). */
    public Api at(String otherBaseUrl) {
        return new Api(authorization, otherBaseUrl);
    }

    public static Api as(String username) {
        return as(username, It.DEMO_PASSWORD);
    }

    public static Api as(String username, String password) {
        String token = Base64.getEncoder().encodeToString((username + ":" + password).getBytes(StandardCharsets.UTF_8));
        return new Api("Basic " + token);
    }

    public static Api anonymous() {
        return new Api(null);
    }

    /** An answer: status, headers and body. */
    public record Answer(int status, HttpResponse<byte[]> response) {
        public String text() {
            return new String(response.body(), StandardCharsets.UTF_8);
        }

        public byte[] bytes() {
            return response.body();
        }

        public JsonObject json() {
            return (JsonObject) structure();
        }

        public JsonArray jsonArray() {
            return (JsonArray) structure();
        }

        private JsonStructure structure() {
            try (JsonReader reader = Json.createReader(new StringReader(text()))) {
                return reader.read();
            } catch (RuntimeException e) {
                throw new AssertionError("Not JSON (status " + status + "): " + text(), e);
            }
        }

        public String header(String name) {
            return response.headers().firstValue(name).orElse(null);
        }
    }

    public Answer get(String path) {
        return send(request(path).GET());
    }

    public Answer post(String path, String contentType, byte[] body) {
        return send(request(path).header("Content-Type", contentType).POST(HttpRequest.BodyPublishers.ofByteArray(body)));
    }

    public Answer postJson(String path, String json) {
        return post(path, "application/json", json.getBytes(StandardCharsets.UTF_8));
    }

    public Answer putJson(String path, String json) {
        return send(request(path).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(json)));
    }

    public Answer delete(String path) {
        return send(request(path).DELETE());
    }

    public Answer send(HttpRequest.Builder builder) {
        try {
            HttpResponse<byte[]> response = CLIENT.send(builder.build(), HttpResponse.BodyHandlers.ofByteArray());
            return new Answer(response.statusCode(), response);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public HttpRequest.Builder request(String path) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create((baseUrl == null ? It.baseUrl() : baseUrl) + path)).timeout(Duration.ofMinutes(5));
        if (authorization != null) {
            builder.header("Authorization", authorization);
        }
        return builder;
    }
}
