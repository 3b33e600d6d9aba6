package io.mdm.bench;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The public REST API as its clients call it: JSON over HTTP/1.1 with a bearer token, HTTP Basic
 * for a device's own token, and the Keycloak password grant of the {@code mdm-cli} client for the
 * demo users (password = user name, see ./mdm up). An unexpected status is an error naming the
 * call and the problem the service answered.
 */
public final class JsonHttp {

    private static final Duration TIMEOUT = Duration.ofMinutes(10);

    private final HttpClient client;
    private final ObjectMapper json;
    private final Endpoints endpoints;

    public JsonHttp(HttpClient client, ObjectMapper json, Endpoints endpoints) {
        this.client = client;
        this.json = json;
        this.endpoints = endpoints;
    }

    public static HttpClient newClient() {
        return HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(10))
                .build();
    }

    public HttpClient client() {
        return client;
    }

    /** A demo user's access token. */
    public String userToken(String user) {
        String form = Map.of("grant_type", "password", "client_id", "mdm-cli", "username", user, "password", user)
                .entrySet().stream()
                .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        HttpRequest request = HttpRequest.newBuilder(endpoints.keycloakTokens()).timeout(TIMEOUT)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build();
        return expect(request, 200).get("access_token").asText();
    }

    /** @param bearer a token, or null for an endpoint open to anyone */
    public JsonNode get(URI uri, String bearer, int expectedStatus) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(TIMEOUT).GET();
        if (bearer != null) {
            request.header("Authorization", "Bearer " + bearer);
        }
        return expect(request.build(), expectedStatus);
    }

    /** @param bearer a token, or null for an endpoint open to anyone */
    public JsonNode post(URI uri, String bearer, Object body, int expectedStatus) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(TIMEOUT)
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofByteArray(bytes(body)));
        if (bearer != null) {
            request.header("Authorization", "Bearer " + bearer);
        }
        return expect(request.build(), expectedStatus);
    }

    public JsonNode postWithBasic(URI uri, String user, String password, int expectedStatus) {
        String basic = Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
        return expect(HttpRequest.newBuilder(uri).timeout(TIMEOUT).header("Authorization", "Basic " + basic)
                .POST(HttpRequest.BodyPublishers.noBody()).build(), expectedStatus);
    }

    public byte[] bytes(Object body) {
        try {
            return json.writeValueAsBytes(body);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("cannot write a request body", e);
        }
    }

    public JsonNode read(String body) {
        try {
            return json.readTree(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("not JSON: " + abbreviated(body), e);
        }
    }

    private JsonNode expect(HttpRequest request, int expectedStatus) {
        HttpResponse<String> response;
        try {
            response = client.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException(request.method() + " " + request.uri() + " failed: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
        if (response.statusCode() != expectedStatus) {
            throw new IllegalStateException(request.method() + " " + request.uri() + " answered "
                    + response.statusCode() + " (expected " + expectedStatus + "): " + abbreviated(response.body()));
        }
        return response.body().isEmpty() ? json.missingNode() : read(response.body());
    }

    private static String abbreviated(String text) {
        return text.length() <= 500 ? text : text.substring(0, 500) + "...";
    }
}
