package io.mdm.enrollment.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;
import java.util.Optional;

@ConfigMapping(prefix = "mdm.device-tokens")
public interface DeviceTokenConfig {

    /**
     * The ES256 signing key, PEM PKCS#8 (EC P-256). Required in production (a Kubernetes
     * Secret); without it, dev and test runs generate a key for the life of the process.
     */
    Optional<String> signingKey();

    /** The {@code iss} claim of device tokens. */
    @WithDefault(io.mdm.contracts.DeviceTokens.DEFAULT_ISSUER)
    String issuer();

    /**
     * Where every service, this one included, fetches the JWK set that verifies device tokens
     * (read by platform-runtime's DeviceTokenTenant); normally this service's /api/v1/devices/jwks.
     */
    Optional<String> jwksUrl();

    /** Token lifetime; the API promises at most one hour. */
    @WithDefault("PT15M")
    Duration lifetime();
}
