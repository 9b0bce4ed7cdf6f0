// Command pulumi-resource-kafka serves the bridged Terraform Kafka provider to the Pulumi engine.
package main

import (
	_ "embed"

	"github.com/pulumi/pulumi-terraform-bridge/v3/pkg/tfbridge"

	"kpops.local/tools/pulumi-resource-kafka/provider"
)

//go:embed schema.json
var schema []byte

func main() {
	tfbridge.Main("kafka", provider.Version, provider.Info(), schema)
}
