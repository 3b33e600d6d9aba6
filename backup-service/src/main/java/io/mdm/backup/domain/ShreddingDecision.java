package io.mdm.backup.domain;

/** Whether an employee's data key may be destroyed now. */
public enum ShreddingDecision {
    SHRED,
    /** Principle 5: under an active legal hold nothing of the employee is shredded. */
    REFUSED_UNDER_HOLD;

    public static ShreddingDecision decide(boolean underActiveHold) {
        return underActiveHold ? REFUSED_UNDER_HOLD : SHRED;
    }
}
