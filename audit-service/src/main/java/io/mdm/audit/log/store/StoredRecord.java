package io.mdm.audit.log.store;

import io.mdm.audit.log.AuditRecord;

import java.util.Base64;

/**
 * A record as storage holds it: the record and the leaf hash written beside it when it was
 * appended. The two agree unless someone changed the stored record; {@link LogVerifier} checks.
 */
public record StoredRecord(AuditRecord record, byte[] storedHash) {

    public StoredRecord {
        storedHash = storedHash.clone();
    }

    public long seq() {
        return record.seq();
    }

    @Override
    public byte[] storedHash() {
        return storedHash.clone();
    }

    public String storedHashBase64() {
        return Base64.getEncoder().encodeToString(storedHash);
    }
}
