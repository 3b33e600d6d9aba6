package io.mdm.testkit;

import io.grpc.Attributes;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.grpc.ServerCall;
import io.grpc.Status;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The fakes' check lets through only a bearer token issued to the one client, as the real services do. */
class ServiceTokenCheckTest {

    private static final Metadata.Key<String> AUTHORIZATION =
            Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER);

    private final ServiceTokenCheck check = new ServiceTokenCheck("backup-service");

    @Test
    void theClientsTokenIsLetThrough() {
        RecordingCall call = new RecordingCall();
        boolean[] started = new boolean[1];

        check.interceptCall(call, bearer(token("{\"azp\":\"backup-service\"}")), (c, headers) -> {
            started[0] = true;
            return new ServerCall.Listener<>() {
            };
        });

        assertTrue(started[0]);
        assertNull(call.closedWith);
    }

    @Test
    void noTokenOrOneThatIsNotAJwtIsUnauthenticated() {
        assertEquals(Status.Code.UNAUTHENTICATED, refusal(new Metadata()));
        assertEquals(Status.Code.UNAUTHENTICATED, refusal(bearer("not-a-jwt")));
        Metadata basic = new Metadata();
        basic.put(AUTHORIZATION, "Basic " + token("{\"azp\":\"backup-service\"}"));
        assertEquals(Status.Code.UNAUTHENTICATED, refusal(basic));
    }

    @Test
    void anotherClientsTokenOrAnUnreadableOneIsRefused() {
        assertEquals(Status.Code.PERMISSION_DENIED, refusal(bearer(token("{\"azp\":\"policy-service\"}"))));
        assertEquals(Status.Code.PERMISSION_DENIED, refusal(bearer(token("{\"sub\":\"alice\"}"))));
        assertEquals(Status.Code.PERMISSION_DENIED, refusal(bearer("a.%%%.c")));
    }

    private Status.Code refusal(Metadata headers) {
        RecordingCall call = new RecordingCall();
        check.interceptCall(call, headers, (c, h) -> {
            throw new AssertionError("the call reached the service");
        });
        assertNotNull(call.closedWith, "the call was not closed");
        return call.closedWith.getCode();
    }

    private static Metadata bearer(String token) {
        Metadata headers = new Metadata();
        headers.put(AUTHORIZATION, "Bearer " + token);
        return headers;
    }

    private static String token(String payload) {
        Base64.Encoder base64 = Base64.getUrlEncoder().withoutPadding();
        return base64.encodeToString("{\"alg\":\"RS256\"}".getBytes(StandardCharsets.UTF_8)) + "."
                + base64.encodeToString(payload.getBytes(StandardCharsets.UTF_8)) + ".c2lnbmF0dXJl";
    }

    /** A server call that only records how it was closed. */
    private static final class RecordingCall extends ServerCall<String, String> {

        private static final MethodDescriptor.Marshaller<String> STRINGS = new MethodDescriptor.Marshaller<>() {
            @Override
            public InputStream stream(String value) {
                return new ByteArrayInputStream(value.getBytes(StandardCharsets.UTF_8));
            }

            @Override
            public String parse(InputStream stream) {
                return "";
            }
        };

        Status closedWith;

        @Override
        public void request(int numMessages) {
        }

        @Override
        public void sendHeaders(Metadata headers) {
        }

        @Override
        public void sendMessage(String message) {
        }

        @Override
        public void close(Status status, Metadata trailers) {
            closedWith = status;
        }

        @Override
        public boolean isCancelled() {
            return false;
        }

        @Override
        public Attributes getAttributes() {
            return Attributes.EMPTY;
        }

        @Override
        public MethodDescriptor<String, String> getMethodDescriptor() {
            return MethodDescriptor.<String, String>newBuilder().setType(MethodDescriptor.MethodType.UNARY)
                    .setFullMethodName("test/Call").setRequestMarshaller(STRINGS).setResponseMarshaller(STRINGS).build();
        }
    }
}
