// Command pulumi-resource-kubernetes serves the upstream Kubernetes provider.
//
// The upstream main package embeds files generated at release time that the module
// zip lacks, so this main embeds the schema and mapping copied from the module by setup.sh.
package main

import (
	_ "embed"

	"github.com/pulumi/pulumi-kubernetes/provider/v4/pkg/provider"
	"github.com/pulumi/pulumi-kubernetes/provider/v4/pkg/version"
)

//go:embed schema.json
var schema []byte

//go:embed terraform-mapping.json
var terraformMapping []byte

func main() {
	provider.Serve("kubernetes", version.Version, schema, terraformMapping)
}
