module kpops.local/tools/kubernetes/helm

go 1.24.0

require helm.sh/helm/v3 v3.18.4
