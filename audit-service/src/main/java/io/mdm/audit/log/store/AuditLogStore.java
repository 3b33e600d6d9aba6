package io.mdm.audit.log.store;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoBulkWriteException;
import com.mongodb.MongoWriteException;
import com.mongodb.bulk.BulkWriteError;
import com.mongodb.client.FindIterable;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.InsertManyOptions;
import com.mongodb.client.model.Projections;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import io.mdm.audit.log.AuditRecord;
import io.mdm.audit.log.MerkleFrontier;
import org.bson.Document;
import org.bson.conversions.Bson;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.locks.ReentrantLock;
import java.util.stream.LongStream;

import static io.mdm.audit.log.store.RecordDocuments.HASH;
import static io.mdm.audit.log.store.RecordDocuments.ID;
import static io.mdm.audit.log.store.RecordDocuments.SOURCE_ID;
import static io.mdm.audit.log.store.RecordDocuments.SUBJECT;
import static io.mdm.audit.log.store.RecordDocuments.TYPE;

/**
 * The audit log in MongoDB: append-only records in {@value #RECORDS} ({@code _id} = seq) and one
 * head document in {@value #HEAD} with the committed size, Merkle frontier and root.
 *
 * <p>The append protocol never forks, with any number of writers (threads, replicas) and
 * without multi-document transactions:
 * <ol>
 *   <li>Roll forward: read the head (size n), fold the records stored at n, n+1, ... (left by
 *       an append that has not moved the head, possibly a crashed one) into the frontier and
 *       move the head over them; repeat until nothing lies beyond the head.</li>
 *   <li>Insert the new records with seqs n, n+1, ... in one ordered insertMany. The unique
 *       {@code _id} lets only one writer have each seq: a writer that loses a seq gets E11000,
 *       keeps the records it inserted before it (they are in the log now) and goes round again
 *       with the rest. Records therefore always form a gapless prefix 0..m.</li>
 *   <li>Move the head with a conditional update on {@code {size: n}}. If another writer moved it
 *       first, it has folded or will fold these records; the append returns only once the head
 *       covers all of them (rolling forward itself if needed), which is what makes it durable.</li>
 * </ol>
 * A unique sparse index on {@code sourceId} makes appends with a source id idempotent: the
 * insert of a second record for the same source fails, and the first one's record is answered.
 *
 * <p>Within one process, appends are grouped: callers queue their entries and whichever holds
 * the writer lock appends everything queued in one insertMany, so concurrent callers share the
 * round trips instead of fighting over seqs. Writes use the collection's write concern, i.e.
 * the connection string's ({@code w=majority} for a replica set).
 */
public final class AuditLogStore {

    public static final String RECORDS = "audit_records";
    public static final String HEAD = "audit_log_head";
    /**
     * Documents per reply when the whole log is read (verification, proofs): without it a server
     * may answer 100,000 records in one reply, beyond the driver's 48 MB message limit.
     */
    private static final int READ_BATCH = 2_000;

    /** Records per insertMany and per roll-forward read: a whole poll of the source consumer. */
    static final int BATCH = 2_000;
    /** Entries one leader takes from the queue at a time. */
    private static final int GROUP = 2_000;

    private static final String HEAD_ID = "head";
    private static final String SIZE = "size";
    private static final String FRONTIER = "frontier";
    private static final String ROOT_HASH = "rootHash";
    private static final String UPDATED_AT = "updatedAt";

    private final MongoCollection<Document> records;
    private final MongoCollection<Document> heads;
    private final Clock clock;
    private final ReentrantLock writer = new ReentrantLock();
    private final Queue<QueuedAppend> queued = new ConcurrentLinkedQueue<>();

    public AuditLogStore(MongoDatabase database, Clock clock) {
        this.records = database.getCollection(RECORDS);
        this.heads = database.getCollection(HEAD);
        this.clock = clock;
        records.createIndex(Indexes.ascending(SOURCE_ID), new IndexOptions().unique(true).sparse(true));
        records.createIndex(Indexes.compoundIndex(Indexes.ascending(TYPE), Indexes.ascending(ID)));
        records.createIndex(Indexes.compoundIndex(Indexes.ascending(SUBJECT), Indexes.ascending(ID)));
        createHeadIfAbsent();
    }

