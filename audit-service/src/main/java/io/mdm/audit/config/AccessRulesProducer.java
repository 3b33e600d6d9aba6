package io.mdm.audit.config;

import io.mdm.audit.access.AccessRules;
import io.quarkus.runtime.Startup;
import io.quarkus.runtime.configuration.ConfigurationException;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import java.util.Set;
import java.util.function.Supplier;

/** Builds the four-eyes {@link AccessRules} from {@link AccessConfig}, once, at start-up. */
public class AccessRulesProducer {

    static final String REQUIRED_APPROVERS = "mdm.access.required-approvers";
    static final String DECIDE_WITHIN = "mdm.access.decide-within";
    static final String MAX_NOTIFICATION_DELAY_DAYS = "mdm.access.max-notification-delay-days";

    /**
     * Eager, so that a bad value stops the service when it starts rather than at the first request.
     *
     * @throws ConfigurationException naming the key whose value the rules refuse
     */
    @Produces
    @Singleton
    @Startup
    AccessRules accessRules(AccessConfig config) {
        return rulesFrom(config);
    }

    static AccessRules rulesFrom(AccessConfig config) {
        // AccessRules checks each value on its own, so trying one configured value beside the
        // defaults tells exactly which key is wrong without repeating the domain's limits here.
        AccessRules defaults = AccessRules.defaults();
        check(REQUIRED_APPROVERS, () -> new AccessRules(config.requiredApprovers(), defaults.decideWithin(),
                defaults.maxNotificationDelayDays()));
        check(DECIDE_WITHIN, () -> new AccessRules(defaults.requiredApprovers(), config.decideWithin(),
                defaults.maxNotificationDelayDays()));
        check(MAX_NOTIFICATION_DELAY_DAYS, () -> new AccessRules(defaults.requiredApprovers(),
                defaults.decideWithin(), config.maxNotificationDelayDays()));
        return new AccessRules(config.requiredApprovers(), config.decideWithin(), config.maxNotificationDelayDays());
    }

    private static void check(String key, Supplier<AccessRules> rules) {
        try {
            rules.get();
        } catch (IllegalArgumentException e) {
            throw new ConfigurationException("Invalid value of " + key + ": " + e.getMessage(), Set.of(key));
        }
    }
}
