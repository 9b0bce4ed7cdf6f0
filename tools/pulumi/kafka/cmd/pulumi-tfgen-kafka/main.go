// Command pulumi-tfgen-kafka writes the Pulumi schema of the bridged kafka provider
// (setup.sh runs it once, then embeds the schema in pulumi-resource-kafka).
package main

import (
	"github.com/pulumi/pulumi-terraform-bridge/v3/pkg/tfgen"

	"kpops.local/tools/pulumi-resource-kafka/provider"
)

func main() {
	tfgen.Main("kafka", provider.Version, provider.Info())
}
