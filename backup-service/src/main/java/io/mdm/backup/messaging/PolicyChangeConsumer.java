package io.mdm.backup.messaging;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.mdm.backup.ingest.DevicePolicyCache;
import io.mdm.contracts.EventTypes;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Empties this replica's {@link DevicePolicyCache} on every policy change on {@code mdm.policy.v1}.
 *
 * <p>Every replica has a cache of its own, so every replica must see every change: the channel's
 * consumer group is unique per process ({@code ${quarkus.uuid}}), never shared, and commits no
 * offsets, so no group is left behind. It reads the topic from its start, so that a change
 * announced while the replica was starting is not missed; replaying old changes only empties a
 * cache that is still filling. A published or archived policy may concern any device, so the
 * whole cache goes. A compliance change alters no policy and is ignored; a record that cannot be
 * read empties the cache too, since it may have been a change.
 */
@ApplicationScoped
public class PolicyChangeConsumer {

    static final String CHANNEL = "policy-events";

    private final DevicePolicyCache policies;
    private final ObjectMapper json;

    public PolicyChangeConsumer(DevicePolicyCache policies, ObjectMapper json) {
        this.policies = policies;
        this.json = json;
    }

    @Incoming(CHANNEL)
    public void onPolicyEvent(String value) {
        boolean complianceOnly = IncomingEvent.parse(json, value)
                .map(event -> event.type().equals(EventTypes.COMPLIANCE_CHANGED))
                .orElse(false);
        if (!complianceOnly) {
            policies.invalidateAll();
        }
    }
}
