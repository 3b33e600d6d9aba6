package io.mdm.e2e;

/** Where the platform's public APIs and its Keycloak realm answer. */
public record Endpoints(String enrollment, String policy, String backup, String audit, String realm) {

    /** The stack {@code ./mdm up} starts, on the ports of API.md. */
    public static Endpoints local() {
        return new Endpoints("http://127.0.0.1:8081/api/v1", "http://127.0.0.1:8082/api/v1",
                "http://127.0.0.1:8083/api/v1", "http://127.0.0.1:8084/api/v1", "http://127.0.0.1:8180/realms/mdm");
    }
}
