package io.mdm.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * Real tokens from the Keycloak realm {@code mdm}: password grants on the public client
 * {@code mdm-cli} for the demo users (whose password is their user name) and client-credential
 * grants for the services.
 */
public final class RealmClient {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final String realmUrl;
    private final HttpClient http;

    RealmClient(String realmUrl, HttpClient http) {
        this.realmUrl = realmUrl;
        this.http = http;
    }

    /** A client of a realm that runs already, e.g. the one {@code ./mdm up} started. */
    public static RealmClient at(String realmUrl) {
        return new RealmClient(realmUrl, HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build());
    }

    /** The issuer URL, e.g. {@code http://127.0.0.1:8180/realms/mdm}. */
    public String url() {
        return realmUrl;
    }

    /** An access token of a local demo user (alice, carol, carla, paul, pia, sam, erin, ed). */
    public String tokenFor(String demoUser) {
        return accessToken(demoUser, demoUser);
    }

    public String accessToken(String username, String password) {
        return request("grant_type=password&client_id=mdm-cli&username=" + encode(username)
                + "&password=" + encode(password)).get("access_token").asText();
    }

    public String clientCredentialsToken(String clientId, String secret) {
        return request("grant_type=client_credentials&client_id=" + encode(clientId)
                + "&client_secret=" + encode(secret)).get("access_token").asText();
    }

    private JsonNode request(String form) {
        try {
            HttpResponse<String> response = http.send(
                    HttpRequest.newBuilder(URI.create(realmUrl + "/protocol/openid-connect/token"))
                            .header("Content-Type", "application/x-www-form-urlencoded")
                            .POST(HttpRequest.BodyPublishers.ofString(form))
                            .timeout(Duration.ofSeconds(20)).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IllegalStateException("Keycloak refused the token request: HTTP " + response.statusCode()
                        + " " + response.body());
            }
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new UncheckedIOException("token request to " + realmUrl + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
