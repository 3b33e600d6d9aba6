package io.mdm.policy.persistence;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Projections;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.Updates;
import io.mdm.contracts.EventTypes;
import io.mdm.contracts.Topics;
import io.mdm.contracts.events.PolicyEvents.PolicyArchived;
import io.mdm.contracts.events.PolicyEvents.PolicyPublished;
import io.mdm.platform.events.Outbox;
import io.mdm.policy.Policy;
import io.mdm.policy.domain.Ownership;
import io.mdm.policy.domain.PolicyDraft;
import io.mdm.policy.domain.PolicySettings;
import io.mdm.policy.domain.PolicyTarget;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.IntPredicate;
import java.util.stream.Collectors;

/**
 * Policies in two collections. {@code policy_versions} holds every version, immutable, unique per
 * (policyId, version). {@code policies} holds one head per policy: its status and a copy of its
 * latest version, the document that queries read and that carries the outbox.
 *
 * <p>A change writes the new version first and then moves the head with an update conditional on
 * the previous version, the event riding in that same head update. A crash between the two writes
 * therefore never leaves a head pointing at a missing version; it leaves a version one above the
 * head, which no read serves, and which the next writer completes (see
 * {@link #completePendingVersion}). Two writers racing for the same version number meet at the
 * unique index: one inserts it, and the other retries with the next number.
 */
@ApplicationScoped
@Startup
public class PolicyRepository {

    static final String HEADS = "policies";
    static final String VERSIONS = "policy_versions";
    /** Every failed attempt commits some other writer's version, so a handful of rounds is plenty. */
    static final int MAX_WRITE_ATTEMPTS = 10;

    private static final TypeReference<Map<String, Object>> JSON_OBJECT = new TypeReference<>() {
    };

    private final MongoCollection<Document> heads;
    private final MongoCollection<Document> versions;
    private final Outbox outbox;
    private final ObjectMapper json;

    public PolicyRepository(MongoClient mongo, @ConfigProperty(name = "quarkus.mongodb.database") String database,
                            Outbox outbox, ObjectMapper json) {
        this.heads = mongo.getDatabase(database).getCollection(HEADS);
        this.versions = mongo.getDatabase(database).getCollection(VERSIONS);
        this.outbox = outbox;
        this.json = json;
        versions.createIndex(Indexes.ascending("policyId", "version"), new IndexOptions().unique(true));
        heads.createIndex(Indexes.ascending("status", "target.ownership"));
        heads.createIndex(Indexes.ascending("createdAt", "_id"));
        heads.createIndex(Indexes.ascending("status", "createdAt", "_id"));
    }

    /** The outcome of a change to an existing policy. */
    public sealed interface WriteOutcome {
        /** The change is stored; {@code policy} is the version it made (or the archived policy). */
        record Written(Policy policy) implements WriteOutcome {
        }

        record NotFound() implements WriteOutcome {
        }

        /** Archived policies are never changed again. */
        record Archived(Policy current) implements WriteOutcome {
        }

        /** The caller's precondition (If-Match) does not accept the current version. */
        record VersionMismatch(Policy current) implements WriteOutcome {
        }

        /** Other writers kept winning; this call stored no version of its own. */
        record Contended() implements WriteOutcome {
        }
    }

    /** One page of heads and, when more follow, where the next page starts. */
    public record Page(List<Policy> items, Optional<PolicyCursor> next) {
        public Page {
            items = List.copyOf(items);
        }
    }

    /** The identity and settings of an active policy, what an effective policy is merged from. */
    public record ActivePolicy(String policyId, int version, PolicySettings settings) {
    }

    /** Stores version 1 of a new policy and its policy-published event. */
    public void create(Policy policy) {
        if (policy.version() != 1 || !policy.isActive()) {
            throw new IllegalArgumentException("a new policy starts as active version 1");
        }
        if (!insertVersion(policy)) {
            throw new IllegalStateException("policy id " + policy.id() + " is taken");
        }
        heads.insertOne(headDocument(policy).append(Outbox.FIELD, List.of(published(policy))));
    }

    /** The latest version. */
    public Optional<Policy> find(String policyId) {
        return Optional.ofNullable(heads.find(Filters.eq("_id", policyId))
                .projection(Projections.exclude(Outbox.FIELD)).first()).map(this::fromHead);
    }

    /**
     * One version, with the policy's current status. A version above the head's is not readable:
     * its writer has not moved the head yet, or crashed before it could.
     */
    public Optional<Policy> findVersion(String policyId, int version) {
        Optional<Policy> head = find(policyId);
        if (head.isEmpty() || version < 1 || version > head.get().version()) {
            return Optional.empty();
        }
        return Optional.ofNullable(versions.find(versionKey(policyId, version)).first())
                .map(document -> fromVersion(document, head.get()));
    }

