package io.mdm.policy.domain;

/** The phone's operating system; it picks which minimum OS version of a policy applies. */
public enum Platform {
    ANDROID,
    IOS
}
