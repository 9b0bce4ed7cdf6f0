{{/*
Shared helpers of the KPOps-for-Pulumi minimal streams-bootstrap charts. They follow the values interface of
bakdata's streams-bootstrap v3 charts (image, imageTag, kafka.*, commandLine, env, secrets, ...) and map it to
environment variables the same way: APP_* for the app, KAFKA_* for kafka.config.
*/}}

{{- define "app.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" -}}
{{- end -}}

{{- define "app.fullname" -}}
{{- if .Values.fullnameOverride -}}
{{- .Values.fullnameOverride | trunc 63 | trimSuffix "-" -}}
{{- else -}}
{{- printf "%s-%s" .Release.Name (include "app.name" .) | trunc 63 | trimSuffix "-" -}}
{{- end -}}
{{- end -}}

{{- define "app.selectorLabels" -}}
app.kubernetes.io/name: {{ include "app.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
{{- end -}}

{{- define "app.labels" -}}
{{ include "app.selectorLabels" . }}
helm.sh/chart: {{ printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
{{- range $key, $value := .Values.labels }}
{{ $key }}: {{ $value | quote }}
{{- end }}
{{- end -}}

{{- define "app.image" -}}
{{- printf "%s:%s" .Values.image (toString (default "latest" .Values.imageTag)) -}}
{{- end -}}

{{/* Environment of the app container: the kafka section, commandLine and env. */}}
{{- define "app.env" -}}
{{- $prefix := default "APP_" .Values.configurationEnvPrefix -}}
{{- $kafka := default dict .Values.kafka -}}
- name: {{ $prefix }}BOOTSTRAP_SERVERS
  value: {{ required "kafka.bootstrapServers is required" $kafka.bootstrapServers | quote }}
{{- with $kafka.schemaRegistryUrl }}
- name: {{ $prefix }}SCHEMA_REGISTRY_URL
  value: {{ . | quote }}
{{- end }}
{{- with $kafka.applicationId }}
- name: {{ $prefix }}APPLICATION_ID
  value: {{ . | quote }}
{{- end }}
{{- with $kafka.groupId }}
- name: {{ $prefix }}GROUP_ID
  value: {{ . | quote }}
{{- end }}
{{- with $kafka.inputTopics }}
- name: {{ $prefix }}INPUT_TOPICS
  value: {{ join "," . | quote }}
{{- end }}
{{- with $kafka.inputPattern }}
- name: {{ $prefix }}INPUT_PATTERN
  value: {{ . | quote }}
{{- end }}
{{- with $kafka.outputTopic }}
- name: {{ $prefix }}OUTPUT_TOPIC
  value: {{ . | quote }}
{{- end }}
{{- with $kafka.errorTopic }}
- name: {{ $prefix }}ERROR_TOPIC
  value: {{ . | quote }}
{{- end }}
{{- with $kafka.labeledInputTopics }}
- name: {{ $prefix }}LABELED_INPUT_TOPICS
  value: "{{- range $label, $topics := . }}{{ $label }}={{ join ";" $topics }},{{- end }}"
{{- end }}
{{- with $kafka.labeledInputPatterns }}
- name: {{ $prefix }}LABELED_INPUT_PATTERNS
  value: "{{- range $label, $pattern := . }}{{ $label }}={{ $pattern }},{{- end }}"
{{- end }}
{{- with $kafka.labeledOutputTopics }}
- name: {{ $prefix }}LABELED_OUTPUT_TOPICS
  value: "{{- range $label, $topic := . }}{{ $label }}={{ $topic }},{{- end }}"
{{- end }}
{{- if hasKey $kafka "deleteOutput" }}
- name: {{ $prefix }}DELETE_OUTPUT
  value: {{ $kafka.deleteOutput | quote }}
{{- end }}
{{- range $key, $value := $kafka.config }}
- name: {{ printf "KAFKA_%s" ($key | upper | replace "." "_" | replace "-" "_") }}
  value: {{ $value | quote }}
{{- end }}
{{- range $key, $value := .Values.commandLine }}
- name: {{ printf "%s%s" $prefix ($key | upper) }}
  value: {{ $value | quote }}
{{- end }}
{{- range $key, $value := .Values.env }}
- name: {{ $key }}
  value: {{ $value | quote }}
{{- end }}
{{- with .Values.javaOptions }}
- name: JAVA_TOOL_OPTIONS
  value: {{ printf "-XX:MaxRAMPercentage=%v %s" (default 75 .maxRAMPercentage) (join " " (default list .others)) | trim | quote }}
{{- end }}
{{- end -}}

{{/* The app container. */}}
{{- define "app.container" -}}
- name: {{ include "app.name" . }}
  image: {{ include "app.image" . | quote }}
  imagePullPolicy: {{ default "IfNotPresent" .Values.imagePullPolicy }}
  env:
{{ include "app.env" . | indent 4 }}
{{- if .Values.secrets }}
  envFrom:
    - secretRef:
        name: {{ include "app.fullname" . }}
{{- end }}
{{- with .Values.resources }}
  resources:
{{ toYaml . | indent 4 }}
{{- end }}
{{- with .Values.ports }}
  ports:
{{- range . }}
    - containerPort: {{ .containerPort }}
      {{- with .name }}
      name: {{ . }}
      {{- end }}
      protocol: {{ default "TCP" .schema }}
{{- end }}
{{- end }}
{{- with .Values.livenessProbe }}
  livenessProbe:
{{ toYaml . | indent 4 }}
{{- end }}
{{- with .Values.readinessProbe }}
  readinessProbe:
{{ toYaml . | indent 4 }}
{{- end }}
{{- end -}}

{{/* Pod-level settings shared by all workloads. */}}
{{- define "app.podSpecExtras" -}}
{{- with .Values.imagePullSecrets }}
imagePullSecrets:
{{ toYaml . }}
{{- end }}
{{- with .Values.affinity }}
affinity:
{{ toYaml . | indent 2 }}
{{- end }}
{{- with .Values.tolerations }}
tolerations:
{{ toYaml . }}
{{- end }}
{{- end -}}

{{- define "app.podMetadata" -}}
labels:
{{ include "app.selectorLabels" . | indent 2 }}
{{- range $key, $value := .Values.podLabels }}
  {{ $key }}: {{ $value | quote }}
{{- end }}
{{- with .Values.podAnnotations }}
annotations:
{{ toYaml . | indent 2 }}
{{- end }}
{{- end -}}
