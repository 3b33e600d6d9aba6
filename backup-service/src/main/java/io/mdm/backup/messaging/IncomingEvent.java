package io.mdm.backup.messaging;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.util.Optional;

/** The parts of a consumed CloudEvent (structured JSON) that the consumers here act on. */
record IncomingEvent(String id, String type, JsonNode data) {

    /** The event in a record's value; empty when the value is not a CloudEvent with an id and a type. */
    static Optional<IncomingEvent> parse(ObjectMapper json, String value) {
        if (value == null) {
            return Optional.empty();
        }
        try {
            JsonNode event = json.readTree(value);
            String id = event.path("id").asText("");
            String type = event.path("type").asText("");
            return id.isEmpty() || type.isEmpty() ? Optional.empty()
                    : Optional.of(new IncomingEvent(id, type, event.path("data")));
        } catch (JsonProcessingException e) {
            return Optional.empty();
        }
    }
}
