// Package provider maps the Terraform Kafka provider (Mongey/terraform-provider-kafka) onto Pulumi
// tokens the way the published @pulumi/kafka SDK expects them (kafka:index/topic:Topic, ...).
//
// The upstream pulumi-kafka provider module is not served by the Go module proxy this project
// reaches, so this package is our own bridge configuration of the same Terraform provider.
package provider

import (
	"fmt"
	"strings"
	"unicode"

	"github.com/Mongey/terraform-provider-kafka/kafka"
	"github.com/pulumi/pulumi-terraform-bridge/v3/pkg/tfbridge"
	"github.com/pulumi/pulumi-terraform-bridge/v3/pkg/tfbridge/tokens"
	shimv2 "github.com/pulumi/pulumi-terraform-bridge/v3/pkg/tfshim/sdk-v2"
)

// Version is set at link time to the version of the @pulumi/kafka SDK this plugin serves.
var Version = "0.0.0-dev"

// Info returns the bridge configuration of the kafka provider.
func Info() tfbridge.ProviderInfo {
	info := tfbridge.ProviderInfo{
		P:           shimv2.NewProvider(kafka.Provider()),
		Name:        "kafka",
		GitHubOrg:   "Mongey",
		Description: "Kafka topics, ACLs and quotas (Terraform provider by Mongey, bridged for KPOps for Pulumi).",
		License:     "Apache-2.0",
		Version:     Version,
		Config: map[string]*tfbridge.SchemaInfo{
			"sasl_mechanism":  {Default: &tfbridge.DefaultInfo{EnvVars: []string{"KAFKA_SASL_MECHANISM"}, Value: "plain"}},
			"skip_tls_verify": {Default: &tfbridge.DefaultInfo{EnvVars: []string{"KAFKA_SKIP_VERIFY"}, Value: false}},
			"tls_enabled":     {Default: &tfbridge.DefaultInfo{EnvVars: []string{"KAFKA_ENABLE_TLS"}, Value: true}},
		},
		Resources: map[string]*tfbridge.ResourceInfo{
			"kafka_acl": {Fields: map[string]*tfbridge.SchemaInfo{
				"resource_name": {Name: "aclResourceName"},
				"resource_type": {Name: "aclResourceType"},
			}},
		},
		JavaScript: &tfbridge.JavaScriptInfo{RespectSchemaVersion: true},
	}
	// Resources live in per-resource modules of index (kafka:index/topic:Topic); functions do not
	// (kafka:index:getTopic). This is the token layout of the published SDKs.
	info.MustComputeTokens(tokens.SingleModule("kafka", "index", func(module, name string) (string, error) {
		if !strings.HasPrefix(name, "get") {
			module += "/" + string(unicode.ToLower(rune(name[0]))) + name[1:]
		}
		return fmt.Sprintf("kafka:%s:%s", module, name), nil
	}))
	info.SetAutonaming(255, "-")
	return info
}
