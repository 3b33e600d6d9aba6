package io.mdm.platform.grpc;

import io.grpc.Channel;
import io.grpc.ConnectivityState;
import io.grpc.ManagedChannel;

/**
 * After the service at the other end of a gRPC channel was away (a restart, a rollout), the
 * channel waits out an exponential back-off of up to two minutes before it dials again, and every
 * call meanwhile fails at once. A call that must answer a person now dials at once instead.
 */
public final class ChannelRecovery {

    private ChannelRecovery() {
    }

    /** Ends the back-off of {@code channel} if it is waiting one out; call it before each call. */
    public static void dialNowIfBackingOff(Channel channel) {
        if (channel instanceof ManagedChannel managed && managed.getState(false) == ConnectivityState.TRANSIENT_FAILURE) {
            managed.resetConnectBackoff();
        }
    }
}
