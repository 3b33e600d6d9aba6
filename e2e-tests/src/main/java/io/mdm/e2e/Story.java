package io.mdm.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import io.mdm.e2e.PlatformClient.Answer;
import io.mdm.testkit.RealmClient;

import java.io.PrintStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * The story of PRODUCT.md, played through the public APIs only with real tokens, every answer
 * checked. The demo prints it; the end-to-end test plays it with faults in between.
 */
public final class Story {

    public static final String ERIN = "E1001";
    public static final String APP = "org.example.workchat";
    static final String DEAL = "deal-2041";
    static final String TEAM = "team-sales";
    /** How far the audit-service's clock is moved to see what happens after the 14-day delay. */
    public static final Duration LATER = Duration.ofDays(15);
    private static final int MAX_READS = 5;
    private static final Duration EVENTUALLY = Duration.ofSeconds(90);

    /** What the story made, for the checks a test adds afterwards. */
    public record Outcome(String deviceId, String holdId, String carolRequestId, String carlaRequestId, String grantId) {
    }

    /** One chat line as the phone sends it. */
    private record ChatLine(String messageId, String conversationId, Instant sentAt, String direction, String sender,
                            List<String> recipients, String body) {

        Map<String, Object> json() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("messageId", messageId);
            m.put("app", APP);
            m.put("conversationId", conversationId);
            m.put("sentAt", sentAt.toString());
            m.put("direction", direction);
            m.put("sender", sender);
            m.put("recipients", recipients);
            m.put("body", body);
            return m;
        }
    }

    private final Endpoints api;
    private final RealmClient realm;
    private final Interludes interludes;
    private final Narration say;
    private final PlatformClient http = new PlatformClient();
    private final Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    private final Instant scopeFrom = now.minus(Duration.ofDays(7));
    private final Instant scopeTo = now.plus(Duration.ofHours(1));
    private final Map<String, ChatLine> uploaded = new LinkedHashMap<>();
    private final Set<String> deleted = new HashSet<>();

    private String deviceId;
    private String deviceToken;
    private String holdId;
    private String carolRequestId;
    private String carlaRequestId;
    private String grantId;

    public Story(Endpoints api, Interludes interludes, PrintStream out) {
        this.api = api;
        this.realm = RealmClient.at(api.realm());
        this.interludes = interludes;
        this.say = new Narration(out);
    }

    public Outcome tell() {
        requireAFreshPlatform();
        enrollErinsPhone();
        interludes.afterEnrollment();
        publishPolicies();
        syncThePhone();
        interludes.afterPhoneSync();
        placeLegalHold();
        interludes.afterLegalHold();
        askAndApprove();
        readUnderTheGrant();
        verifyTheLog();
        interludes.moveAuditClockForward(LATER);
        fifteenDaysLater();
        runRetention();
        return new Outcome(deviceId, holdId, carolRequestId, carlaRequestId, grantId);
    }

    /** Every count the story checks starts from nothing: erin's backup must be empty. */
    private void requireAFreshPlatform() {
        int held = summary().path("messageCount").asInt();
        require(held == 0, "erin's backup already holds " + held + " messages from an earlier run; the story starts "
                + "from a fresh platform: ./mdm down && ./mdm reset && ./mdm up");
    }

    private void enrollErinsPhone() {
        say.scene(1, "Alice, the IT admin, invites employee Erin (E1001) to enroll her own (BYOD) phone.");
        say.act("alice", "creates an invitation for E1001, BYOD");
        Answer invitation = expect(http.post(api.enrollment() + "/invitations", token("alice"),
                Map.of("employeeId", ERIN, "ownership", "BYOD")), 201, "invitation");
        say.answer(invitation, "invitation " + invitation.text("id") + ", valid until " + invitation.text("expiresAt"));
        say.why("the one-time token is shown only in this answer; the platform keeps only its hash");

        Answer notice = expect(http.getAnonymous(api.enrollment() + "/privacy-notices/BYOD"), 200, "privacy notice");
        say.act("erin's phone", "shows the privacy notice version " + notice.text("version"));
        say.note("   the employer can see: " + list(notice.body().path("employerCanSee")));
        say.note("   the employer cannot see: " + list(notice.body().path("employerCannotSee")));

        Map<String, Object> enrollment = Map.of("invitationToken", invitation.text("token"), "platform", "ANDROID",
                "osVersion", "14", "model", "Pixel 8", "agentVersion", "1.0.0",
                "acceptedNoticeVersion", notice.body().path("version").asInt(), "consent", true);
        say.act("erin's phone", "enrolls with the token, erin having accepted that notice");
        Answer enrolled = expect(http.postAnonymous(api.enrollment() + "/enrollments", enrollment), 201, "enrollment");
        deviceId = enrolled.text("deviceId");
        say.answer(enrolled, "device " + deviceId + " enrolled for " + enrolled.text("employeeId") + " ("
                + enrolled.text("ownership") + "); its secret is shown once, to the phone");

        say.act("someone", "tries the same invitation token again");
        Answer replay = expect(http.postAnonymous(api.enrollment() + "/enrollments", enrollment), 410, "invitation replay");
        say.answer(replay, detail(replay));
        say.why("an invitation enrolls one phone, once");

        Answer issued = expect(http.postWithBasic(api.enrollment() + "/devices/" + deviceId + "/token", deviceId,
                enrolled.text("deviceSecret")), 200, "device token");
        deviceToken = issued.text("accessToken");
        say.act("erin's phone", "exchanges its secret for a device token");
        say.answer(issued, "a signed token valid for " + issued.text("expiresIn") + " s");
    }

    private void publishPolicies() {
        say.scene(2, "Alice publishes the work-chat policy; a policy that tracks location on personal phones is refused.");
        Map<String, Object> settings = Map.of(
                "passcode", Map.of("required", true, "minLength", 6),
                "messaging", Map.of("approvedApps", List.of(APP), "backupRequired", true, "retentionDays", 365),
                "workApps", Map.of("blocked", List.of("com.whatsapp")));
        say.act("alice", "publishes 'Work chat': passcode, approved messenger " + APP
                + ", chat backup required, retention 365 days, WhatsApp blocked in the work profile");
        Answer policy = expect(http.post(api.policy() + "/policies", token("alice"), Map.of("name", "Work chat",
                "target", Map.of("ownership", List.of("BYOD")), "settings", settings)), 201, "work-chat policy");
        say.answer(policy, "policy " + policy.text("id") + " version " + policy.text("version") + ", " + policy.text("status"));

        say.act("alice", "tries a policy that asks BYOD phones for their location");
        Answer location = expect(http.post(api.policy() + "/policies", token("alice"), Map.of("name", "Where is everyone",
                "target", Map.of("ownership", List.of("BYOD")),
                "settings", Map.of("telemetry", Map.of("location", true)))), 422, "location policy on BYOD");
        JsonNode violation = location.body().path("violations").path(0);
        require("settings.telemetry.location".equals(violation.path("field").asText()),
                "the guardrail names the field: " + location.body());
        say.answer(location, "refused: " + violation.path("field").asText() + " (" + violation.path("rule").asText() + ")");
        say.why("a personal phone's location is none of the employer's business: the guardrail is in the product, not in a manual");
    }

    private void syncThePhone() {
        say.scene(3, "Erin's phone fetches its policy, reports compliance and backs up her work chats.");
        Answer effective = expect(http.get(api.policy() + "/devices/" + deviceId + "/effective-policy", deviceToken),
                200, "effective policy");
        JsonNode messaging = effective.body().path("settings").path("messaging");
        require(messaging.path("approvedApps").toString().contains(APP) && messaging.path("backupRequired").asBoolean(),
                "the effective policy carries the messaging rule: " + effective.body());
        say.act("erin's phone", "fetches its effective policy");
        say.answer(effective, "approved messenger " + messaging.path("approvedApps") + ", backup required, retention "
                + messaging.path("retentionDays").asText() + " days");

        Answer compliance = expect(http.post(api.policy() + "/devices/" + deviceId + "/compliance-reports", deviceToken,
                Map.of("osVersion", "14", "passcodeSet", true, "passcodeLength", 6, "encrypted", true,
                        "workApps", List.of(APP), "reportedAt", now.toString())), 200, "compliance report");
        require("COMPLIANT".equals(compliance.text("status")), "the phone complies: " + compliance.body());
        say.act("erin's phone", "reports its state (passcode, encryption, work apps only; nothing personal)");
        say.answer(compliance, compliance.text("status"));

        List<ChatLine> chats = chats();
        int accepted = 0;
        for (int i = 0; i < chats.size(); i += 10) {
            List<ChatLine> batch = chats.subList(i, i + 10);
            Answer stored = expect(http.post(api.backup() + "/backup/messages", deviceToken,
                    Map.of("messages", batch.stream().map(ChatLine::json).toList())), 200, "backup upload");
            accepted += stored.body().path("accepted").asInt();
            batch.forEach(line -> uploaded.put(line.messageId(), line));
        }
        require(accepted == 50, "50 messages accepted, not " + accepted);
        say.act("erin's phone", "uploads 50 work chats in 5 batches (40 of this week, 5 from 10 days ago, 5 from 400 days ago)");
        say.result(200, "accepted " + accepted + "; sender, recipients and body are encrypted with erin's own data key");

        List<ChatLine> firstBatch = chats.subList(0, 10);
        Answer retry = expect(http.post(api.backup() + "/backup/messages", deviceToken,
                Map.of("messages", firstBatch.stream().map(ChatLine::json).toList())), 200, "repeated upload");
        require(retry.body().path("accepted").asInt() == 0 && retry.body().path("duplicates").asInt() == 10,
                "a repeated batch is stored once: " + retry.body());
        say.act("erin's phone", "sends the first batch again after a flaky network");
        say.answer(retry, "accepted 0, duplicates 10");

        Map<String, Object> personal = new ChatLine(UUID.randomUUID().toString(), "family", now.minusSeconds(60), "OUT",
                "erin", List.of("mum"), "see you on Sunday").json();
        personal.put("app", "com.whatsapp");
        Answer refused = expect(http.post(api.backup() + "/backup/messages", deviceToken,
                Map.of("messages", List.of(personal))), 422, "backup of an unapproved app");
        say.act("a faulty agent", "tries to back up a WhatsApp chat");
        say.answer(refused, detail(refused));
        say.why("only the approved business messenger is ever backed up; private chats never leave the phone");

        List<Map<String, Object>> deletions = new ArrayList<>();
        for (ChatLine line : chats.subList(0, 6)) {
            if (line.conversationId().equals(DEAL)) {
                deletions.add(Map.of("messageId", line.messageId(), "deletedAt", now.minusSeconds(600).toString()));
                deleted.add(line.messageId());
            }
        }
        Answer recorded = expect(http.post(api.backup() + "/backup/deletions", deviceToken,
                Map.of("deletions", deletions)), 200, "deletions");
        require(recorded.body().path("recorded").asInt() == 3, "3 deletions recorded: " + recorded.body());
        say.act("erin", "deletes 3 chats of conversation " + DEAL + " on her phone");
        say.answer(recorded, "recorded 3; the backup keeps the messages, marked as deleted on the phone");

        JsonNode summary = summary();
        require(summary.path("messageCount").asInt() == 50, "50 messages in the backup: " + summary);
        say.act("carol", "looks at the size of E1001's backup");
        say.result(200, summary.path("messageCount").asText() + " messages, from "
                + summary.path("firstSentAt").asText() + " to " + summary.path("lastSentAt").asText()
                + "; counts only, no content");
    }

    private void placeLegalHold() {
        say.scene(4, "The competition authority announces an inspection: compliance officer Carol places a legal hold.");
        Answer hold = expect(http.post(api.backup() + "/legal-holds", token("carol"), Map.of("employeeIds", List.of(ERIN),
                "caseReference", "CA-2026-117", "reason", "Inspection announced by the competition authority")),
                201, "legal hold");
        holdId = hold.text("id");
        say.act("carol", "places a legal hold on E1001, case CA-2026-117");
        say.answer(hold, "hold " + holdId + " " + hold.text("status") + ", placed by " + hold.text("placedBy"));
        say.why("while it holds, nothing of erin's is purged or shredded, whatever the retention says");
    }

    private void askAndApprove() {
        say.scene(5, "Four eyes: Carol asks to read the last 7 days; a privacy officer must approve.");
        Map<String, Object> request = accessRequest("Inspection CA-2026-117: chats about deal 2041 in the last week");
        say.act("carol", "asks to read E1001's chats of the last 7 days (REGULATORY_INVESTIGATION, 72 hours, 5 reads)");
        Answer filed = expect(http.post(api.audit() + "/access-requests", token("carol"), request), 201, "carol's request");
        carolRequestId = filed.text("id");
        say.answer(filed, "request " + carolRequestId + " " + filed.text("status") + ", to be decided before "
                + filed.text("decideBefore"));

        say.act("erin", "(the subject) tries to file a request about herself");
        Answer bySubject = expect(http.post(api.audit() + "/access-requests", token("erin"), request), 403, "request by the subject");
        say.answer(bySubject, detail(bySubject));
        say.why("the person whose chats these are can neither ask for nor approve a read of them");

        say.act("carla", "(compliance AND privacy officer) files a request of her own and tries to approve it");
        Answer carlas = expect(http.post(api.audit() + "/access-requests", token("carla"), request), 201, "carla's request");
        carlaRequestId = carlas.text("id");
        Answer selfApproval = expect(approve(carlaRequestId, "carla", approval(null, null)), 403, "carla approving herself");
        say.answer(selfApproval, detail(selfApproval));
        say.why("four eyes means two different people, even for someone who holds both roles");

        say.act("erin", "tries to approve carol's request");
        Answer byErin = expect(approve(carolRequestId, "erin", approval(null, null)), 403, "approval by the subject");
        say.answer(byErin, detail(byErin));
        say.act("carol", "tries to approve her own request");
        Answer byCarol = expect(approve(carolRequestId, "carol", approval(null, null)), 403, "approval by the requester");
        say.answer(byCarol, detail(byCarol));

        say.act("paul", "(privacy officer) approves but delays erin's notice by 14 days without saying why");
        Answer noReason = expect(approve(carolRequestId, "paul", approval(14, null)), 422, "a delay without a reason");
        say.answer(noReason, detail(noReason));
        say.why("keeping an employee uninformed needs a stated reason, and at most 30 days");

        say.act("paul", "approves with a 14-day delay: 'Informing the employee now would compromise the inspection'");
        Answer approved = expect(approve(carolRequestId, "paul",
                approval(14, "Informing the employee now would compromise the inspection")), 200, "paul's approval");
        JsonNode grant = approved.body().path("grant");
        grantId = grant.path("id").asText();
        require("APPROVED".equals(approved.text("status")) && grant.path("maxReads").asInt() == MAX_READS,
                "the approval made a grant: " + approved.body());
        say.answer(approved, "APPROVED: grant " + grantId + ", " + grant.path("maxReads").asText()
                + " reads, valid until " + grant.path("validUntil").asText());

        Answer accessLog = expect(http.get(api.audit() + "/me/access-log", token("erin")), 200, "erin's access log");
        require(entryOf(accessLog) == null, "nothing shown before the delay: " + accessLog.body());
        say.act("erin", "opens her access log today");
        say.answer(accessLog, "empty: the notice is due in 14 days, as paul decided");
    }

    private void readUnderTheGrant() {
        say.scene(6, "Carol reads under the grant; every read is decided and logged by the audit-service first.");
        Answer first = expect(read("carol", scopeFrom, scopeTo, null, null, null), 200, "carol's first read");
        List<JsonNode> items = items(first);
        checkInScope(items, null);
        long marked = items.stream().filter(m -> m.hasNonNull("deletedOnDeviceAt")).count();
        require(marked == 3, "the 3 chats deleted on the phone are there, marked: " + marked);
        say.act("carol", "reads E1001's chats of the last 7 days");
        say.answer(first, items.size() + " messages decrypted, " + marked + " of them marked deleted on the phone; "
                + first.text("remainingReads") + " reads left");
        say.note("        e.g. " + items.getFirst().path("sentAt").asText() + " " + items.getFirst().path("sender").asText()
                + ": \"" + items.getFirst().path("body").asText() + "\"");
        say.why("the 10 older messages are outside the approved scope and are not returned");

        say.act("carol", "asks for the last 30 days instead");
        Answer wider = expect(read("carol", now.minus(Duration.ofDays(30)), scopeTo, null, null, null), 403, "read outside the scope");
        requireReason(wider, "OUT_OF_SCOPE");
        say.answer(wider, detail(wider));
        say.act("carla", "tries to use carol's grant");
        Answer other = expect(read("carla", scopeFrom, scopeTo, null, null, null), 403, "read with another officer's grant");
        requireReason(other, "NOT_THE_REQUESTER");
        say.answer(other, detail(other));
        say.why("a grant opens exactly what was approved, for exactly the officer who asked; refusals cost no read");

        interludes.beforeReadingAgain();
        Answer again = expect(read("carol", scopeFrom, scopeTo, null, null, null), 200, "carol's second read");
        require(items(again).size() == items.size(), "the second read returns the same messages");
        say.act("carol", "reads again");
        say.answer(again, items(again).size() + " messages, " + again.text("remainingReads") + " reads left");

        Answer deal = expect(read("carol", scopeFrom, scopeTo, DEAL, null, null), 200, "read of one conversation");
        checkInScope(items(deal), DEAL);
        say.act("carol", "reads only conversation " + DEAL);
        say.answer(deal, items(deal).size() + " messages, " + deal.text("remainingReads") + " reads left");

        Answer page1 = expect(read("carol", scopeFrom, scopeTo, null, 30, null), 200, "first page");
        Answer page2 = expect(read("carol", scopeFrom, scopeTo, null, 30, page1.text("nextCursor")), 200, "second page");
        require(items(page1).size() + items(page2).size() == items.size() && page2.body().path("nextCursor").isNull(),
                "two pages return the scope once");
        say.act("carol", "reads the week in pages of 30");
        say.answer(page2, "page 1: " + items(page1).size() + ", page 2: " + items(page2).size()
                + " messages; every page is one read, " + page2.text("remainingReads") + " left");

        Answer over = expect(read("carol", scopeFrom, scopeTo, null, null, null), 403, "read over the budget");
        requireReason(over, "BUDGET_EXHAUSTED");
        say.act("carol", "tries a sixth read");
        say.answer(over, detail(over));
        say.why("paul approved 5 reads, not more");
    }

    private void verifyTheLog() {
        say.scene(7, "Security analyst Sam checks the audit log the security team streams from Kafka.");
        Answer verified = expect(http.get(api.audit() + "/audit/verify", token("sam")), 200, "verify");
        require(verified.body().path("valid").asBoolean(), "the log verifies: " + verified.body());
        long reads = recordsOfTheGrant("mdm.access.read-authorized");
        long denials = recordsOfTheGrant("mdm.access.read-denied");
        require(reads == MAX_READS, "5 authorized reads logged, not " + reads);
        require(denials == 3, "3 denied reads logged, not " + denials);
        say.act("sam", "recomputes the log from storage");
        say.answer(verified, "valid, " + verified.text("size") + " records, root " + verified.text("rootHash"));
        say.note("     the log holds carol's " + MAX_READS + " reads and the 3 refused ones, each with who, when and why;");
        say.note("     every record is also on Kafka topic mdm.audit.v1 with its hash and signed checkpoints");
    }

    private void fifteenDaysLater() {
        say.scene(8, "Fifteen days later: the grant has expired and erin's notice has come due.");
        Answer expired = expect(read("carol", scopeFrom, scopeTo, null, null, null), 403, "read after expiry");
        requireReason(expired, "EXPIRED");
        say.act("carol", "tries to read again");
        say.answer(expired, detail(expired));
        say.why("paul approved 72 hours, not forever");

        say.act("carol", "closes her case and revokes the grant");
        Answer revoked = expect(http.post(api.audit() + "/access-requests/" + carolRequestId + "/revoke", token("carol"),
                Map.of("comment", "Case CA-2026-117 closed")), 200, "revocation");
        say.answer(revoked, revoked.text("status"));
        Answer afterRevoke = expect(read("carol", scopeFrom, scopeTo, null, null, null), 403, "read after revocation");
        requireReason(afterRevoke, "REVOKED");
        say.act("carol", "tries to read once more");
        say.answer(afterRevoke, detail(afterRevoke));

        JsonNode carlas = eventually(() -> http.get(api.audit() + "/access-requests/" + carlaRequestId, token("pia")),
                answer -> "EXPIRED".equals(answer.text("status")), "carla's undecided request expires");
        say.act("pia", "looks at carla's own request, which nobody else approved");
        say.result(200, carlas.path("status").asText() + "; kept forever, like every request and decision");

        Answer log = expect(http.get(api.audit() + "/me/access-log", token("erin")), 200, "erin's access log later");
        JsonNode entry = entryOf(log);
        require(entry != null, "erin sees carol's approved request: " + log.body());
        require("carol".equals(entry.path("requestedBy").asText())
                        && entry.path("approvers").toString().contains("paul")
                        && entry.path("reads").size() == MAX_READS,
                "erin sees who asked, who approved and each read: " + entry);
        say.act("erin", "opens her access log");
        say.answer(log, "carol read her work chats " + entry.path("reads").size() + " times between "
                + entry.path("reads").path(0).path("at").asText() + " and "
                + entry.path("reads").path(MAX_READS - 1).path("at").asText());
        say.note("        approved by " + entry.path("approvers") + ", legal basis " + entry.path("legalBasis").asText()
                + ", reason: \"" + entry.path("reason").asText() + "\"");
        say.note("        scope " + entry.path("scope").path("from").asText() + " to " + entry.path("scope").path("to").asText());

        Answer ed = expect(http.get(api.audit() + "/me/access-log", token("ed")), 200, "ed's access log");
        require(entryOf(ed) == null, "another employee sees nothing of it: " + ed.body());
        say.act("ed", "(another employee) opens his access log");
        say.answer(ed, "empty: it was not about him");
    }

    private void runRetention() {
        say.scene(9, "Retention: held messages stay; after the release, what is older than 365 days is purged.");
        Answer held = expect(http.post(api.backup() + "/backup/retention/run", token("alice"), Map.of()), 200, "retention under hold");
        require(held.body().path("purged").asInt() == 0 && held.body().path("keptUnderHold").asInt() >= 5,
                "nothing purged under the hold: " + held.body());
        say.act("alice", "runs retention");
        say.answer(held, "purged " + held.text("purged") + ", kept under hold " + held.text("keptUnderHold"));
        say.why("the legal hold wins over retention while the inspection runs");

        Answer released = expect(http.post(api.backup() + "/legal-holds/" + holdId + "/release", token("carol"),
                Map.of("reason", "Inspection CA-2026-117 closed")), 200, "hold release");
        say.act("carol", "releases the hold");
        say.answer(released, released.text("status"));

        Answer purged = expect(http.post(api.backup() + "/backup/retention/run", token("alice"), Map.of()), 200, "retention after release");
        require(purged.body().path("purged").asInt() == 5, "the 5 messages of 400 days ago are purged: " + purged.body());
        say.act("alice", "runs retention again");
        say.answer(purged, "purged " + purged.text("purged") + " (older than 365 days); "
                + summary().path("messageCount").asText() + " messages of erin remain");
    }

    private JsonNode summary() {
        return expect(http.get(api.backup() + "/backup/subjects/" + ERIN + "/summary", token("carol")), 200, "summary").body();
    }

    /** The access-log entry of carol's request, or null. */
    private JsonNode entryOf(Answer accessLog) {
        for (JsonNode entry : accessLog.body().path("items")) {
            if (carolRequestId.equals(entry.path("requestId").asText())) {
                return entry;
            }
        }
        return null;
    }

    private long recordsOfTheGrant(String type) {
        JsonNode items = expect(http.get(api.audit() + "/audit/records?type=" + type + "&subjectEmployeeId=" + ERIN
                + "&limit=500", token("sam")), 200, type + " records").body().path("items");
        long count = 0;
        for (JsonNode record : items) {
            count += grantId.equals(record.path("data").path("grantId").asText()) ? 1 : 0;
        }
        return count;
    }

    /** 40 chats of this week in two conversations, 5 of 10 days ago, 5 of 400 days ago, oldest last. */
    private List<ChatLine> chats() {
        String[] lines = {"Can we move the delivery for order 2041 to Friday?", "The customer accepts the revised price.",
                "Please send me the signed contract before noon.", "Call with the distributor moved to 3 pm.",
                "Who approved the discount for the northern region?"};
        List<ChatLine> chats = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            Instant sentAt = i < 40 ? now.minus(Duration.ofHours(1L + 3L * i))
                    : i < 45 ? now.minus(Duration.ofDays(10)).minus(Duration.ofHours(i))
                    : now.minus(Duration.ofDays(400)).minus(Duration.ofHours(i));
            boolean out = i % 3 == 0;
            chats.add(new ChatLine(UUID.randomUUID().toString(), i < 40 && i % 2 == 0 ? DEAL : TEAM, sentAt,
                    out ? "OUT" : "IN", out ? "erin" : "bob", List.of(out ? "bob" : "erin"), lines[i % lines.length]));
        }
        return chats;
    }

    private Map<String, Object> accessRequest(String reason) {
        return Map.of("subjectEmployeeId", ERIN,
                "scope", Map.of("from", scopeFrom.toString(), "to", scopeTo.toString()),
                "legalBasis", "REGULATORY_INVESTIGATION", "reason", reason, "caseReference", "CA-2026-117",
                "requestedHours", 72, "maxReads", MAX_READS);
    }

    private static Map<String, Object> approval(Integer delayDays, String delayReason) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("comment", "Proportionate: limited to one week and five reads");
        if (delayDays != null) {
            body.put("notifySubjectAfterDays", delayDays);
        }
        if (delayReason != null) {
            body.put("delayReason", delayReason);
        }
        return body;
    }

    private Answer approve(String requestId, String user, Map<String, Object> body) {
        return http.post(api.audit() + "/access-requests/" + requestId + "/approve", token(user), body);
    }

    private Answer read(String user, Instant from, Instant to, String conversationId, Integer limit, String cursor) {
        StringBuilder url = new StringBuilder(api.backup() + "/backup/subjects/" + ERIN + "/messages?grantId=" + grantId
                + "&from=" + from + "&to=" + to);
        if (conversationId != null) {
            url.append("&conversationId=").append(conversationId);
        }
        if (limit != null) {
            url.append("&limit=").append(limit);
        }
        if (cursor != null) {
            url.append("&cursor=").append(URLEncoder.encode(cursor, StandardCharsets.UTF_8));
        }
        return http.get(url.toString(), token(user));
    }

    /** Every message returned lies in the scope, is one erin uploaded, and reads back as it was sent. */
    private void checkInScope(List<JsonNode> items, String conversationId) {
        long expected = uploaded.values().stream()
                .filter(line -> !line.sentAt().isBefore(scopeFrom) && line.sentAt().isBefore(scopeTo))
                .filter(line -> conversationId == null || line.conversationId().equals(conversationId))
                .count();
        require(items.size() == expected, "expected " + expected + " messages in scope, got " + items.size());
        for (JsonNode item : items) {
            ChatLine sent = uploaded.get(item.path("messageId").asText());
            require(sent != null, "an uploaded message: " + item.path("messageId"));
            require(sent.body().equals(item.path("body").asText()) && sent.sender().equals(item.path("sender").asText()),
                    "message " + sent.messageId() + " decrypts to what was sent");
            require(item.hasNonNull("deletedOnDeviceAt") == deleted.contains(sent.messageId()),
                    "message " + sent.messageId() + " is marked deleted exactly when erin deleted it");
        }
    }

    private JsonNode eventually(Supplier<Answer> call, Predicate<Answer> done, String what) {
        Instant deadline = Instant.now().plus(EVENTUALLY);
        while (true) {
            Answer answer = call.get();
            if (done.test(answer)) {
                return answer.body();
            }
            if (Instant.now().isAfter(deadline)) {
                throw new StoryFailure(what + ": not within " + EVENTUALLY + "; last answer " + answer.status() + " " + answer.body());
            }
            try {
                Thread.sleep(500);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new StoryFailure(what + ": interrupted");
            }
        }
    }

    /** A fresh token per call: Keycloak's live 5 minutes and the story, with its faults, takes longer. */
    private String token(String user) {
        return realm.tokenFor(user);
    }

    private static List<JsonNode> items(Answer answer) {
        List<JsonNode> items = new ArrayList<>();
        answer.body().path("items").forEach(items::add);
        return items;
    }

    private static String detail(Answer answer) {
        return answer.text("title") + ": " + answer.text("detail");
    }

    private static String list(JsonNode array) {
        List<String> values = new ArrayList<>();
        array.forEach(v -> values.add(v.asText()));
        return String.join(", ", values);
    }

    private static Answer expect(Answer answer, int status, String what) {
        if (answer.status() != status) {
            throw new StoryFailure(what + ": expected HTTP " + status + " but the platform answered " + answer.status()
                    + " " + answer.body());
        }
        return answer;
    }

    private static void requireReason(Answer refused, String reason) {
        require(refused.text("detail").contains(reason), "the refusal names " + reason + ": " + refused.body());
    }

    private static void require(boolean holds, String what) {
        if (!holds) {
            throw new StoryFailure(what);
        }
    }
}
