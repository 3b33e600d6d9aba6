package io.mdm.platform.events;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;
import java.util.List;

@ConfigMapping(prefix = "mdm.events")
public interface EventsConfig {

    /** The CloudEvents {@code source} of this service, e.g. {@code /mdm/enrollment-service}. */
    String source();

    /** The MongoDB collections whose documents carry pending events in their {@code outbox} field. */
    List<String> outboxCollections();

    /** How often the relay looks for pending events. */
    @WithDefault("500ms")
    Duration relayInterval();

    /** How many documents with pending events the relay takes per collection and round. */
    @WithDefault("200")
    int relayBatchSize();
}