    /**
     * Appends the entries in order and returns their records once the head covers them. An entry
     * whose source id is already in the log is not appended again; its existing record stands in
     * its place in the answer.
     *
     * @throws RuntimeException the MongoDB error when storage fails; then nothing is promised
     *                          about the entries (a retry with source ids appends none twice)
     */
    public List<AuditRecord> append(List<AuditEntry> entries) {
        if (entries.isEmpty()) {
            return List.of();
        }
        QueuedAppend mine = new QueuedAppend(List.copyOf(entries));
        queued.add(mine);
        writer.lock();
        try {
            // Holding the lock, an unfinished append of ours is still queued: a leader finishes
            // everything it took before it lets go.
            while (!mine.result.isDone()) {
                appendGroup(takeGroup());
            }
        } finally {
            writer.unlock();
        }
        try {
            return mine.result.join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException cause ? cause : e;
        }
    }

    /** The committed head. */
    public LogHead head() {
        Document doc = heads.find(Filters.eq(ID, HEAD_ID)).first();
        if (doc == null) {
            createHeadIfAbsent();
            return LogHead.empty();
        }
        List<byte[]> frontier = doc.getList(FRONTIER, String.class, List.of()).stream()
                .map(Base64.getDecoder()::decode).toList();
        Date updatedAt = doc.getDate(UPDATED_AT);
        return new LogHead(MerkleFrontier.restore(((Number) doc.get(SIZE)).longValue(), frontier),
                Base64.getDecoder().decode(doc.getString(ROOT_HASH)), updatedAt == null ? null : updatedAt.toInstant());
    }

    /**
     * Moves the head over every record stored contiguously beyond it, and answers the head that
     * has nothing beyond it. Appends do this first; it also finishes the append of a writer that
     * crashed between inserting its records and moving the head.
     */
    public LogHead rollForward() {
        while (true) {
            LogHead head = head();
            // Mostly nothing lies beyond the head: one index lookup says so. The seqs are named
            // (not a range) so that every server, the embedded one too, answers from the index.
            if (records.find(Filters.eq(ID, head.size())).projection(Projections.include(ID)).first() == null) {
                return head;
            }
            MerkleFrontier frontier = head.frontier();
            List<Long> beyond = LongStream.range(head.size(), head.size() + BATCH).boxed().toList();
            for (Document doc : records.find(Filters.in(ID, beyond)).sort(Sorts.ascending(ID))
                    .projection(Projections.include(ID, HASH))) {
                if (RecordDocuments.seqOf(doc) != frontier.size()) {
                    break;
                }
                // The hash its writer stored: the fold finishes that writer's append as it meant it.
                frontier = frontier.append(RecordDocuments.hashOf(doc));
            }
            if (frontier.size() == head.size()) {
                return head;
            }
            moveHead(head.size(), frontier);
        }
    }

    /** The record appended for {@code sourceId}, if any (it may lie beyond the head until rolled forward). */
    public Optional<AuditRecord> findBySourceId(String sourceId) {
        return Optional.ofNullable(records.find(Filters.eq(SOURCE_ID, sourceId)).first())
                .map(doc -> readable(doc).record());
    }

    /**
     * Up to {@code limit} records with {@code afterSeq < seq < belowSeq}, in seq order, optionally
     * only of one type and one subject.
     */
    public List<StoredRecord> page(long afterSeq, long belowSeq, String type, String subjectEmployeeId, int limit) {
        List<Bson> filters = new ArrayList<>(List.of(Filters.gt(ID, afterSeq), Filters.lt(ID, belowSeq)));
        if (type != null) {
            filters.add(Filters.eq(TYPE, type));
        }
        if (subjectEmployeeId != null) {
            filters.add(Filters.eq(SUBJECT, subjectEmployeeId));
        }
        return records.find(Filters.and(filters)).sort(Sorts.ascending(ID)).limit(limit)
                .map(AuditLogStore::readable).into(new ArrayList<>());
    }

