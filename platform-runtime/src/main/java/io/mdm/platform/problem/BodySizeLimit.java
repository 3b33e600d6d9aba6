package io.mdm.platform.problem;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.runtime.configuration.MemorySize;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Router;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Refuses a request whose announced body is larger than {@code mdm.http.max-body-size} with an
 * RFC 9457 problem, before any of it is read. Quarkus' own, larger hard limit
 * ({@code quarkus.http.limits.max-body-size}) still stops bodies sent without a length; it
 * answers a bare 413.
 */
@ApplicationScoped
public class BodySizeLimit {

    private final long maxBytes;
    private final String problem;

    public BodySizeLimit(@ConfigProperty(name = "mdm.http.max-body-size", defaultValue = "1M") MemorySize max,
                         ObjectMapper json) throws JsonProcessingException {
        this.maxBytes = max.asLongValue();
        this.problem = json.writeValueAsString(Problem.of(ProblemType.PAYLOAD_TOO_LARGE,
                "The request body is larger than this operation accepts (" + maxBytes + " bytes)."));
    }

    void register(@Observes Router router) {
        router.route().order(Integer.MIN_VALUE).handler(context -> {
            String length = context.request().getHeader(HttpHeaders.CONTENT_LENGTH);
            if (length != null && exceeds(length)) {
                context.response().setStatusCode(413)
                        .putHeader(HttpHeaders.CONTENT_TYPE, Problem.MEDIA_TYPE)
                        .putHeader(HttpHeaders.CONNECTION, "close")
                        .end(problem);
            } else {
                context.next();
            }
        });
    }

    private boolean exceeds(String length) {
        try {
            return Long.parseLong(length.trim()) > maxBytes;
        } catch (NumberFormatException e) {
            return true;
        }
    }
}
