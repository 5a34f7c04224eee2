{{/*
Naming and labels shared by every template. Most templates range over .Values.services and call these helpers with
a context dict: (dict "root" $ "name" "order-service" "svc" $svc).
*/}}

{{/* Prefix of every object name: the release name, plus "-waybill" unless the release name already says it. */}}
{{- define "waybill.fullname" -}}
{{- if .Values.fullnameOverride -}}
{{- .Values.fullnameOverride | trunc 40 | trimSuffix "-" -}}
{{- else if contains .Chart.Name .Release.Name -}}
{{- .Release.Name | trunc 40 | trimSuffix "-" -}}
{{- else -}}
{{- printf "%s-%s" .Release.Name .Chart.Name | trunc 40 | trimSuffix "-" -}}
{{- end -}}
{{- end -}}

{{/* Name of one service's objects, e.g. waybill-order-service (a DNS label: at most 63 characters). */}}
{{- define "waybill.serviceFullname" -}}
{{- printf "%s-%s" (include "waybill.fullname" .root) .name | trunc 63 | trimSuffix "-" -}}
{{- end -}}

{{- define "waybill.chartLabel" -}}
{{- printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" | trunc 63 | trimSuffix "-" -}}
{{- end -}}

{{/* Labels on every object of the chart. */}}
{{- define "waybill.commonLabels" -}}
helm.sh/chart: {{ include "waybill.chartLabel" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
app.kubernetes.io/part-of: waybill
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
{{- end -}}

{{/* Selector labels of one service: stable for the life of a release (selectors are immutable). */}}
{{- define "waybill.selectorLabels" -}}
app.kubernetes.io/name: {{ .name }}
app.kubernetes.io/instance: {{ .root.Release.Name }}
{{- end -}}

{{/* All labels of one service's objects. */}}
{{- define "waybill.serviceLabels" -}}
{{ include "waybill.commonLabels" .root }}
app.kubernetes.io/name: {{ .name }}
app.kubernetes.io/component: service
{{- end -}}

{{/* The image flavor, refused unless native or jvm (the schema says so too; this guards --set typos in CI). */}}
{{- define "waybill.flavor" -}}
{{- $flavor := .Values.image.flavor -}}
{{- if not (has $flavor (list "native" "jvm")) -}}
{{- fail (printf "image.flavor must be native or jvm, not %q" $flavor) -}}
{{- end -}}
{{- $flavor -}}
{{- end -}}

{{/* <registry>/<service>:<version>-<flavor> */}}
{{- define "waybill.image" -}}
{{- $root := .root -}}
{{- $version := $root.Values.image.tag | default $root.Chart.AppVersion -}}
{{- printf "%s/%s:%s-%s" $root.Values.image.registry .name $version (include "waybill.flavor" $root) -}}
{{- end -}}

{{/* The service's resources, or the defaults of its image flavor. */}}
{{- define "waybill.resources" -}}
{{- $flavor := include "waybill.flavor" .root -}}
{{- $resources := .svc.resources | default (get .root.Values.resourcesByFlavor $flavor) -}}
{{- toYaml $resources -}}
{{- end -}}

{{/* The service's autoscaling settings: the chart-wide ones with the service's overrides on top. */}}
{{- define "waybill.autoscaling" -}}
{{- $settings := deepCopy .root.Values.autoscaling -}}
{{- /* set, not merge: merge would let a chart-wide true win over a service's explicit false. */ -}}
{{- range $key, $value := (.svc.autoscaling | default dict) -}}
{{- $_ := set $settings $key $value -}}
{{- end -}}
{{- toYaml $settings -}}
{{- end -}}

{{/* Names of the existing Secrets a service reads: services.<name>.existingSecrets.<kind>, or a derived default. */}}
{{- define "waybill.secretName" -}}
{{- $secrets := .ctx.svc.existingSecrets | default dict -}}
{{- get $secrets .kind | default (printf "%s-%s" (include "waybill.serviceFullname" .ctx) .kind) -}}
{{- end -}}

{{/* host:port/database of a service's PostgreSQL database. */}}
{{- define "waybill.databaseAddress" -}}
{{- $pg := .root.Values.postgresql -}}
{{- $db := .svc.database -}}
{{- printf "%s:%v/%s" ($db.host | default $pg.host) ($db.port | default $pg.port) $db.name -}}
{{- end -}}

{{/* ?sslmode=... when postgresql.sslMode is set; understood by both the reactive client and the JDBC driver. */}}
{{- define "waybill.databaseParameters" -}}
{{- with .root.Values.postgresql.sslMode -}}?sslmode={{ . }}{{- end -}}
{{- end -}}

{{/* A network policy peer (namespaceSelector and/or podSelector) from values, as one list item. */}}
{{- define "waybill.peer" -}}
{{- toYaml (list .) -}}
{{- end -}}

{{/* The ConfigMap data of one service; also hashed into its pod template, so a change rolls only that service. */}}
{{- define "waybill.configData" -}}
{{- $root := .root -}}
QUARKUS_PROFILE: "prod"
SERVICE_NAME: {{ .name | quote }}
QUARKUS_HTTP_PORT: "8080"
DB_REACTIVE_URL: {{ printf "postgresql://%s%s" (include "waybill.databaseAddress" .) (include "waybill.databaseParameters" .) | quote }}
DB_JDBC_URL: {{ printf "jdbc:postgresql://%s%s" (include "waybill.databaseAddress" .) (include "waybill.databaseParameters" .) | quote }}
DB_USERNAME: {{ .svc.database.username | quote }}
AMQP_HOST: {{ $root.Values.broker.host | quote }}
AMQP_PORT: {{ $root.Values.broker.port | quote }}
OIDC_URL: {{ printf "%s/realms/%s" (trimSuffix "/" $root.Values.keycloak.url) $root.Values.keycloak.realm | quote }}
OIDC_CLIENT_ID: {{ .name | quote }}
KEYCLOAK_URL: {{ trimSuffix "/" $root.Values.keycloak.url | quote }}
OTLP_ENDPOINT: {{ $root.Values.otel.endpoint | quote }}
{{- range $key, $value := .svc.config }}
{{ $key }}: {{ $value | quote }}
{{- end }}
{{- end -}}
