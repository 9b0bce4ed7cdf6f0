module kpops.local/tools/pulumi-language-yaml

go 1.26

require github.com/pulumi/pulumi-yaml v1.25.0
