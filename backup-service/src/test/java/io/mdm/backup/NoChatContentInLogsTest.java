package io.mdm.backup;

import io.mdm.backup.BackupApi.Phone;
import io.mdm.backup.FakeAccessGrants.Allow;
import io.mdm.backup.FakeAccessGrants.Deny;
import io.mdm.testkit.MdmInfraResource;
import io.mdm.testkit.TestInfrastructure;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

import static io.mdm.backup.BackupApi.DELETIONS;
import static io.mdm.backup.BackupApi.MESSAGES;
import static io.mdm.backup.BackupApi.deletion;
import static io.mdm.backup.BackupApi.message;
import static io.mdm.backup.BackupApi.subjectPath;
import static io.mdm.backup.FakePolicyService.WORKCHAT;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * No body, participant or attachment detail ever appears in a log line (PRODUCT.md, STYLE.md),
 * even with logging turned up as far as the service is ever run: a whole ingest-and-read run with
 * content unique to this run, then the captured log is searched for it.
 *
 * <p>The level comes from the test configuration of application.properties (io.mdm at DEBUG, the
 * HTTP access log on), not from a test profile: a profile restarts the application in a class
 * loader of its own, where the test kit would start a second set of servers in this JVM. The
 * test checks that both settings are in force, so dropping them fails it.
 */
@QuarkusTest
@QuarkusTestResource(MdmInfraResource.class)
@QuarkusTestResource(PolicyServiceResource.class)
@QuarkusTestResource(AccessGrantsResource.class)
class NoChatContentInLogsTest {

    private static final Logger LOG = Logger.getLogger(NoChatContentInLogsTest.class);
    private static final String PROBLEM_JSON = "application/problem+json";
    private static final Duration CAPTURE_TIMEOUT = Duration.ofSeconds(30);
    // Whole seconds, so that BSON keeps the times exactly; well inside the story policy's retention.
    private static final Instant SENT_AT = Instant.now().truncatedTo(ChronoUnit.SECONDS).minus(Duration.ofHours(1));

    @ConfigProperty(name = "quarkus.log.file.path")
    String logFile;

    /** The random part of every content value of this run: finding one in the log can only mean a leak. */
    private final List<String> secrets = new ArrayList<>();
    /** Sent with every request, so that the access log's lines of this run can be counted. */
    private final String userAgent = "NoChatContentInLogsTest/" + UUID.randomUUID();
    private int requests;

    @Test
    void aWholeIngestAndReadRunLeavesNoBodyParticipantOrAttachmentDetailInTheLog() {
        Phone phone = Phone.fresh();
        List<Map<String, Object>> batch = List.of(withOwnContent(message(WORKCHAT, SENT_AT)),
                withOwnContent(message(WORKCHAT, SENT_AT.plusSeconds(1))),
                withOwnContent(message(WORKCHAT, SENT_AT.plusSeconds(2))));

        asPhone(phone).body(Map.of("messages", batch)).post(MESSAGES).then()
                .statusCode(200).body("accepted", equalTo(3));
        asPhone(phone).body(Map.of("deletions", List.of(deletion(batch.getFirst(), SENT_AT.plusSeconds(30)))))
                .post(DELETIONS).then().statusCode(200).body("recorded", equalTo(1));

        // The allowed read really decrypts the content, so it passed through the service in clear.
        read(phone, new Allow(5)).then().statusCode(200)
                .body("items.body", equalTo(field(batch, "body")))
                .body("items.sender", equalTo(field(batch, "sender")))
                .body("items.recipients", equalTo(field(batch, "recipients")))
                .body("items.attachments", equalTo(field(batch, "attachments")))
                .body("items[0].deletedOnDeviceAt", notNullValue())
                .body("items[1].deletedOnDeviceAt", nullValue());
        assertNoContent(read(phone, new Deny("EXPIRED")).then().statusCode(403).contentType(PROBLEM_JSON)
                .extract().response());

        Map<String, Object> invalidId = withOwnContent(message(WORKCHAT, SENT_AT));
        invalidId.put("messageId", "not-a-uuid");
        assertNoContent(asPhone(phone).body(Map.of("messages", List.of(invalidId))).post(MESSAGES).then()
                .statusCode(400).contentType(PROBLEM_JSON)
                .body("violations.field", contains("messages[0].messageId")).extract().response());

        // A phone agent that shifted its fields: Jackson's own error text would repeat the value.
        Map<String, Object> participantAsTime = withOwnContent(message(WORKCHAT, SENT_AT));
        participantAsTime.put("sentAt", participantAsTime.get("sender"));
        assertNoContent(asPhone(phone).body(Map.of("messages", List.of(participantAsTime))).post(MESSAGES).then()
                .statusCode(400).contentType(PROBLEM_JSON)
                .body("violations.field", contains("messages[0].sentAt")).extract().response());

        String cutInsideABody = "{\"messages\":[{\"messageId\":\"" + UUID.randomUUID() + "\",\"app\":\"" + WORKCHAT
                + "\",\"body\":\"" + secret("Meet me before the board call ", "");
        assertNoContent(asPhone(phone).body(cutInsideABody).post(MESSAGES).then()
                .statusCode(400).contentType(PROBLEM_JSON).extract().response());

        assertNoContent(asPhone(phone).body(Map.of("messages", List.of(withOwnContent(message("com.whatsapp")))))
                .post(MESSAGES).then().statusCode(422).contentType(PROBLEM_JSON)
                .body("violations.field", contains("messages[0].app")).extract().response());

        // Logged at DEBUG under io.mdm: it shows the raised level is in force as well as the file capture.
        String canary = "log-capture-canary-" + UUID.randomUUID();
        LOG.debug(canary);
        Eventually.until("the canary and an access-log line for each of the " + requests + " requests in "
                + logFile, CAPTURE_TIMEOUT, () -> {
                    String log = capturedLog();
                    return log.contains(canary) && occurrences(log, userAgent) >= requests;
                });

        String log = capturedLog();
        assertTrue(log.contains(canary), "the canary is not in " + logFile + ": the log is not captured");
        for (String secret : secrets) {
            assertFalse(log.contains(secret), "the log shows chat content: " + secret);
        }
    }

