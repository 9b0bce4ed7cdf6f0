"""The word-count KPOps project as a kpops Project, from Python.

Stack config (all optional): projectDir, localChartsDir and schemaProvider, relative to this folder.
"""
import pulumi
import pulumi_kpops as kpops

config = pulumi.Config()
project_dir = config.get("projectDir") or "../word-count"

project = kpops.Project(
    "word-count",
    project_dir=project_dir,
    pipeline_paths=["."],  # relative to project_dir, like KPOps
    local_charts_dir=config.get("localChartsDir") or "../../charts",
    schema_provider=config.get("schemaProvider"),
    base_dir=project_dir,
)

pulumi.export("topics", project.topic_names)
pulumi.export("releases", project.release_names)
pulumi.export("connectors", project.connector_names)
