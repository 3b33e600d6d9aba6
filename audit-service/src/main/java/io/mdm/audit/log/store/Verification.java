package io.mdm.audit.log.store;

/**
 * The outcome of checking the stored log against itself, its head and its checkpoints.
 *
 * @param valid           whether every check passed
 * @param size            the head's size: the number of records the log claims
 * @param rootHash        when valid, the root recomputed from the records (equal to the head's);
 *                        otherwise the head's root, which the records do not back
 * @param firstInvalidSeq null when valid; otherwise the first seq the log can no longer vouch
 *                        for. A record that is missing, unreadable or differs from its stored hash
 *                        is found exactly. A record changed together with its stored hash shows
 *                        only as a root that differs from a checkpoint's or the head's; then it is
 *                        the size of the last checkpoint that still matched (0 if none), since the
 *                        change lies at or after it
 * @param problem         null when valid; otherwise what failed, for the analyst
 */
public record Verification(boolean valid, long size, byte[] rootHash, Long firstInvalidSeq, String problem) {

    public Verification {
        rootHash = rootHash.clone();
    }

    static Verification valid(long size, byte[] rootHash) {
        return new Verification(true, size, rootHash, null, null);
    }

    static Verification invalid(LogHead head, long firstInvalidSeq, String problem) {
        return new Verification(false, head.size(), head.rootHash(), firstInvalidSeq, problem);
    }

    @Override
    public byte[] rootHash() {
        return rootHash.clone();
    }
}
