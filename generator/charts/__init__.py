"""Charts: one resolved spec, drawn as vector graphics in the PDF and as a native chart in the deck."""
