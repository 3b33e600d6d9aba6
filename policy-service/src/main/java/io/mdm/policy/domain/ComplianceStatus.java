package io.mdm.policy.domain;

public enum ComplianceStatus {
    COMPLIANT,
    NON_COMPLIANT
}
