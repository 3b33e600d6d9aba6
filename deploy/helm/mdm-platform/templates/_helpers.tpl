{{/*
The chart name, overridable with nameOverride.
*/}}
{{- define "mdm-platform.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/*
The prefix of every object name: the release name, followed by the chart name unless the
release name already contains it. Truncated to 63 characters (the DNS label limit).
*/}}
{{- define "mdm-platform.fullname" -}}
{{- if .Values.fullnameOverride }}
{{- .Values.fullnameOverride | trunc 63 | trimSuffix "-" }}
{{- else }}
{{- $name := default .Chart.Name .Values.nameOverride }}
{{- if contains $name .Release.Name }}
{{- .Release.Name | trunc 63 | trimSuffix "-" }}
{{- else }}
{{- printf "%s-%s" .Release.Name $name | trunc 63 | trimSuffix "-" }}
{{- end }}
{{- end }}
{{- end }}

{{/*
The helm.sh/chart label value.
*/}}
{{- define "mdm-platform.chart" -}}
{{- printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/*
The four services, their values key and their container ports (fixed: the services listen on
them and the other services call them there). Read with: include "mdm-platform.services" . | fromYaml
*/}}
{{- define "mdm-platform.services" -}}
enrollment-service:
  valuesKey: enrollmentService
  http: 8081
  grpc: 9081
  management: 9181
policy-service:
  valuesKey: policyService
  http: 8082
  grpc: 9082
  management: 9182
backup-service:
  valuesKey: backupService
  http: 8083
  grpc: 9083
  management: 9183
audit-service:
  valuesKey: auditService
  http: 8084
  grpc: 9084
  management: 9184
{{- end }}

{{/*
The name of one service's objects. Argument: dict "root" $ "service" "<service>".
*/}}
{{- define "mdm-platform.serviceName" -}}
{{- $prefix := include "mdm-platform.fullname" .root | trunc (int (sub 62 (len .service))) | trimSuffix "-" }}
{{- printf "%s-%s" $prefix .service }}
{{- end }}

{{/*
Labels of every object of the release.
*/}}
{{- define "mdm-platform.labels" -}}
helm.sh/chart: {{ include "mdm-platform.chart" . }}
app.kubernetes.io/name: {{ include "mdm-platform.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
app.kubernetes.io/part-of: mdm-platform
{{- with .Values.commonLabels }}
{{ toYaml . }}
{{- end }}
{{- end }}

{{/*
Labels that select the pods of the release (all services).
*/}}
{{- define "mdm-platform.releaseSelectorLabels" -}}
app.kubernetes.io/name: {{ include "mdm-platform.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
{{- end }}

{{/*
Labels that select one service's pods. Argument: dict "root" $ "service" "<service>".
*/}}
{{- define "mdm-platform.selectorLabels" -}}
{{ include "mdm-platform.releaseSelectorLabels" .root }}
app.kubernetes.io/component: {{ .service }}
{{- end }}

{{/*
Labels of one service's objects. Argument: dict "root" $ "service" "<service>".
*/}}
{{- define "mdm-platform.serviceLabels" -}}
{{ include "mdm-platform.labels" .root }}
app.kubernetes.io/component: {{ .service }}
{{- end }}

{{/*
The image reference of one service: <registry>/mdm/<service>:<tag>[@<digest>]. The tag defaults to
the chart's appVersion; "latest" is refused. Argument: dict "root" $ "service" "<service>".
*/}}
{{- define "mdm-platform.image" -}}
{{- $image := .root.Values.image }}
{{- $tag := default .root.Chart.AppVersion $image.tag }}
{{- if eq $tag "latest" }}
{{- fail "image.tag must pin a version; \"latest\" is not allowed" }}
{{- end }}
{{- $ref := printf "%s/mdm/%s:%s" (trimSuffix "/" $image.registry) .service $tag }}
{{- if $image.digest }}
{{- $ref = printf "%s@%s" $ref $image.digest }}
{{- end }}
{{- $ref }}
{{- end }}

{{/*
The name of one service's ServiceAccount. Argument: dict "root" $ "service" "<service>".
*/}}
{{- define "mdm-platform.serviceAccountName" -}}
{{- if .root.Values.serviceAccount.create }}
{{- include "mdm-platform.serviceName" . }}
{{- else }}
{{- "default" }}
{{- end }}
{{- end }}

{{/*
The HTTP base URL of enrollment-service inside the cluster (for its JWKS).
*/}}
{{- define "mdm-platform.enrollmentUrl" -}}
{{- $ports := get (include "mdm-platform.services" . | fromYaml) "enrollment-service" }}
{{- printf "http://%s:%d" (include "mdm-platform.serviceName" (dict "root" . "service" "enrollment-service")) (int $ports.http) }}
{{- end }}

{{/*
Checks the combinations of values that the schema cannot express; fails with a message that names
the value.
*/}}
{{- define "mdm-platform.validate" -}}
{{- $kafka := .Values.kafka }}
{{- if hasPrefix "SASL_" $kafka.securityProtocol }}
{{- if not $kafka.sasl.mechanism }}
{{- fail "kafka.sasl.mechanism is required when kafka.securityProtocol is SASL_PLAINTEXT or SASL_SSL" }}
{{- end }}
{{- if not $kafka.sasl.jaasConfigSecret.name }}
{{- fail "kafka.sasl.jaasConfigSecret.name is required when kafka.securityProtocol is SASL_PLAINTEXT or SASL_SSL" }}
{{- end }}
{{- end }}
{{- if and $kafka.truststore.secretName (not (has $kafka.securityProtocol (list "SSL" "SASL_SSL"))) }}
{{- fail "kafka.truststore.secretName is set but kafka.securityProtocol does not use TLS (SSL or SASL_SSL)" }}
{{- end }}
{{- range .Values.ingress.paths }}
{{- if not (hasPrefix "/api/v1/" .path) }}
{{- fail (printf "ingress.paths: %s is not under /api/v1/; only the public API may be exposed" .path) }}
{{- end }}
{{- end }}
{{- end }}

{{/*
Which service calls which other service, on which of its ports. The NetworkPolicies allow exactly
these calls and no others. Read with: include "mdm-platform.calls" . | fromYaml
*/}}
{{- define "mdm-platform.calls" -}}
policy-service:
  # The device directory (gRPC) and the JWKS that verifies device tokens (HTTP).
  - service: enrollment-service
    ports: [http, grpc]
backup-service:
  # The JWKS (HTTP), the effective policy (gRPC) and every read authorization (gRPC).
  - service: enrollment-service
    ports: [http]
  - service: policy-service
    ports: [grpc]
  - service: audit-service
    ports: [grpc]
{{- end }}
