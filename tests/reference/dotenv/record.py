"""Records what python-dotenv (as pydantic-settings calls it: dotenv_values, whose interpolation lets file entries override the
environment) makes of
each input of inputs.json, into expected.json, with HOME_TEST=env in the environment. Run with the reference
KPOps' Python (scripts/setup-reference.sh installs it with python-dotenv):
    "$(dirname "$(bash scripts/setup-reference.sh)")/python" tests/reference/dotenv/record.py
"""
import io
import json
import os
from importlib.metadata import version
from pathlib import Path

from dotenv import dotenv_values

here = Path(__file__).parent
os.environ["HOME_TEST"] = "env"
inputs = json.loads((here / "inputs.json").read_text(encoding="utf-8"))
expected = []
for text in inputs:
    values = dotenv_values(stream=io.StringIO(text), interpolate=True)
    expected.append({k: v for k, v in values.items()})
(here / "expected.json").write_text(
    json.dumps({"python-dotenv": version("python-dotenv"), "environment": {"HOME_TEST": "env"}, "results": expected},
               indent=1, ensure_ascii=False) + "\n",
    encoding="utf-8",
)
