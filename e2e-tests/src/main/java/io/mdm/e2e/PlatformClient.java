package io.mdm.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;

/** JSON over HTTP as any client of the public API would send it: a bearer token or HTTP Basic. */
public final class PlatformClient {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** A status and the parsed body (a missing node when there was none). */
    public record Answer(int status, JsonNode body) {

        public String text(String field) {
            return body.path(field).asText();
        }
    }

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    public Answer get(String url, String bearer) {
        return send(request(url).header("Authorization", "Bearer " + bearer).GET());
    }

    public Answer getAnonymous(String url) {
        return send(request(url).GET());
    }

    public Answer post(String url, String bearer, Object body) {
        return send(json(request(url).header("Authorization", "Bearer " + bearer), "POST", body));
    }

    public Answer postAnonymous(String url, Object body) {
        return send(json(request(url), "POST", body));
    }

    public Answer postWithBasic(String url, String user, String password) {
        String basic = Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
        return send(request(url).header("Authorization", "Basic " + basic).POST(HttpRequest.BodyPublishers.noBody()));
    }

    private static HttpRequest.Builder request(String url) {
        return HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30)).header("Accept", "application/json");
    }

    private static HttpRequest.Builder json(HttpRequest.Builder builder, String method, Object body) {
        try {
            return builder.header("Content-Type", "application/json")
                    .method(method, HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Answer send(HttpRequest.Builder builder) {
        HttpRequest request = builder.build();
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            String body = response.body();
            return new Answer(response.statusCode(), body == null || body.isBlank() ? MissingNode.getInstance() : JSON.readTree(body));
        } catch (IOException e) {
            throw new UncheckedIOException(request.method() + " " + request.uri() + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted during " + request.uri(), e);
        }
    }
}
