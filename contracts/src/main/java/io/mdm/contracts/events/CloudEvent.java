package io.mdm.contracts.events;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.time.Instant;
import java.util.Objects;

/**
 * A CloudEvents 1.0 envelope in structured JSON mode ({@code application/cloudevents+json}).
 * {@code data} is one of the payload records of this package, or a JSON tree on the
 * consuming side.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CloudEvent<T>(
        String specversion,
        String id,
        String source,
        String type,
        Instant time,
        String subject,
        String datacontenttype,
        T data) {

    public static final String SPEC_VERSION = "1.0";
    public static final String STRUCTURED_CONTENT_TYPE = "application/cloudevents+json";
    public static final String DATA_CONTENT_TYPE = "application/json";

    public CloudEvent {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(type, "type");
    }

    public static <T> CloudEvent<T> of(String id, String source, String type, Instant time, String subject, T data) {
        return new CloudEvent<>(SPEC_VERSION, id, source, type, time, subject, DATA_CONTENT_TYPE, data);
    }
}
