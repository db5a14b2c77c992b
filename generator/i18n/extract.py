"""Babel extractor for content/ YAML files (entry point `mailflow_content`).

Used by `pybabel extract -F babel.cfg`; yields one message per
translatable string with its line, and the field it came from as a
translator comment.
"""
from __future__ import annotations

from ruamel.yaml import YAML
from ruamel.yaml.error import YAMLError

from generator.i18n.translatable import iter_strings


def extract_content(fileobj, keywords, comment_tags, options):
    yaml = YAML(typ="rt")
    try:
        data = yaml.load(fileobj.read().decode(options.get("encoding", "utf-8")))
    except (YAMLError, UnicodeDecodeError):
        # The build reports broken files with their line; extraction skips them.
        return
    for text, line in iter_strings(data):
        if text:
            yield line or 1, None, text, []
