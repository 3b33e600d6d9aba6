package io.mdm.policy.domain;

/** Who owns the phone; it decides which privacy guardrails apply. */
public enum Ownership {
    /** A personal phone ("bring your own device"): only the work profile is managed. */
    BYOD,
    CORPORATE
}
