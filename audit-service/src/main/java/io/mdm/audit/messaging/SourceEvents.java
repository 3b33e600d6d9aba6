package io.mdm.audit.messaging;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mdm.audit.log.store.AuditEntry;

import java.util.List;
import java.util.Map;

/**
 * Turns a CloudEvent read from a source topic into its audit entry: the event's type; as actor
 * the person the event names ({@code publishedBy}, {@code placedBy}, ...) or else the event's
 * source; as subject {@code data.employeeId}; as data the event's data plus {@code eventId},
 * {@code eventSource} and, when present, {@code eventTime} and {@code eventSubject}. The source id
 * is the CloudEvents id, so that a redelivered event is appended once.
 *
 * <p>A message that is not such an event is still appended, as {@value #UNREADABLE} naming its
 * topic, partition and offset but not its content: the log shows that something arrived, and
 * one bad message never stops the others.
 */
final class SourceEvents {

    static final String UNREADABLE = "mdm.audit.unreadable-event";

    /** The fields that name who caused an event, in the order they are looked for. */
    private static final List<String> ACTOR_FIELDS = List.of("publishedBy", "archivedBy", "placedBy", "releasedBy",
            "requestedBy", "unenrolledBy", "shreddedBy");
    private static final ObjectMapper JSON = new ObjectMapper();

    private SourceEvents() {
    }

    static AuditEntry toEntry(String topic, int partition, long offset, String value) {
        JsonNode event = parse(value);
        String id = text(event, "id");
        String source = text(event, "source");
        String type = text(event, "type");
        if (id == null || source == null || type == null) {
            return unreadable(topic, partition, offset, "not a CloudEvent (id, source and type are required)");
        }
        JsonNode eventData = event.path("data");
        ObjectNode data = eventData.isObject() ? ((ObjectNode) eventData).deepCopy() : JSON.createObjectNode();
        if (!eventData.isObject() && !eventData.isMissingNode() && !eventData.isNull()) {
            data.set("value", eventData);
        }
        data.put("eventId", id);
        data.put("eventSource", source);
        putIfText(data, "eventTime", event, "time");
        putIfText(data, "eventSubject", event, "subject");
        try {
            return new AuditEntry(type, actorOf(eventData, source), text(eventData, "employeeId"), data, "event:" + id);
        } catch (IllegalArgumentException e) {
            return unreadable(topic, partition, offset, "its data cannot be canonicalized (RFC 8785)");
        }
    }

    private static String actorOf(JsonNode data, String source) {
        for (String field : ACTOR_FIELDS) {
            String actor = text(data, field);
            if (actor != null) {
                return actor;
            }
        }
        for (Map.Entry<String, JsonNode> field : data.properties()) {
            if (field.getKey().endsWith("By") && field.getValue().isTextual() && !field.getValue().asText().isBlank()) {
                return field.getValue().asText();
            }
        }
        return source;
    }

    private static AuditEntry unreadable(String topic, int partition, long offset, String problem) {
        ObjectNode data = JSON.createObjectNode()
                .put("topic", topic)
                .put("partition", partition)
                .put("offset", offset)
                .put("problem", problem);
        return new AuditEntry(UNREADABLE, topic, null, data, "kafka:" + topic + "/" + partition + "/" + offset);
    }

    private static JsonNode parse(String value) {
        if (value == null) {
            return JSON.missingNode();
        }
        try {
            return JSON.readTree(value);
        } catch (JsonProcessingException e) {
            return JSON.missingNode();
        }
    }

    private static void putIfText(ObjectNode data, String name, JsonNode event, String field) {
        String value = text(event, field);
        if (value != null) {
            data.put(name, value);
        }
    }

    /** The non-blank text of a field of an object, or null. */
    private static String text(JsonNode node, String field) {
        JsonNode value = node == null ? null : node.get(field);
        return value != null && value.isTextual() && !value.asText().isBlank() ? value.asText() : null;
    }
}
