"""Load stage: read YAML files safely, remembering where every value was written."""

from generator.load.spans import SpanMap
from generator.load.yamlfile import UNREADABLE, load_yaml, read_yaml

__all__ = ["UNREADABLE", "SpanMap", "load_yaml", "read_yaml"]