    /** Heads in creation order, optionally of one status only. */
    public Page list(Optional<Policy.Status> status, int limit, Optional<PolicyCursor> after) {
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be positive: " + limit);
        }
        List<Bson> filters = new ArrayList<>();
        status.ifPresent(wanted -> filters.add(Filters.eq("status", wanted.name())));
        after.ifPresent(cursor -> {
            Date createdAt = Date.from(cursor.createdAt());
            filters.add(Filters.or(Filters.gt("createdAt", createdAt),
                    Filters.and(Filters.eq("createdAt", createdAt), Filters.gt("_id", cursor.policyId()))));
        });
        List<Policy> found = heads.find(filters.isEmpty() ? new Document() : Filters.and(filters))
                .projection(Projections.exclude(Outbox.FIELD))
                .sort(Sorts.ascending("createdAt", "_id"))
                .limit(limit + 1)
                .map(this::fromHead)
                .into(new ArrayList<>());
        if (found.size() <= limit) {
            return new Page(found, Optional.empty());
        }
        List<Policy> page = found.subList(0, limit);
        Policy last = page.getLast();
        return new Page(page, Optional.of(new PolicyCursor(last.createdAt(), last.id())));
    }

    /**
     * Every active policy that applies to a device of this ownership and employee, in policy id
     * order. The query narrows by status and ownership (indexed); {@link PolicyTarget#appliesTo}
     * then decides on the employee list.
     *
     * @param employeeId the device's employee; required, as every enrolled device has one
     */
    public List<ActivePolicy> activePoliciesFor(Ownership ownership, String employeeId) {
        Objects.requireNonNull(ownership, "ownership");
        Objects.requireNonNull(employeeId, "employeeId");
        return heads.find(Filters.and(Filters.eq("status", Policy.Status.ACTIVE.name()),
                        Filters.eq("target.ownership", ownership.name())))
                .projection(Projections.exclude(Outbox.FIELD))
                .sort(Sorts.ascending("_id"))
                .map(this::fromHead)
                .into(new ArrayList<>())
                .stream()
                .filter(policy -> policy.target().appliesTo(ownership, employeeId))
                .map(policy -> new ActivePolicy(policy.id(), policy.version(), policy.settings()))
                .toList();
    }

    /**
     * Makes the draft the policy's next version, with its policy-published event.
     *
     * @param acceptsVersion the caller's precondition on the version it replaces
     */
    public WriteOutcome revise(String policyId, IntPredicate acceptsVersion, PolicyDraft draft, String by,
                               Instant at) {
        for (int attempt = 0; attempt < MAX_WRITE_ATTEMPTS; attempt++) {
            Optional<Policy> found = find(policyId);
            if (found.isEmpty()) {
                return new WriteOutcome.NotFound();
            }
            Policy head = found.get();
            if (!head.isActive()) {
                return new WriteOutcome.Archived(head);
            }
            if (!acceptsVersion.test(head.version())) {
                return new WriteOutcome.VersionMismatch(head);
            }
            Policy next = head.revise(draft, by, at);
            if (!insertVersion(next)) {
                completePendingVersion(head);
                continue;
            }
            if (moveHead(head.version(), next)) {
                return new WriteOutcome.Written(next);
            }
            // Our version is stored; the head moved without us: another writer completed our
            // version for us (and perhaps wrote more), or the policy was archived meanwhile.
            Policy current = find(policyId).orElseThrow();
            if (current.version() >= next.version()) {
                return new WriteOutcome.Written(next);
            }
            if (!current.isActive()) {
                return new WriteOutcome.Archived(current);
            }
        }
        return new WriteOutcome.Contended();
    }

    /** Archives the policy at its current version, with its policy-archived event. */
    public WriteOutcome archive(String policyId, IntPredicate acceptsVersion, String by, Instant at) {
        for (int attempt = 0; attempt < MAX_WRITE_ATTEMPTS; attempt++) {
            Optional<Policy> found = find(policyId);
            if (found.isEmpty()) {
                return new WriteOutcome.NotFound();
            }
            Policy head = found.get();
            if (!head.isActive()) {
                return new WriteOutcome.Archived(head);
            }
            if (!acceptsVersion.test(head.version())) {
                return new WriteOutcome.VersionMismatch(head);
            }
            Policy archived = head.archive(by, at);
            long matched = heads.updateOne(activeHeadAt(policyId, head.version()), Updates.combine(
                            Updates.set("status", archived.status().name()),
                            Updates.set("archivedAt", Date.from(archived.archivedAt())),
                            Updates.set("archivedBy", archived.archivedBy()),
                            Updates.push(Outbox.FIELD, outbox.entry(Topics.POLICY, policyId,
                                    EventTypes.POLICY_ARCHIVED, policyId, new PolicyArchived(policyId,
                                            archived.version(), archived.archivedBy(), archived.archivedAt())))))
                    .getMatchedCount();
            if (matched == 1) {
                return new WriteOutcome.Written(archived);
            }
        }
        return new WriteOutcome.Contended();
    }

    /** The first half of a change. False when that version exists already (another writer's). */
    boolean insertVersion(Policy version) {
        try {
            versions.insertOne(versionDocument(version));
            return true;
        } catch (MongoWriteException e) {
            if (e.getError().getCategory() == ErrorCategory.DUPLICATE_KEY) {
                return false;
            }
            throw e;
        }
    }

    /**
     * The version after the head exists, but the head does not point at it: its writer is between
     * its two writes, or crashed there. The version was checked before it was stored, so it is
     * committed on its writer's behalf, event included. The conditional head update lets exactly
     * one of the writers that try this succeed.
     */
    private void completePendingVersion(Policy head) {
        Document pending = versions.find(versionKey(head.id(), head.version() + 1)).first();
        if (pending != null) {
            moveHead(head.version(), fromVersion(pending, head));
        }
    }

    /** The second half of a change: only an active head still at {@code previousVersion} moves. */
    private boolean moveHead(int previousVersion, Policy next) {
        return heads.updateOne(activeHeadAt(next.id(), previousVersion), Updates.combine(
                        Updates.set("version", next.version()),
                        Updates.set("name", next.name()),
                        Updates.set("description", next.description()),
                        Updates.set("target", targetDocument(next.target())),
                        Updates.set("settings", settingsDocument(next.settings())),
                        Updates.set("updatedAt", Date.from(next.updatedAt())),
                        Updates.set("updatedBy", next.updatedBy()),
                        Updates.push(Outbox.FIELD, published(next))))
                .getMatchedCount() == 1;
    }

    private static Bson activeHeadAt(String policyId, int version) {
        return Filters.and(Filters.eq("_id", policyId), Filters.eq("version", version),
                Filters.eq("status", Policy.Status.ACTIVE.name()));
    }

    private static Bson versionKey(String policyId, int version) {
        return Filters.and(Filters.eq("policyId", policyId), Filters.eq("version", version));
    }

    private Document published(Policy policy) {
        return outbox.entry(Topics.POLICY, policy.id(), EventTypes.POLICY_PUBLISHED, policy.id(),
                new PolicyPublished(policy.id(), policy.version(), policy.name(),
                        policy.target().ownership().stream().map(Ownership::name).toList(),
                        List.copyOf(policy.target().employeeIds()), policy.updatedBy(), policy.updatedAt()));
    }

    private Document headDocument(Policy policy) {
        return new Document("_id", policy.id())
                .append("version", policy.version())
                .append("status", policy.status().name())
                .append("name", policy.name())
                .append("description", policy.description())
                .append("target", targetDocument(policy.target()))
                .append("settings", settingsDocument(policy.settings()))
                .append("createdAt", Date.from(policy.createdAt()))
                .append("createdBy", policy.createdBy())
                .append("updatedAt", Date.from(policy.updatedAt()))
                .append("updatedBy", policy.updatedBy());
    }

    private Document versionDocument(Policy policy) {
        return new Document("policyId", policy.id())
                .append("version", policy.version())
                .append("name", policy.name())
                .append("description", policy.description())
                .append("target", targetDocument(policy.target()))
                .append("settings", settingsDocument(policy.settings()))
                .append("createdAt", Date.from(policy.createdAt()))
                .append("createdBy", policy.createdBy())
                .append("updatedAt", Date.from(policy.updatedAt()))
                .append("updatedBy", policy.updatedBy());
    }

    private Policy fromHead(Document head) {
        Date archivedAt = head.getDate("archivedAt");
        return new Policy(head.getString("_id"), head.getInteger("version"),
                Policy.Status.valueOf(head.getString("status")), head.getString("name"),
                head.getString("description"), targetOf(head.get("target", Document.class)),
                settingsOf(head.get("settings", Document.class)), head.getDate("createdAt").toInstant(),
                head.getString("createdBy"), head.getDate("updatedAt").toInstant(), head.getString("updatedBy"),
                archivedAt == null ? null : archivedAt.toInstant(), head.getString("archivedBy"));
    }

    /** A stored version, with the status (and archiving) of the policy it belongs to. */
    private Policy fromVersion(Document version, Policy head) {
        return new Policy(version.getString("policyId"), version.getInteger("version"), head.status(),
                version.getString("name"), version.getString("description"),
                targetOf(version.get("target", Document.class)), settingsOf(version.get("settings", Document.class)),
                version.getDate("createdAt").toInstant(), version.getString("createdBy"),
                version.getDate("updatedAt").toInstant(), version.getString("updatedBy"), head.archivedAt(),
                head.archivedBy());
    }

    private static Document targetDocument(PolicyTarget target) {
        return new Document("ownership", target.ownership().stream().map(Ownership::name).toList())
                .append("employeeIds", List.copyOf(target.employeeIds()));
    }

    private static PolicyTarget targetOf(Document target) {
        return new PolicyTarget(
                target.getList("ownership", String.class).stream().map(Ownership::valueOf).collect(Collectors.toSet()),
                Set.copyOf(target.getList("employeeIds", String.class)));
    }

    /** Settings are stored in their API shape (absent fields left out), so they read back unchanged. */
    private Document settingsDocument(PolicySettings settings) {
        return new Document(json.convertValue(settings, JSON_OBJECT));
    }

    private PolicySettings settingsOf(Document settings) {
        return json.convertValue(settings, PolicySettings.class);
    }
}