    /** Gives the message a body, sender, recipients and an attachment of its own. */
    private Map<String, Object> withOwnContent(Map<String, Object> message) {
        message.put("body", secret("Let us agree on the tender price before Friday, ", ""));
        message.put("sender", secret("sender-", "@example.com"));
        message.put("recipients", List.of(secret("recipient-", "@example.com"), secret("cc-", "@example.com")));
        message.put("attachments", List.of(Map.of("fileName", secret("price-list-", ".pdf"),
                "mimeType", secret("application/x-", ""), "sizeBytes", 48_213, "sha256", sha256Secret())));
        return message;
    }

    private String secret(String prefix, String suffix) {
        String random = UUID.randomUUID().toString();
        secrets.add(random);
        return prefix + random + suffix;
    }

    /** 64 random hexadecimal characters, a valid attachment hash. */
    private String sha256Secret() {
        String hex = UUID.randomUUID().toString().replace("-", "") + UUID.randomUUID().toString().replace("-", "");
        secrets.add(hex);
        return hex;
    }

    private static List<Object> field(List<Map<String, Object>> messages, String name) {
        return messages.stream().map(m -> m.get(name)).toList();
    }

    private RequestSpecification request() {
        requests++;
        return RestAssured.given().header("User-Agent", userAgent);
    }

    private RequestSpecification asPhone(Phone phone) {
        return request().auth().oauth2(phone.token()).contentType(ContentType.JSON);
    }

    private Response read(Phone phone, FakeAccessGrants.Answer answer) {
        String grantId = "G-" + UUID.randomUUID();
        FakeAccessGrants.get().answer(grantId, answer);
        return request().auth().oauth2(TestInfrastructure.get().realm().tokenFor("carol"))
                .queryParam("grantId", grantId)
                .queryParam("from", SENT_AT.toString())
                .queryParam("to", SENT_AT.plus(Duration.ofMinutes(1)).toString())
                .get(subjectPath(phone.employeeId()) + "/messages");
    }

    private void assertNoContent(Response problem) {
        String text = problem.asString();
        for (String secret : secrets) {
            assertFalse(text.contains(secret), "the answer repeats chat content: " + text);
        }
    }

    /**
     * The log file with its rotated copies (quarkus-test.log.1 and so on), so that a rotation during
     * the run hides nothing; as ISO-8859-1, which reads any bytes and keeps ASCII as it is.
     */
    private String capturedLog() {
        Path file = Path.of(logFile);
        Path directory = file.toAbsolutePath().getParent();
        if (!Files.isDirectory(directory)) {
            return "";
        }
        StringBuilder log = new StringBuilder();
        try (Stream<Path> files = Files.list(directory)) {
            for (Path path : files.filter(p -> p.getFileName().toString().startsWith(file.getFileName().toString()))
                    .toList()) {
                log.append(Files.readString(path, StandardCharsets.ISO_8859_1));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return log.toString();
    }

    private static int occurrences(String text, String part) {
        int count = 0;
        for (int at = text.indexOf(part); at >= 0; at = text.indexOf(part, at + part.length())) {
            count++;
        }
        return count;
    }
}
