"""Render stage: thin backends that draw what the layout stage decided."""
