"""Load stage: read YAML files safely, remembering where every value was written."""

from generator.load.spans import SpanMap
from generator.load.yamlfile import load_yaml

__all__ = ["SpanMap", "load_yaml"]
