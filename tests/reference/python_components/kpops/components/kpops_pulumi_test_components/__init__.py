"""Test-only custom component types for the *reference* (Python) KPOps 11.0.0 runs.

They mirror /work/shared/conformance/test-components.md. Upstream KPOps discovers custom components as direct
subpackages of the `kpops.components` namespace package, so this directory (tests/reference/python_components)
is put on PYTHONPATH by scripts/record-reference.sh; nothing here is part of the product.
"""

from __future__ import annotations

from kpops.components.base_components.kafka_connector import KafkaSinkConnector
from kpops.components.base_components.pipeline_component import PipelineComponent
from kpops.components.common.topic import OutputTopicTypes
from kpops.components.streams_bootstrap import ProducerApp, StreamsApp


class MyProducerApp(ProducerApp):
    """Type `my-producer-app`: a producer-app with no extra behaviour."""


class MyStreamsApp(StreamsApp):
    """Type `my-streams-app`: a streams-app with no extra behaviour."""


class ScheduledProducer(ProducerApp):
    """Type `scheduled-producer`: a producer-app with no extra behaviour."""


class Converter(StreamsApp):
    """Type `converter`: a streams-app with no extra behaviour."""


class SubStreamsApp(StreamsApp):
    """Type `sub-streams-app`: an intermediate class between streams-app and filter."""


class Filter(SubStreamsApp):
    """Type `filter`: defaults of sub-streams-app and streams-app reach it."""


class ShouldInflate(StreamsApp):
    """Type `should-inflate`: per output topic, adds a sink connector and a streams-app after itself."""

    def inflate(self) -> list[PipelineComponent]:
        steps = super().inflate()
        if not self.to:
            return steps
        for topic, topic_config in self.to.topics.items():
            if topic_config.type != OutputTopicTypes.OUTPUT:
                continue
            steps.append(
                KafkaSinkConnector(
                    name=f"{self.name}-inflated-sink-connector",
                    config={
                        "topics": topic,
                        "transforms.changeTopic.replacement": f"{topic}-index-v1",
                    },
                    to={
                        "topics": {
                            "${component.type}": {"type": "output"},
                            "${component.name}": {"type": None, "label": "test"},
                        }
                    },
                )
            )
            steps.append(
                StreamsApp(
                    name=f"{self.name}-inflated-streams-app",
                    to={
                        "topics": {
                            f"{self.full_name}-" + "${component.name}": {"type": "output"}
                        }
                    },
                )
            )
        return steps


class SimpleInflateConnectors(StreamsApp):
    """Type `simple-inflate-connectors`: adds a sink connector `inflated-connector-name` with an empty config."""

    def inflate(self) -> list[PipelineComponent]:
        steps = super().inflate()
        steps.append(KafkaSinkConnector(name="inflated-connector-name", config={}))
        return steps
