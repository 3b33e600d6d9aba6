{{/*
Where the Kafka trust store Secret is mounted in the containers.
*/}}
{{- define "mdm-platform.kafkaTruststoreDir" -}}
/etc/mdm/kafka-truststore
{{- end }}

{{/*
The plain (non-secret) configuration of one service, as ConfigMap data: the environment variables
the service reads. Argument: dict "root" $ "service" "<service>".
*/}}
{{- define "mdm-platform.config" -}}
{{- $root := .root }}
{{- $values := $root.Values }}
{{- $services := include "mdm-platform.services" $root | fromYaml }}
QUARKUS_OIDC_AUTH_SERVER_URL: {{ $values.oidc.issuerUrl | quote }}
KAFKA_BOOTSTRAP_SERVERS: {{ $values.kafka.bootstrapServers | quote }}
KAFKA_SECURITY_PROTOCOL: {{ $values.kafka.securityProtocol | quote }}
{{- if hasPrefix "SASL_" $values.kafka.securityProtocol }}
KAFKA_SASL_MECHANISM: {{ $values.kafka.sasl.mechanism | quote }}
{{- end }}
{{- if $values.kafka.truststore.secretName }}
KAFKA_SSL_TRUSTSTORE_LOCATION: {{ printf "%s/%s" (include "mdm-platform.kafkaTruststoreDir" $root) $values.kafka.truststore.fileKey | quote }}
{{- end }}
{{- if eq .service "enrollment-service" }}
MDM_DEVICE_TOKENS_ISSUER: {{ $values.enrollmentService.deviceTokens.issuer | quote }}
{{- else if eq .service "policy-service" }}
MDM_DEVICE_TOKENS_JWKS_URL: {{ printf "%s/api/v1/devices/jwks" (include "mdm-platform.enrollmentUrl" $root) | quote }}
QUARKUS_GRPC_CLIENTS_DEVICE_DIRECTORY_HOST: {{ include "mdm-platform.serviceName" (dict "root" $root "service" "enrollment-service") | quote }}
QUARKUS_GRPC_CLIENTS_DEVICE_DIRECTORY_PORT: {{ (get $services "enrollment-service").grpc | int | quote }}
MDM_SERVICE_CLIENT_ID: {{ $values.policyService.oidcClient.clientId | quote }}
{{- else if eq .service "backup-service" }}
MDM_DEVICE_TOKENS_JWKS_URL: {{ printf "%s/api/v1/devices/jwks" (include "mdm-platform.enrollmentUrl" $root) | quote }}
QUARKUS_GRPC_CLIENTS_POLICY_QUERY_HOST: {{ include "mdm-platform.serviceName" (dict "root" $root "service" "policy-service") | quote }}
QUARKUS_GRPC_CLIENTS_POLICY_QUERY_PORT: {{ (get $services "policy-service").grpc | int | quote }}
QUARKUS_GRPC_CLIENTS_ACCESS_GRANTS_HOST: {{ include "mdm-platform.serviceName" (dict "root" $root "service" "audit-service") | quote }}
QUARKUS_GRPC_CLIENTS_ACCESS_GRANTS_PORT: {{ (get $services "audit-service").grpc | int | quote }}
MDM_SERVICE_CLIENT_ID: {{ $values.backupService.oidcClient.clientId | quote }}
{{- else if eq .service "audit-service" }}
MDM_AUDIT_ORIGIN: {{ $values.auditService.origin | quote }}
{{- end }}
{{- end }}

{{/*
The Secret (name, key) with one service's MongoDB connection string: its own when it names one,
else the shared one. Argument: dict "root" $ "service" "<service>".
*/}}
{{- define "mdm-platform.mongodbSecret" -}}
{{- $values := .root.Values }}
{{- $services := include "mdm-platform.services" .root | fromYaml }}
{{- $own := (index $values (get $services .service).valuesKey).mongodbConnectionStringSecret }}
{{- toYaml (ternary $own $values.mongodb.connectionStringSecret (ne $own.name "")) }}
{{- end }}

{{/*
One environment variable read from an existing Secret.
Argument: dict "name" "<ENV>" "secret" (dict "name" .. "key" ..).
*/}}
{{- define "mdm-platform.secretEnv" -}}
- name: {{ .name }}
  valueFrom:
    secretKeyRef:
      name: {{ required (printf "the Secret name for %s is required" .name) .secret.name | quote }}
      key: {{ required (printf "the Secret key for %s is required" .name) .secret.key | quote }}
{{- end }}

{{/*
The secret configuration of one service: environment variables that reference existing Secrets,
never literal values. Argument: dict "root" $ "service" "<service>".
*/}}
{{- define "mdm-platform.secretEnvs" -}}
{{- $values := .root.Values }}
{{ include "mdm-platform.secretEnv" (dict "name" "QUARKUS_MONGODB_CONNECTION_STRING" "secret" (include "mdm-platform.mongodbSecret" . | fromYaml)) }}
{{- if hasPrefix "SASL_" $values.kafka.securityProtocol }}
{{ include "mdm-platform.secretEnv" (dict "name" "KAFKA_SASL_JAAS_CONFIG" "secret" $values.kafka.sasl.jaasConfigSecret) }}
{{- end }}
{{- with $values.kafka.truststore }}
{{- if .secretName }}
{{ include "mdm-platform.secretEnv" (dict "name" "KAFKA_SSL_TRUSTSTORE_PASSWORD" "secret" (dict "name" .secretName "key" .passwordKey)) }}
{{- end }}
{{- end }}
{{- if eq .service "enrollment-service" }}
{{ include "mdm-platform.secretEnv" (dict "name" "MDM_DEVICE_TOKENS_SIGNING_KEY" "secret" $values.enrollmentService.deviceTokens.signingKeySecret) }}
{{- else if eq .service "policy-service" }}
{{ include "mdm-platform.secretEnv" (dict "name" "MDM_SERVICE_CLIENT_SECRET" "secret" $values.policyService.oidcClient.credentialsSecret) }}
{{- else if eq .service "backup-service" }}
{{ include "mdm-platform.secretEnv" (dict "name" "MDM_BACKUP_MASTER_KEY" "secret" $values.backupService.masterKeySecret) }}
{{ include "mdm-platform.secretEnv" (dict "name" "MDM_SERVICE_CLIENT_SECRET" "secret" $values.backupService.oidcClient.credentialsSecret) }}
{{- else if eq .service "audit-service" }}
{{ include "mdm-platform.secretEnv" (dict "name" "MDM_AUDIT_SIGNING_KEY" "secret" $values.auditService.signingKeySecret) }}
{{- end }}
{{- end }}
