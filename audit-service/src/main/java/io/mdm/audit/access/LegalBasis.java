package io.mdm.audit.access;

/** Why a compliance officer may ask to read an employee's business backup (GDPR Art. 6 grounds). */
public enum LegalBasis {
    LEGAL_OBLIGATION,
    REGULATORY_INVESTIGATION,
    LEGITIMATE_INTEREST,
    LITIGATION
}