    /**
     * The records {@code fromSeq, fromSeq + 1, ...} below {@code belowSeq}, at most {@code limit},
     * stopping before the first missing seq.
     */
    public List<StoredRecord> range(long fromSeq, long belowSeq, int limit) {
        List<StoredRecord> found = new ArrayList<>();
        long end = Math.min(belowSeq, fromSeq + limit);
        if (end <= fromSeq) {
            return found;
        }
        // The seqs by name: an index lookup on every server (the embedded one scans for a range),
        // so the stream's polling costs the same with ten records as with ten million.
        List<Long> seqs = LongStream.range(fromSeq, end).boxed().toList();
        for (Document doc : records.find(Filters.in(ID, seqs)).sort(Sorts.ascending(ID))) {
            StoredRecord stored = readable(doc);
            if (stored.seq() != fromSeq + found.size()) {
                break;
            }
            found.add(stored);
        }
        return found;
    }

    /**
     * The stored leaf hashes of records {@code 0..treeSize-1}, for Merkle proofs. O(treeSize):
     * it reads one small field of each record, which is fine for the size of this log.
     *
     * @throws LogIntegrityException if a record below {@code treeSize} is missing
     */
    public List<byte[]> leafHashes(long treeSize) {
        List<byte[]> hashes = new ArrayList<>();
        for (Document doc : records.find(Filters.lt(ID, treeSize)).sort(Sorts.ascending(ID))
                .projection(Projections.include(ID, HASH)).batchSize(READ_BATCH)) {
            if (RecordDocuments.seqOf(doc) != hashes.size()) {
                break;
            }
            try {
                hashes.add(RecordDocuments.hashOf(doc));
            } catch (IllegalArgumentException e) {
                throw new LogIntegrityException(hashes.size(), e.getMessage());
            }
        }
        if (hashes.size() != treeSize) {
            throw new LogIntegrityException(hashes.size(), "audit record " + hashes.size() + " is missing");
        }
        return hashes;
    }

    /** Every stored record document below {@code size}, in seq order, as stored; for {@link LogVerifier}. */
    FindIterable<Document> documentsBelow(long size) {
        return records.find(Filters.lt(ID, size)).sort(Sorts.ascending(ID)).batchSize(READ_BATCH);
    }

    /** @throws LogIntegrityException for a document changed outside the service into something unreadable */
    private static StoredRecord readable(Document doc) {
        try {
            return RecordDocuments.toStoredRecord(doc);
        } catch (IllegalArgumentException e) {
            Object seq = doc.get(ID);
            throw new LogIntegrityException(seq instanceof Number number ? number.longValue() : -1,
                    "audit record " + seq + " cannot be read: " + e.getMessage());
        }
    }

    private List<QueuedAppend> takeGroup() {
        List<QueuedAppend> group = new ArrayList<>();
        int entries = 0;
        QueuedAppend next;
        while (entries < GROUP && (next = queued.poll()) != null) {
            group.add(next);
            entries += next.entries.size();
        }
        return group;
    }

    private void appendGroup(List<QueuedAppend> group) {
        List<AuditEntry> entries = new ArrayList<>();
        group.forEach(append -> entries.addAll(append.entries));
        try {
            List<AuditRecord> appended = appendInOrder(entries);
            int from = 0;
            for (QueuedAppend append : group) {
                append.result.complete(appended.subList(from, from + append.entries.size()));
                from += append.entries.size();
            }
        } catch (RuntimeException | Error e) {
            group.forEach(append -> append.result.completeExceptionally(e));
        }
    }

