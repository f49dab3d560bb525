"""Layout and theme files: their schema, loading (with `extends`) and spans.

A file format like the data file, kept apart from the layout stage that uses it.
"""
