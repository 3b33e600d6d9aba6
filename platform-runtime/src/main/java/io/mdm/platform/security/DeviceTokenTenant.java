package io.mdm.platform.security;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mdm.contracts.DeviceTokens;
import io.quarkus.oidc.OidcRequestContext;
import io.quarkus.oidc.OidcTenantConfig;
import io.quarkus.oidc.TenantConfigResolver;
import io.smallrye.mutiny.Uni;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.net.URI;
import java.util.Base64;
import java.util.Optional;

/**
 * Phones call with device tokens, people with Keycloak tokens. A bearer token whose issuer is
 * the enrollment-service is verified by this second OIDC tenant against the enrollment
 * service's JWK set ({@code mdm.device-tokens.jwks-url}); every other token goes to the default
 * (Keycloak) tenant. Reading the issuer only routes the token: the chosen tenant verifies
 * signature, issuer, audience and expiry. Without a JWKS URL, device tokens are not accepted.
 */
@ApplicationScoped
public class DeviceTokenTenant implements TenantConfigResolver {

    public static final String TENANT_ID = "device";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Optional<OidcTenantConfig> tenant;
    private final String issuer;

    public DeviceTokenTenant(@ConfigProperty(name = "mdm.device-tokens.jwks-url") Optional<String> jwksUrl,
                             @ConfigProperty(name = "mdm.device-tokens.issuer", defaultValue = DeviceTokens.DEFAULT_ISSUER)
                             String issuer) {
        this.issuer = issuer;
        this.tenant = jwksUrl.map(url -> OidcTenantConfig.builder()
                .tenantId(TENANT_ID)
                .applicationType(io.quarkus.oidc.runtime.OidcTenantConfig.ApplicationType.SERVICE)
                .authServerUrl(origin(url))
                .discoveryEnabled(false)
                .jwksPath(url)
                .token().issuer(issuer).audience(DeviceTokens.AUDIENCE).principalClaim("sub").end()
                .roles(io.quarkus.oidc.runtime.OidcTenantConfig.Roles.Source.accesstoken, DeviceTokens.ROLES_CLAIM)
                .build());
    }

    @Override
    public Uni<OidcTenantConfig> resolve(RoutingContext context, OidcRequestContext<OidcTenantConfig> requestContext) {
        if (tenant.isPresent() && issuer.equals(unverifiedIssuer(context.request().getHeader("Authorization")))) {
            return Uni.createFrom().item(tenant.get());
        }
        return Uni.createFrom().nullItem();
    }

    private static String unverifiedIssuer(String authorization) {
        if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return null;
        }
        String[] parts = authorization.substring(7).trim().split("\\.");
        if (parts.length != 3) {
            return null;
        }
        try {
            JsonNode claims = JSON.readTree(Base64.getUrlDecoder().decode(parts[1]));
            return claims.path("iss").asText(null);
        } catch (Exception e) {
            return null;
        }
    }

    private static String origin(String url) {
        URI uri = URI.create(url);
        return uri.getScheme() + "://" + uri.getAuthority();
    }
}