    private List<AuditRecord> appendInOrder(List<AuditEntry> entries) {
        List<AuditRecord> appended = new ArrayList<>(entries.size());
        long highestSeq = -1;
        long headCovers = 0;
        int next = 0;
        while (next < entries.size()) {
            LogHead head = rollForward();
            List<AuditEntry> chunk = entries.subList(next, Math.min(entries.size(), next + BATCH));
            Instant now = clock.instant();
            List<AuditRecord> built = new ArrayList<>(chunk.size());
            List<Document> docs = new ArrayList<>(chunk.size());
            for (AuditEntry entry : chunk) {
                AuditRecord record = new AuditRecord(head.size() + built.size(), now, entry.type(), entry.actor(),
                        entry.subjectEmployeeId(), entry.data());
                built.add(record);
                docs.add(RecordDocuments.toDocument(record, entry.sourceId()));
            }
            int inserted = insertInOrder(docs);
            appended.addAll(built.subList(0, inserted));
            next += inserted;
            if (inserted > 0) {
                highestSeq = built.get(inserted - 1).seq();
            }
            if (inserted == chunk.size()) {
                MerkleFrontier frontier = head.frontier();
                for (AuditRecord record : built) {
                    frontier = frontier.append(record.leafHash());
                }
                // If this loses, the writer that moved the head first folds these records or
                // leaves them to the roll forward below.
                if (moveHead(head.size(), frontier)) {
                    headCovers = frontier.size();
                }
                continue;
            }
            AuditEntry refused = chunk.get(inserted);
            Optional<AuditRecord> existing = refused.sourceId() == null
                    ? Optional.empty() : findBySourceId(refused.sourceId());
            if (existing.isPresent()) {
                appended.add(existing.get());
                highestSeq = Math.max(highestSeq, existing.get().seq());
                next++;
            }
            // Otherwise another writer took that seq: go round with a fresh head.
        }
        if (highestSeq >= headCovers) {
            long reached = rollForward().size();
            if (reached <= highestSeq) {
                throw new LogIntegrityException(reached, "audit record " + reached
                        + " is missing, so the head cannot reach the appended records");
            }
        }
        return appended;
    }

    /**
     * Inserts in order and answers how many were inserted: all, or those before the first
     * duplicate key (a seq another writer took, or a source id already in the log).
     */
    private int insertInOrder(List<Document> docs) {
        try {
            records.insertMany(docs, new InsertManyOptions().ordered(true));
            return docs.size();
        } catch (MongoBulkWriteException e) {
            BulkWriteError first = e.getWriteErrors().stream()
                    .min((a, b) -> Integer.compare(a.getIndex(), b.getIndex()))
                    .orElseThrow(() -> e);
            if (ErrorCategory.fromErrorCode(first.getCode()) != ErrorCategory.DUPLICATE_KEY) {
                throw e;
            }
            return first.getIndex();
        }
    }

    /** Moves the head from {@code expectedSize} to {@code frontier}; false if someone moved it first. */
    private boolean moveHead(long expectedSize, MerkleFrontier frontier) {
        return heads.updateOne(Filters.and(Filters.eq(ID, HEAD_ID), Filters.eq(SIZE, expectedSize)),
                Updates.combine(
                        Updates.set(SIZE, frontier.size()),
                        Updates.set(FRONTIER, frontier.hashes().stream().map(Base64.getEncoder()::encodeToString).toList()),
                        Updates.set(ROOT_HASH, Base64.getEncoder().encodeToString(frontier.rootHash())),
                        Updates.set(UPDATED_AT, Date.from(clock.instant())))).getMatchedCount() == 1;
    }

    private void createHeadIfAbsent() {
        Document empty = new Document(SIZE, 0L)
                .append(FRONTIER, List.of())
                .append(ROOT_HASH, Base64.getEncoder().encodeToString(LogHead.empty().rootHash()));
        try {
            heads.updateOne(Filters.eq(ID, HEAD_ID), new Document("$setOnInsert", empty), new UpdateOptions().upsert(true));
        } catch (MongoWriteException e) {
            // Another replica created it at the same moment.
            if (e.getError().getCategory() != ErrorCategory.DUPLICATE_KEY) {
                throw e;
            }
        }
    }

    private static final class QueuedAppend {

        private final List<AuditEntry> entries;
        private final CompletableFuture<List<AuditRecord>> result = new CompletableFuture<>();

        private QueuedAppend(List<AuditEntry> entries) {
            this.entries = entries;
        }
    }
}
