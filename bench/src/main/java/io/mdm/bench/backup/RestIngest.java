package io.mdm.bench.backup;

import com.fasterxml.jackson.databind.JsonNode;
import io.mdm.backup.domain.ChatMessage;
import io.mdm.bench.ConcurrentBatches;
import io.mdm.bench.Endpoints;
import io.mdm.bench.JsonHttp;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * The real path: {@code POST /api/v1/backup/messages} with the device's token, a few clients
 * in flight at once. Every batch must come back 200 with all its messages accepted (none a
 * duplicate), or the run fails: a fast error is not a throughput.
 */
public final class RestIngest {

    private static final Duration TIMEOUT = Duration.ofMinutes(2);

    private final JsonHttp http;
    private final URI upload;
    private final EnrolledDevice device;
    private final ConcurrentBatches clients;

    public RestIngest(JsonHttp http, Endpoints endpoints, EnrolledDevice device, ConcurrentBatches clients) {
        this.http = http;
        this.upload = endpoints.backup().resolve("backup/messages");
        this.device = device;
        this.clients = clients;
    }

    /** The JSON bodies of the batches, written before the clock starts. */
    public List<byte[]> bodies(List<List<ChatMessage>> batches) {
        return batches.stream().map(batch -> http.bytes(Map.of("messages", batch))).toList();
    }

    public ConcurrentBatches.Timing upload(List<byte[]> bodies) {
        return clients.run(bodies, this::send);
    }

    private void send(byte[] body) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(upload).timeout(TIMEOUT)
                .header("Authorization", "Bearer " + device.accessToken())
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
        HttpResponse<String> response = http.client().send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IllegalStateException("upload answered " + response.statusCode() + ": " + response.body());
        }
        JsonNode result = http.read(response.body());
        if (result.path("accepted").asInt() != MessageBatches.MESSAGES_PER_BATCH || result.path("duplicates").asInt() != 0) {
            throw new IllegalStateException("upload did not accept the whole batch: " + response.body());
        }
    }
}
