package io.mdm.audit.log.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mdm.audit.log.AuditRecord;
import io.mdm.audit.log.CanonicalJson;
import io.mdm.audit.log.MerkleTree;
import org.bson.Document;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Date;

/**
 * The stored shape of an audit record in {@value AuditLogStore#RECORDS}:
 * {@code {_id: seq, time, type, actor, subjectEmployeeId?, data, hash, sourceId?}}.
 *
 * <p>{@code data} is stored as its RFC 8785 text, not as a BSON document: BSON has no exact
 * counterpart of a JSON number and refuses some member names, and a stored record must give back
 * exactly the bytes that were hashed. {@code time} is a BSON date (milliseconds, which is all a
 * record keeps). {@code hash} is the base64 leaf hash computed when the record was appended.
 */
final class RecordDocuments {

    static final String ID = "_id";
    static final String TIME = "time";
    static final String TYPE = "type";
    static final String ACTOR = "actor";
    static final String SUBJECT = "subjectEmployeeId";
    static final String DATA = "data";
    static final String HASH = "hash";
    static final String SOURCE_ID = "sourceId";

    private static final ObjectMapper JSON = new ObjectMapper();

    private RecordDocuments() {
    }

    /** The document of a new record, with its leaf hash. */
    static Document toDocument(AuditRecord record, String sourceId) {
        Document doc = new Document(ID, record.seq())
                .append(TIME, Date.from(record.time()))
                .append(TYPE, record.type())
                .append(ACTOR, record.actor());
        if (record.subjectEmployeeId() != null) {
            doc.append(SUBJECT, record.subjectEmployeeId());
        }
        doc.append(DATA, new String(CanonicalJson.serialize(record.data()), StandardCharsets.UTF_8))
                .append(HASH, Base64.getEncoder().encodeToString(record.leafHash()));
        if (sourceId != null) {
            doc.append(SOURCE_ID, sourceId);
        }
        return doc;
    }

    /**
     * Reads a stored record back.
     *
     * @throws IllegalArgumentException if a field is missing or has the wrong type, which only a
     *                                  change outside the service can cause
     */
    static StoredRecord toStoredRecord(Document doc) {
        try {
            AuditRecord record = new AuditRecord(seqOf(doc), doc.getDate(TIME).toInstant(), doc.getString(TYPE),
                    doc.getString(ACTOR), doc.getString(SUBJECT), parse(doc.getString(DATA)));
            return new StoredRecord(record, hashOf(doc));
        } catch (ClassCastException | NullPointerException e) {
            throw new IllegalArgumentException("malformed audit record document " + doc.get(ID), e);
        }
    }

    static long seqOf(Document doc) {
        if (!(doc.get(ID) instanceof Number seq)) {
            throw new IllegalArgumentException("audit record without a numeric _id");
        }
        return seq.longValue();
    }

    /** The stored leaf hash, which must be 32 bytes of base64. */
    static byte[] hashOf(Document doc) {
        if (!(doc.get(HASH) instanceof String text)) {
            throw new IllegalArgumentException("audit record " + doc.get(ID) + " without a hash");
        }
        byte[] hash = Base64.getDecoder().decode(text);
        if (hash.length != MerkleTree.HASH_SIZE) {
            throw new IllegalArgumentException("audit record " + doc.get(ID) + " with a hash of " + hash.length + " bytes");
        }
        return hash;
    }

    private static JsonNode parse(String data) {
        if (data == null) {
            throw new IllegalArgumentException("audit record without data");
        }
        try {
            return JSON.readTree(data);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("audit record data is not JSON", e);
        }
    }
}
