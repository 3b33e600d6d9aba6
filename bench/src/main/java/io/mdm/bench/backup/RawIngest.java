package io.mdm.bench.backup;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoDatabase;
import io.mdm.backup.domain.ChatMessage;
import io.mdm.backup.domain.EmployeeDataKey;
import io.mdm.backup.domain.MessageSealer;
import io.mdm.backup.domain.SealedMessage;
import io.mdm.backup.persistence.MessageRepository;
import io.mdm.bench.ConcurrentBatches;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

/**
 * The raw baseline: what ingest cannot do without, measured without HTTP, authentication,
 * validation, the policy check and the upload bookkeeping. It seals each message with the
 * backup-service's own {@link MessageSealer} (Tink AES-256-GCM, associated data employee and
 * message id, the same fields sealed) under one employee key, as the service's key cache gives
 * it, and stores every batch with the service's own {@link MessageRepository#insert}: the same
 * documents, the same indexes, one unordered insertMany per batch of 100, in a scratch
 * database that is dropped afterwards.
 */
public final class RawIngest implements AutoCloseable {

    private static final int RETENTION_DAYS = 365;

    private final MongoDatabase scratch;
    private final MessageRepository repository;
    private final EmployeeDataKey key = EmployeeDataKey.generate();
    private final String employeeId;
    private final String deviceId;
    private final ConcurrentBatches threads;

    public RawIngest(MongoClient mongo, String scratchDatabase, String employeeId, String deviceId,
                     ConcurrentBatches threads) {
        this.scratch = mongo.getDatabase(scratchDatabase);
        this.repository = new MessageRepository(mongo, scratchDatabase);
        this.employeeId = employeeId;
        this.deviceId = deviceId;
        this.threads = threads;
    }

    public ConcurrentBatches.Timing store(List<List<ChatMessage>> batches) {
        return threads.run(batches, this::storeBatch);
    }

    private void storeBatch(List<ChatMessage> batch) {
        MessageSealer sealer = new MessageSealer(key);
        List<SealedMessage> sealed = batch.stream().map(message -> sealer.seal(employeeId, message)).toList();
        MessageRepository.Archived archived = repository.insert(employeeId, deviceId, UUID.randomUUID().toString(),
                sealed, Instant.now().truncatedTo(ChronoUnit.MILLIS), RETENTION_DAYS);
        if (archived.accepted() != batch.size()) {
            throw new IllegalStateException("the raw insert stored " + archived.accepted() + " of " + batch.size());
        }
    }

    /** Drops the scratch database. */
    @Override
    public void close() {
        scratch.drop();
    }
}
